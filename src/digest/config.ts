// The digest settings in config/digest.yaml: zod schema (snake_case keys for analysts, camelCase in code) and loader.
import { z } from 'zod';
import { loadConfigFile, resolveConfigDir } from '../config/load.ts';
import { ConfigError } from '../errors.ts';
import { isValidTimeZone } from './week.ts';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const recipientSchema = z.union([
  z.email().transform((email) => ({ email, name: null as string | null })),
  z.object({ email: z.email(), name: z.string().min(1).nullish() }).strict().transform((r) => ({ email: r.email, name: r.name ?? null })),
]);

export const digestConfigSchema = z.object({
  time_zone: z.string().refine(isValidTimeZone, { message: 'not an IANA time zone this runtime knows (e.g. Europe/Berlin, UTC)' }),
  schedule: z.object({
    weekday: z.enum(WEEKDAYS),
    hour: z.number().int().min(0).max(23),
  }).strict(),
  from: z.string().min(3).refine((v) => /@[^@\s>]+/.test(v), { message: 'needs an address, e.g. "Hiring Radar <radar@example.com>"' }),
  recipients: z.array(recipientSchema).nullish().transform((v) => v ?? []),
  opted_in_users: z.boolean().default(true),
  empty_week: z.enum(['note', 'skip']).default('note'),
  review_url: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).nullish().transform((v) => v || null),
}).strict().transform((c) => ({
  timeZone: c.time_zone,
  schedule: { weekday: WEEKDAYS.indexOf(c.schedule.weekday) + 1, hour: c.schedule.hour },
  from: c.from,
  recipients: c.recipients,
  optedInUsers: c.opted_in_users,
  emptyWeek: c.empty_week,
  reviewUrl: c.review_url,
}));

/**
 * The validated digest settings; `schedule.weekday` is ISO (Monday 1 ... Sunday 7). `reviewUrl` is the review UI's
 * public URL the digest links each event to: RADAR_PUBLIC_URL, else digest.yaml's review_url, else null (no links).
 * `configDir` is the folder it came from (its event lexicons tell appointments from departures).
 */
export type DigestConfig = z.output<typeof digestConfigSchema> & { configDir?: string };

/** RADAR_PUBLIC_URL checked once: an http(s) URL, or unset/empty (null). */
export function publicUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.RADAR_PUBLIC_URL?.trim();
  if (!raw) return null;
  try {
    const u = new URL(raw);
    if (u.protocol === 'http:' || u.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  throw new ConfigError(`RADAR_PUBLIC_URL "${raw.slice(0, 200)}": not an http(s) URL, e.g. https://radar.example.org`);
}

/** Loads and validates digest.yaml from the config folder (`--config DIR`, else the project's config/), and RADAR_PUBLIC_URL. */
export function loadDigestConfig(configDir?: string, env: NodeJS.ProcessEnv = process.env): DigestConfig {
  const dir = resolveConfigDir(configDir);
  const config = loadConfigFile(dir, 'digest.yaml', digestConfigSchema);
  return { ...config, reviewUrl: publicUrlFromEnv(env) ?? config.reviewUrl, configDir: dir };
}

/** The line `radar run` prints once at start when the digest cannot link to the review UI, else null. */
export function publicUrlNotice(config: Pick<DigestConfig, 'reviewUrl'>): string | null {
  return config.reviewUrl ? null : 'RADAR_PUBLIC_URL is not set: the weekly digest will not link to events in the review UI';
}
