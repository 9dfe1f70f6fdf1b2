// Publication dates: parse the many formats pages use, and choose among candidates with an explicit, ordered rule.
import type { DateCandidate } from './types.ts';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  ene: 1, abr: 4, ago: 8, dic: 12, janv: 1, févr: 2, fevr: 2, mars: 3, avr: 4, mai: 5, juin: 6, juil: 7, août: 8, aout: 8, déc: 12,
  jän: 1, märz: 3, okt: 10, dez: 12, fev: 2, out: 10, set: 9,
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Years a news page can plausibly be dated in. Archive stories from the 1980s are real (a cutoff at 1990 left them
 * undated and their events took the fetch date); years before 1900 are typos or numbers that look like dates.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

function validYmd(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/**
 * Parses a date string into ISO 8601: a UTC instant when the input has a time and zone, a local "YYYY-MM-DDTHH:MM:SS"
 * when it has a time but no zone, and "YYYY-MM-DD" for a bare date. Returns null for anything it cannot read.
 */
export function parseDate(raw: string | null | undefined): string | null {
  const s = raw?.trim();
  if (!s || s.length > 80) return null;
  let m = s.match(/^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$/i);
  if (m) {
    const [, y, mo, d, hh, mm, ss, zone] = m;
    if (!validYmd(+y!, +mo!, +d!)) return null;
    if (!hh) return `${y}-${mo}-${d}`;
    const local = `${y}-${mo}-${d}T${hh}:${mm}:${ss ?? '00'}`;
    if (!zone) return local;
    const z = /^(Z|UTC|GMT)$/i.test(zone) ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const t = Date.parse(local + z);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  if (/^\d{10}(\d{3})?$/.test(s)) {
    const ms = s.length === 13 ? +s : +s * 1000;
    const d = new Date(ms);
    return validYmd(d.getUTCFullYear(), 1, 1) ? d.toISOString() : null;
  }
  // "12 May 2023", "May 12, 2023", "12. Mai 2023", "12 de mayo de 2023"
  m = s.match(/(\d{1,2})\.?\s+(?:de\s+)?([\p{L}]{3,})\.?,?\s+(?:de\s+)?(\d{4})/u) ?? null;
  let ymd: [number, number, number] | null = null;
  if (m) {
    const mon = MONTHS[m[2]!.toLowerCase().slice(0, m[2]!.toLowerCase().startsWith('sept') ? 4 : 3)] ?? MONTHS[m[2]!.toLowerCase()];
    if (mon) ymd = [+m[3]!, mon, +m[1]!];
  }
  if (!ymd) {
    m = s.match(/([\p{L}]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/u);
    const mon = m ? MONTHS[m[1]!.toLowerCase().slice(0, 3)] : undefined;
    if (m && mon) ymd = [+m[3]!, mon, +m[2]!];
  }
  if (!ymd) {
    m = s.match(/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})/) ?? null;
    if (m) ymd = [+m[1]!, +m[2]!, +m[3]!];
  }
  if (!ymd) {
    // dd.mm.yyyy and dd/mm/yyyy: day first, as in most of the world outside the US; ambiguous US dates are rare in metadata.
    m = s.match(/^(\d{1,2})[/.](\d{1,2})[/.](\d{4})/);
    if (m) ymd = +m[2]! > 12 ? [+m[3]!, +m[1]!, +m[2]!] : [+m[3]!, +m[2]!, +m[1]!];
  }
  if (!ymd) {
    m = s.match(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/);
    if (m) ymd = [+m[1]!, +m[2]!, +m[3]!];
  }
  if (ymd && validYmd(...ymd)) return `${ymd[0]}-${pad(ymd[1])}-${pad(ymd[2])}`;
  const t = Date.parse(s);
  if (!Number.isNaN(t) && /\d{4}/.test(s)) {
    const d = new Date(t);
    return validYmd(d.getUTCFullYear(), 1, 1) ? d.toISOString() : null;
  }
  return null;
}

/** Reads a date from a URL path such as /2023/05/12/ or /2023-05-12-title or /20230512/. */
export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const m =
    path.match(/\/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=[/_.-]|$)/) ??
    path.match(/[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/);
  if (!m || !validYmd(+m[1]!, +m[2]!, +m[3]!)) return null;
  return `${m[1]}-${pad(+m[2]!)}-${pad(+m[3]!)}`;
}

/** What a candidate's source says it is: the publication date, a modification date, or unknown. */
function kindOf(source: string): 'published' | 'modified' | 'other' {
  if (/modif|updat|revis|last-modified/i.test(source)) return 'modified';
  if (/publish|pub-?date|created|issued|date$|sailthru|parsely|dc\.date|dcterms\.(date|created)|:date|release|posted/i.test(source)) return 'published';
  return 'other';
}

/** Lower is more trustworthy: structured metadata beats markup, markup beats the URL. */
function tierOf(source: string): number {
  if (source.startsWith('json-ld')) return 0;
  if (source.startsWith('meta')) return 1;
  if (source.startsWith('itemprop')) return 1;
  if (source.startsWith('time')) return 2;
  if (source.startsWith('url')) return 3;
  return 4;
}

/**
 * Chooses the publication date: any "published" candidate beats "other" beats "modified"; within a kind, JSON-LD and
 * meta beat <time> beat the URL. A URL date that agrees on the day with a richer candidate is superseded by it.
 */
export function chooseDate(candidates: DateCandidate[]): DateCandidate | null {
  const kindRank = { published: 0, other: 1, modified: 2 } as const;
  const ranked = [...candidates].sort(
    (a, b) => kindRank[kindOf(a.source)] - kindRank[kindOf(b.source)] || tierOf(a.source) - tierOf(b.source),
  );
  const best = ranked[0];
  if (!best) return null;
  // A time-of-day is more useful than a bare day: take the most precise candidate that agrees on the day.
  if (best.value.length === 10) {
    const richer = ranked.find((c) => c.value.length > 10 && c.value.slice(0, 10) === best.value && kindOf(c.source) !== 'modified');
    if (richer) return richer;
  }
  return best;
}
