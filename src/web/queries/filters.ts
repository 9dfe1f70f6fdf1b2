// The queue's filters: parsed from a query string (the same for the HTML queue, the exports and /api/events),
// validated, and turned back into a query string for paging links.
import { eventStatus, eventType } from '../../db/schema.ts';

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

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | null {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function clampInt(value: string | undefined, min: number, max: number, fallback: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** Reads filters from query parameters; unknown or malformed values fall back to the defaults instead of failing. */
export function parseFilters(get: (key: string) => string | undefined, maxPageSize = 200): EventFilters {
  const text = (k: string) => (get(k) ?? '').trim().slice(0, 200);
  const conf = Number.parseFloat(get('minConfidence') ?? '');
  return {
    status: get('status') === 'all' ? 'all' : pick(get('status'), EVENT_STATUSES) ?? DEFAULT_FILTERS.status,
    type: pick(get('type'), EVENT_TYPES),
    firm: text('firm'),
    place: text('place'),
    language: text('language').toLowerCase().slice(0, 8),
    from: DATE.test(text('from')) ? text('from') : '',
    to: DATE.test(text('to')) ? text('to') : '',
    minConfidence: Number.isFinite(conf) ? Math.min(1, Math.max(0, conf)) : null,
    q: text('q'),
    sort: pick(get('sort'), SORTS) ?? DEFAULT_FILTERS.sort,
    dir: get('dir') === 'asc' ? 'asc' : 'desc',
    page: clampInt(get('page'), 1, 1_000_000, 1),
    pageSize: clampInt(get('pageSize'), 1, maxPageSize, DEFAULT_FILTERS.pageSize),
  };
}

/** The query string for these filters with some fields replaced (only non-default values are written). */
export function filtersToQuery(f: EventFilters, override: Partial<EventFilters> = {}): string {
  const merged: EventFilters = { ...f, ...override };
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_FILTERS) as Array<keyof EventFilters>) {
    const v = merged[key];
    if (v === null || v === '' || v === DEFAULT_FILTERS[key]) continue;
    params.set(key, String(v));
  }
  return params.toString();
}
