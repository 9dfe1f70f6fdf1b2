// Cross-article merge key for the store stage: the same event reported by several articles, in any language, within
// a time window becomes one stored event with every supporting article attached.
//
// The key is built from what identifies an event across reports, never from wording:
//   type | firm | discriminator | time bucket
// - firm: the canonical firm id when the entity stage resolved one (ids are language-independent: "firm:alibaba"),
//   else the firm name normalised like the scorer does (lower case, no accents, no punctuation, no legal suffix),
//   so "Sony Corp" and "Sony (U.K.) Ltd" differ only by their suffix-free words.
// - discriminator: for `leadership` and `talent_move` the person (two appointments at one firm are two events);
//   for `export_control` without a firm, the agency; nothing for the other types, because reports of one hiring
//   push or one round of cuts disagree about places and numbers.
// - time bucket: floor(publishedAt / windowDays). Two reports straddling a bucket edge get different keys, so
//   `eventFingerprints` also returns the key of the neighbouring bucket the date is nearest to; the store looks
//   up both and attaches to whichever exists.
import type { ExtractedEvent } from '../types.ts';
import { firmKey } from './firms.ts';

export interface FingerprintOptions {
  /** Width of the merge window in days (default 14). */
  windowDays?: number;
  /** When the article was published (ISO 8601 or Date); the bucket falls back to "undated" without it. */
  publishedAt?: string | Date | null;
  /** Canonical firm id for `event.firm` when the caller has one (e.g. "firm:alibaba"); preferred over the name. */
  firmId?: string | null;
}

const DAY_MS = 86_400_000;

function bucketOf(publishedAt: string | Date | null | undefined, windowDays: number): { bucket: number; nearest: number } | null {
  if (!publishedAt) return null;
  const t = (publishedAt instanceof Date ? publishedAt : new Date(publishedAt)).getTime();
  if (Number.isNaN(t)) return null;
  const width = windowDays * DAY_MS;
  const bucket = Math.floor(t / width);
  const offset = t - bucket * width;
  return { bucket, nearest: offset < width / 2 ? bucket - 1 : bucket + 1 };
}

function identity(event: ExtractedEvent, firmId: string | null | undefined): string {
  const firm = firmId ? firmId.toLowerCase() : event.firm ? firmKey(event.firm) : '';
  let extra = '';
  if (event.type === 'leadership' || event.type === 'talent_move') extra = event.person ? firmKey(event.person) : '';
  else if (event.type === 'export_control' && !firm) extra = event.agency ? firmKey(event.agency) : '';
  return `${event.type}|${firm}|${extra}`;
}

/** The deterministic merge key of an event: the same (type, firm, person/agency) within one window gives the same key. */
export function eventFingerprint(event: ExtractedEvent, options: FingerprintOptions = {}): string {
  const b = bucketOf(options.publishedAt, options.windowDays ?? 14);
  return `${identity(event, options.firmId)}|${b ? `w${b.bucket}` : 'undated'}`;
}

/** The event's key plus the key of the adjacent window nearest its date; look both up to merge across a bucket edge. */
export function eventFingerprints(event: ExtractedEvent, options: FingerprintOptions = {}): [string, string] {
  const b = bucketOf(options.publishedAt, options.windowDays ?? 14);
  const id = identity(event, options.firmId);
  return b ? [`${id}|w${b.bucket}`, `${id}|w${b.nearest}`] : [`${id}|undated`, `${id}|undated`];
}
