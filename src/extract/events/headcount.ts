// Headcounts: a number of jobs or people stated next to a job noun ("1,200 jobs", "1.200 empleos", "diez plazas").
// Money and percentages never count: "2.500 millones de pesetas" has no job noun, so it is not a headcount.
import type { LanguageLexicon } from './lexicon.ts';
import { NUMBER_SOURCE } from './patterns.ts';

const SCALE: Record<string, number> = {
  million: 1e6, millions: 1e6, mln: 1e6, millon: 1e6, millones: 1e6, mio: 1e6, millionen: 1e6,
  thousand: 1e3, thousands: 1e3, mil: 1e3, tausend: 1e3, billion: 1e9, bn: 1e9,
};
// Words that say the number measures something other than people.
const UNIT_WORDS = /^(?:pct|percent|por|ciento|%|dlrs?|dollars?|euros?|pesetas?|stg|pounds?|yen|yuan|acres?|tonnes?|tons?|metros?|hectareas?|years?|anos|months?|meses|weeks?|semanas|days?|dias|hours?|horas|kilometros?|km|miles|shares?|acciones|sets|units?|vehicles?|cars?|coches)$/u;

/** Parses a number as written in news in any of our languages ("1,200", "1.200", "2.5", "2,5"); null when it is not one. */
export function parseNumber(raw: string): number | null {
  const s = raw.trim().replace(/\s/g, '');
  if (!/^\d/.test(s)) return null;
  // Groups of exactly three digits after a separator are thousands; anything else after one separator is a decimal.
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(s);
  if (!m) {
    const parts = /^(\d{1,3}(?:[.,]\d{3})+)[.,](\d+)$/.exec(s);
    return parts ? Number(`${parts[1]!.replace(/[.,]/g, '')}.${parts[2]}`) : null;
  }
  return Number(m[2] ? `${m[1]}.${m[2]}` : m[1]);
}

interface Found {
  value: number;
  start: number;
  end: number;
}

/** Every headcount in `folded[from, to)`: a number (digits or a number word) followed within four words by a job noun. */
export function findHeadcounts(folded: string, from: number, to: number, lx: LanguageLexicon): Found[] {
  const slice = folded.slice(from, to);
  const words = [...lx.numbers.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const numberRe = new RegExp(`(?<![\\p{L}\\p{N}.,])(${NUMBER_SOURCE}${words.length ? `|${words.join('|')}` : ''})(?:\\s+(million|millions|mln|millones|millon|mil|thousand|bn|billion))?(?![\\p{L}\\p{N}])`, 'gu');
  const out: Found[] = [];
  const nouns = lx.jobNouns.find(folded, from, to);
  for (const m of slice.matchAll(numberRe)) {
    const start = from + m.index;
    const end = start + m[0].length;
    const tokenRaw = m[1]!;
    let value = lx.numbers.get(tokenRaw) ?? parseNumber(tokenRaw);
    if (value == null) continue;
    if (m[2]) value *= SCALE[m[2]] ?? 1;
    const noun = nouns.find((n) => n.start >= end && n.start - end <= 60);
    if (!noun) continue;
    const gap = folded.slice(end, noun.start).trim();
    const gapWords = gap ? gap.split(/\s+/) : [];
    if (gapWords.length > 4 || /[.;:()]/.test(gap) || gapWords.some((w) => /\d/.test(w) || UNIT_WORDS.test(w))) continue;
    // "4 mil millones de pesetas" is money even when a job noun follows later.
    if (/^(?:de|of)$/.test(gapWords[0] ?? '') && gapWords.length > 1) continue;
    out.push({ value: Math.round(value), start, end: noun.end });
  }
  // "reduce its German workforce by 1,920": the noun first, then the number.
  const byRe = new RegExp(`(?:workforce|payroll|staff|plantilla)(?:\\s+\\p{L}+){0,2}\\s+(?:by|en)\\s+(${NUMBER_SOURCE})(?![\\p{L}\\p{N}%])(?!\\s*(?:pct|percent|por ciento|%))`, 'gu');
  for (const m of slice.matchAll(byRe)) {
    const value = parseNumber(m[1]!);
    if (value != null && value >= 1) out.push({ value, start: from + m.index, end: from + m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The headcount nearest to a trigger within the sentence, or null. */
export function headcountNear(folded: string, sentence: { start: number; end: number }, trigger: { start: number; end: number }, lx: LanguageLexicon): number | null {
  const found = findHeadcounts(folded, sentence.start, sentence.end, lx);
  let best: Found | null = null;
  let bestDistance = Infinity;
  for (const f of found) {
    const d = f.end <= trigger.start ? trigger.start - f.end : Math.max(0, f.start - trigger.end);
    if (d < bestDistance) {
      best = f;
      bestDistance = d;
    }
  }
  return best?.value ?? null;
}
