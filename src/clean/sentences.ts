// Sentence spans with exact offsets: Intl.Segmenter (ICU) plus repairs for what it gets wrong in news text, mainly
// breaks after abbreviations ("EE. UU.", "Dr.", "z. B.", "U.S.") and initials, and German ordinals ("am 3. Mai").
import type { Span } from '../extract/types.ts';

const COMMON = ['dr', 'dra', 'prof', 'sr', 'sra', 'srta', 'jr', 'st', 'mr', 'mrs', 'ms', 'mme', 'mlle', 'inc', 'ltd', 'corp', 'co', 'cía', 'av', 'avda', 'no', 'nr', 'nº', 'n°', 'núm', 'art', 'vol', 'ed', 'p', 'pp', 'pág', 'ca', 'approx', 'aprox', 'vs', 'cf', 'fig', 'dept', 'gen', 'gov', 'sen', 'rep', 'lt', 'col', 'capt', 'mt', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'];
const ABBREVIATIONS: Record<string, string[]> = {
  en: ['e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'e.u', 'a.m', 'p.m', 'est', 'sq', 'ft', 'mln', 'bln'],
  es: ['ee', 'uu', 'ej', 'lic', 'ing', 'ud', 'uds', 'vd', 'vds', 'dña', 'd', 'sres', 'excmo', 'excma', 'mín', 'máx', 'tel', 'depto', 'ene', 'abr', 'ago', 'dic', 'etc'],
  de: ['z', 'b', 'bzw', 'usw', 'vgl', 'ggf', 'evtl', 'inkl', 'exkl', 'hr', 'fr', 'mio', 'mrd', 'jh', 'u', 'a', 'd', 'h', 'o', 's', 'bspw', 'sog', 'zb', 'dh', 'ua', 'jan', 'febr', 'okt', 'dez', 'str', 'tel', 'abs'],
  fr: ['m', 'mm', 'pr', 'ste', 'ex', 'env', 'janv', 'févr', 'avr', 'juil', 'déc', 'boul', 'bd'],
  pt: ['exmo', 'exma', 'lda', 'ex', 'dª', 'sª', 'tel', 'fev', 'abr', 'mai', 'ago', 'set', 'out', 'dez'],
};

// Titles before a name: never the last word of a sentence.
const TITLES = new Set(['dr', 'dra', 'prof', 'sr', 'sra', 'srta', 'sres', 'mr', 'mrs', 'ms', 'mme', 'mlle', 'st', 'gen', 'gov', 'sen', 'rep', 'lt', 'col', 'capt', 'hr', 'fr', 'dña', 'lic', 'ing', 'excmo', 'excma', 'exmo', 'exma', 'no', 'nr', 'nº', 'n°', 'núm', 'art', 'p', 'pp', 'pág', 'ej', 'z', 'vgl', 'cf', 'ca', 'aprox', 'approx', 'av', 'avda', 'str']);
// Words that open a sentence; after an acronym ("U.S.", "Inc.") one of these means the acronym ended the sentence.
const SENTENCE_OPENERS: Record<string, Set<string>> = {
  en: new Set('The A An It He She They We I This That These Those In But And On At For Its His Her Their There As After While When However Meanwhile Last Now'.split(' ')),
  es: new Set('El La Los Las Un Una Unos Unas En Pero Y Es Este Esta Estos Estas Según Por Con Sin Al Lo Su Sus Se No Además Sin Tras Para Ese Esa'.split(' ')),
  de: new Set('Der Die Das Ein Eine Es Er Sie Wir Ich Im In Am Auf Aber Und Doch Dies Diese Dieser Nach Mit Bei Laut Auch Zudem'.split(' ')),
  fr: new Set('Le La Les Un Une Des Il Elle Ils Elles Nous On En Au Aux Mais Et Ce Cette Ces Selon Pour Dans Son Sa Ses'.split(' ')),
  pt: new Set('O A Os As Um Uma Em No Na Nos Nas Mas E Este Esta Isso Segundo Para Com Sem Ao Seu Sua Se Não Ele Ela'.split(' ')),
};

const cache = new Map<string, { segmenter: Intl.Segmenter; abbreviations: Set<string> }>();

function forLang(lang: string) {
  const key = (lang || 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  let entry = cache.get(key);
  if (!entry) {
    let segmenter: Intl.Segmenter;
    try {
      segmenter = new Intl.Segmenter(key, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    entry = { segmenter, abbreviations: new Set([...COMMON, ...(ABBREVIATIONS[key] ?? [])]) };
    cache.set(key, entry);
  }
  return { key, ...entry };
}

/** True when the text before a break ends in something that is not a sentence end. */
function endsInNonTerminal(before: string, after: string, lang: string, abbreviations: Set<string>): boolean {
  const trimmed = before.trimEnd();
  if (!/[.。！？”』」]$/u.test(trimmed)) return false;
  // A blank line is a paragraph break: never merge across it.
  if (/\n\s*\n/.test(before.slice(trimmed.length)) || /^\s*\n\s*\n/.test(after)) return false;
  const next = after.trimStart();
  if (!next) return false;
  if (!trimmed.endsWith('.')) return lang === 'zh' && zhAttribution(trimmed, next);
  const word = trimmed.slice(0, -1).match(/(?:^|[\s(«"“'‘])([\p{L}.ºª°]+)$/u)?.[1] ?? '';
  const token = word.toLowerCase();
  // Initials ("John F. Kennedy") and titles ("Dr. Smith") are always followed by more of the sentence.
  if (/^\p{Lu}$/u.test(word) || TITLES.has(token)) return true;
  // Acronyms and other abbreviations can end a sentence ("… in the U.S. The company …"): hold the break unless the
  // next word is one that typically opens a sentence.
  if (/^(\p{L}\.)+\p{L}$/u.test(word) || abbreviations.has(token)) {
    const first = next.match(/^[\p{L}']+/u)?.[0] ?? '';
    return !(SENTENCE_OPENERS[lang] ?? SENTENCE_OPENERS.en!).has(first);
  }
  // German ordinals and dates: "am 3. Mai", "der 2. Weltkrieg".
  if (lang === 'de' && /(^|\s)\d{1,2}\.$/.test(trimmed) && /^\p{L}/u.test(next)) return true;
  // A lowercase continuation means ICU broke inside a sentence (e.g. after "aprox.").
  if (/^\p{Ll}/u.test(next) && lang !== 'de') return true;
  return false;
}

/** Chinese attribution after a closing quote: "“……。”他说。" is one sentence. */
function zhAttribution(trimmed: string, next: string): boolean {
  return /[。！？][”』」]$/u.test(trimmed) && /^[^“「『\n]{1,10}[。！？]/u.test(next);
}

/**
 * ICU's sentence segments of `text`, one line at a time: a line break always ends an ICU sentence (rule SB4), so the
 * segments are the same, and V8's segmenter slows down more than linearly with the length of what it is given (a
 * 120,000-character article took 340 ms whole, a few ms line by line).
 */
export function icuSegments(segmenter: Intl.Segmenter, text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (let lineStart = 0; lineStart < text.length; ) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    for (const seg of segmenter.segment(text.slice(lineStart, lineEnd))) {
      out.push({ start: lineStart + seg.index, end: lineStart + seg.index + seg.segment.length });
    }
    lineStart = lineEnd;
  }
  return out;
}

/** Splits `text` into sentence spans (offsets in UTF-16 code units, whitespace trimmed) for the given ISO 639-1 language. */
export function splitSentences(text: string, lang: string): Span[] {
  const { key, segmenter, abbreviations } = forLang(lang);
  const raw = icuSegments(segmenter, text);
  // ICU counts opening quotes after a full stop as part of the sentence that ends ("吗？“是的。”"): hand them to the next one.
  for (let i = 0; i + 1 < raw.length; i++) {
    const seg = raw[i]!;
    let cut = seg.end;
    while (cut > seg.start && /[\s“‘«「『（(\[]/u.test(text[cut - 1]!)) cut--;
    while (cut < seg.end && /\s/.test(text[cut]!)) cut++;
    if (cut < seg.end && cut > seg.start) {
      raw[i + 1]!.start = cut;
      seg.end = cut;
    }
  }
  const merged: Array<{ start: number; end: number }> = [];
  for (const seg of raw) {
    const prev = merged[merged.length - 1];
    if (prev && endsInNonTerminal(text.slice(prev.start, prev.end), text.slice(seg.start, Math.min(seg.end, seg.start + 40)), key, abbreviations)) {
      prev.end = seg.end;
    } else merged.push({ ...seg });
  }
  const spans: Span[] = [];
  for (const { start, end } of merged) {
    // Paragraph breaks inside a segment (a headline without a full stop) still end the sentence.
    let pieceStart = start;
    for (const m of text.slice(start, end).matchAll(/\n\s*\n/g)) {
      pushTrimmed(text, pieceStart, start + m.index!, spans);
      pieceStart = start + m.index! + m[0].length;
    }
    pushTrimmed(text, pieceStart, end, spans);
  }
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ text: text.slice(start, end), start, end });
}
