// Analyst-written phrase patterns ("cut* ... jobs") compiled to regular expressions over folded text.
// Folding keeps one code unit per code unit, so a match's offsets in the folded text are offsets in the original.

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
const WORD_CHAR = '[\\p{L}\\p{N}]';
/** A number as written in news: 1,200 / 1.200 / 2.5 / 300. */
export const NUMBER_SOURCE = '\\d{1,3}(?:[.,\\s]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?';

/** Lower-cases and strips accents one code unit at a time, so the result has the same length as `text`. */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code < 128) {
      out += ch.toLowerCase();
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      out += ch; // half of a surrogate pair: keep as is so lengths stay aligned
      continue;
    }
    const base = ch.normalize('NFD')[0]!.toLowerCase();
    out += base.length === 1 ? base : ch;
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The longest literal every match of `pattern` must contain (folded), or null when there is none to rely on (raw
 * `re:` patterns). A pattern whose literal is absent from an article cannot match anywhere in it.
 */
export function requiredLiteral(pattern: string): string | null {
  if (pattern.startsWith('re:')) return null;
  let best = '';
  for (const token of foldText(pattern.trim()).split(/\s+/)) {
    if (token === '...' || token === '#') continue;
    const literal = token.endsWith('*') && token.length > 1 ? token.slice(0, -1) : token;
    if (literal.length > best.length) best = literal;
  }
  return best || null;
}

/** Compiles one pattern (see config/lexicons/events/README.md) to a global, unicode regex over folded text. */
export function compilePattern(pattern: string): RegExp {
  if (pattern.startsWith('re:')) return new RegExp(pattern.slice(3), 'gu');
  const folded = foldText(pattern.trim());
  if (CJK.test(folded)) return new RegExp(folded.split(/\s+/).map(escapeRegex).join('\\s*'), 'gu');
  const parts: string[] = [];
  let joinGap = false;
  for (const token of folded.split(/\s+/)) {
    if (token === '...') {
      joinGap = true;
      continue;
    }
    let piece: string;
    if (token === '#') piece = `(?:${NUMBER_SOURCE})`;
    else if (token.endsWith('*') && token.length > 1) piece = `${escapeRegex(token.slice(0, -1))}${WORD_CHAR}*`;
    else piece = escapeRegex(token);
    // A gap word may be a number with thousands dots ("streicht 3.000 Stellen"), never a sentence end.
    if (parts.length) parts.push(joinGap ? '(?:[\\s,]+(?:[^\\s.;:!?]|\\.(?=\\d))+){0,5}?[\\s,]+' : '[\\s\\-]+');
    parts.push(piece);
    joinGap = false;
  }
  const body = parts.join('');
  return new RegExp(`(?<!${WORD_CHAR})(?:${body})(?!${WORD_CHAR})`, 'gu');
}

export interface PatternHit {
  start: number;
  end: number;
  pattern: string;
}

/** One pattern of a set; its regex is compiled the first time an article contains the pattern's literal. */
class Pattern {
  private compiled: RegExp | null = null;
  readonly literal: string | null;

  constructor(readonly source: string) {
    this.literal = requiredLiteral(source);
  }

  get re(): RegExp {
    return (this.compiled ??= compilePattern(this.source));
  }
}

/**
 * A list of patterns that reports every non-overlapping hit, longest first at each place. The six languages' lexicons
 * hold thousands of patterns, and compiling them all took over a second of every `radar extract`'s start; an article
 * needs the few whose literal it contains, so each regex is compiled on first need.
 */
export class PatternSet {
  private readonly patterns: Pattern[];
  // The rules call find/test many times per article (every sentence, several windows) on one folded text: the
  // patterns whose required literal occurs in that text are worked out once per text, and only they are run.
  private activeFor: string | null = null;
  private active: Pattern[] = [];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.map((source) => new Pattern(source));
  }

  get size(): number {
    return this.patterns.length;
  }

  private patternsFor(folded: string): Pattern[] {
    if (this.activeFor !== folded) {
      this.active = this.patterns.filter((c) => c.literal === null || folded.includes(c.literal));
      this.activeFor = folded;
    }
    return this.active;
  }

  /** Every hit in `folded` between `from` and `to`, overlapping hits resolved in favour of the longer one. */
  find(folded: string, from = 0, to = folded.length): PatternHit[] {
    const active = this.patternsFor(folded);
    if (!active.length) return [];
    const hits: PatternHit[] = [];
    const slice = folded.slice(from, to);
    for (const pattern of active) {
      const { source, literal } = pattern;
      // The same check on the window: includes() costs far less than the Unicode regex it spares.
      if (literal !== null && !slice.includes(literal)) continue;
      const re = pattern.re;
      re.lastIndex = 0;
      for (let m = re.exec(slice); m; m = re.exec(slice)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        hits.push({ start: from + m.index, end: from + m.index + m[0].length, pattern: source });
      }
    }
    hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
    const kept: PatternHit[] = [];
    for (const h of hits) {
      const last = kept[kept.length - 1];
      if (last && h.start < last.end) {
        if (h.end - h.start > last.end - last.start) kept[kept.length - 1] = h;
        continue;
      }
      kept.push(h);
    }
    return kept;
  }

  /** True when any pattern matches in `folded[from, to)`. */
  test(folded: string, from = 0, to = folded.length): boolean {
    const active = this.patternsFor(folded);
    if (!active.length) return false;
    const slice = folded.slice(from, to);
    return active.some((pattern) => {
      if (pattern.literal !== null && !slice.includes(pattern.literal)) return false;
      const re = pattern.re;
      re.lastIndex = 0;
      return re.test(slice);
    });
  }
}
