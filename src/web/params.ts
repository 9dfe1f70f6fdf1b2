// Query-parameter validation at the edge, with zod: each page declares the parameters it reads and their types,
// and parseParams turns a bad value into an InputError naming the parameter and the reason (the app answers 400).
// Missing or empty parameters (an untouched form field) take the defaults. Nothing unchecked reaches SQL.
import { z } from 'zod';
import { InputError } from '../errors.ts';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
export const MAX_TEXT = 200;

/** Free text: no control characters (a NUL byte makes Postgres fail), trimmed, at most 200 characters. */
export const textParam = z.string()
  .refine((s) => !CONTROL.test(s), 'must not contain control characters')
  .transform((s) => s.trim())
  .refine((s) => s.length <= MAX_TEXT, `must be at most ${MAX_TEXT} characters`);

/** A calendar date YYYY-MM-DD that exists (no month 13, no 30 February, no year 0). */
export const dateParam = z.string().transform((s, ctx) => {
  const v = s.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'must be a date as YYYY-MM-DD' });
    return z.NEVER;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || month < 1 || month > 12 || day < 1 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    ctx.addIssue({ code: 'custom', message: 'is not a real calendar date' });
    return z.NEVER;
  }
  return v;
});

/** A whole number in [min, max]. */
export function intParam(min: number, max: number) {
  return z.string().trim()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);
}

/** One of a fixed list of values. */
export function enumParam<T extends string>(values: readonly T[]) {
  return z.string().trim()
    .refine((v) => (values as readonly string[]).includes(v), `must be one of ${values.join(', ')}`)
    .transform((v) => v as T);
}

/** A number from 0 to 1 (a confidence). */
export const unitParam = z.string().trim().regex(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, 'must be a number from 0 to 1').transform(Number);

/** A language code such as en, zh or pt-br, lower-cased. */
export const languageParam = textParam.transform((s) => s.toLowerCase()).refine((s) => /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(s), 'must be a language code such as en or zh');

function shown(raw: string): string {
  // JSON quoting shows a NUL or a newline as \u0000 or \n instead of printing it.
  return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
}

type Shape<T> = { [K in keyof T]: z.ZodType<T[K], string> };

/** Reads each declared parameter through its schema; an InputError names the first bad one. */
export function parseParams<T extends object>(get: (key: string) => string | undefined, shape: Shape<T>, defaults: T, label = 'parameter'): T {
  const out = { ...defaults };
  for (const key of Object.keys(shape) as Array<keyof T & string>) {
    const raw = get(key);
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = shape[key].safeParse(raw);
    if (!parsed.success) throw new InputError(`${label} "${key}" ${shown(raw)} ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
    out[key] = parsed.data;
  }
  return out;
}
