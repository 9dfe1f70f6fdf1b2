// The queue's filters: parsed from a query string (the same for the HTML queue, the exports and /api/events),
// validated once here (zod schemas from ../params.ts), and turned back into a query string for paging links. A bad
// value is an InputError naming the parameter and the reason (the app turns it into a 400).
import { eventStatus, eventType } from '../../db/schema.ts';
import { InputError } from '../../errors.ts';
import { dateParam, enumParam, intParam, languageParam, parseParams, textParam, unitParam } from '../params.ts';

export type EventStatus = (typeof eventStatus.enumValues)[number];
export type EventType = (typeof eventType.enumValues)[number];
export const EVENT_STATUSES = eventStatus.enumValues;
export const EVENT_TYPES = eventType.enumValues;
export const SORTS = ['occurred', 'confidence', 'created', 'firm', 'type'] as const;
export type SortKey = (typeof SORTS)[number];

export interface EventFilters {
  status: EventStatus | 'all';
  type: EventType | null;
  firm: string;
  place: string;
  language: string;
  /** Inclusive date range on the event's date (occurred_at, else created_at), YYYY-MM-DD. */
  from: string;
  to: string;
  minConfidence: number | null;
  q: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const DEFAULT_FILTERS: EventFilters = {
  status: 'pending', type: null, firm: '', place: '', language: '', from: '', to: '', minConfidence: null, q: '',
  sort: 'occurred', dir: 'desc', page: 1, pageSize: 50,
};

export const FILTER_KEYS = Object.keys(DEFAULT_FILTERS) as Array<keyof EventFilters>;

export interface ParseFilterOptions {
  /** Largest page size allowed (200 on pages, 1000 on the API). */
  maxPageSize?: number;
  /** The threshold used when the request names none (the queue's configured default; null elsewhere). */
  defaultMinConfidence?: number | null;
}

function shapeFor(maxPageSize: number) {
  return {
    status: enumParam(['all', ...EVENT_STATUSES] as const),
    type: enumParam(EVENT_TYPES),
    firm: textParam,
    place: textParam,
    language: languageParam,
    from: dateParam,
    to: dateParam,
    minConfidence: unitParam,
    q: textParam,
    sort: enumParam(SORTS),
    dir: enumParam(['asc', 'desc'] as const),
    page: intParam(1, 1_000_000),
    pageSize: intParam(1, maxPageSize),
  };
}

const shapes = new Map<number, ReturnType<typeof shapeFor>>();

/**
 * Reads and validates filters from query parameters. Missing or empty parameters take the defaults; a bad one
 * throws an InputError that names it (filter "from" "2025-13-45" is not a real calendar date).
 */
export function parseFilters(get: (key: string) => string | undefined, opts: ParseFilterOptions = {}): EventFilters {
  const maxPageSize = opts.maxPageSize ?? 200;
  const shape = shapes.get(maxPageSize) ?? shapes.set(maxPageSize, shapeFor(maxPageSize)).get(maxPageSize)!;
  const defaults: EventFilters = { ...DEFAULT_FILTERS, minConfidence: opts.defaultMinConfidence ?? null };
  const f = parseParams<EventFilters>(get, shape, defaults, 'filter');
  if (f.from && f.to && f.from > f.to) throw new InputError(`filter "from" ${f.from} is after "to" ${f.to}`);
  return f;
}

/** Like parseFilters, but falls back to the defaults instead of failing (for a "back to the queue" link we sent ourselves). */
export function parseFiltersOrDefault(get: (key: string) => string | undefined, opts: ParseFilterOptions = {}): EventFilters {
  try {
    return parseFilters(get, opts);
  } catch {
    return { ...DEFAULT_FILTERS, minConfidence: opts.defaultMinConfidence ?? null };
  }
}

/** The query string for these filters with some fields replaced (only non-default values are written). */
export function filtersToQuery(f: EventFilters, override: Partial<EventFilters> = {}): string {
  const merged: EventFilters = { ...f, ...override };
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = merged[key];
    if (v === null || v === '' || v === DEFAULT_FILTERS[key]) continue;
    params.set(key, String(v));
  }
  return params.toString();
}
