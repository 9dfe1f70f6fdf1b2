// Text folding for matching: NFKC, case-folded, accents dropped on Latin/Greek/Cyrillic letters only (never on kana or
// Hangul, whose NFD forms are different letters), whitespace runs collapsed, quote/dash variants unified. Every folded
// code unit remembers the original UTF-16 offset it came from, so matches map back to the original text exactly.

/** Folded text plus, for each folded code unit, the UTF-16 offset of the original character it came from. */
export interface FoldedText {
  folded: string;
  /** origin[i] = start offset in the original text of the character folded[i] came from. */
  origin: Int32Array;
  /** Length of the original text, so a match ending at folded.length maps to it. */
  originalLength: number;
}

const QUOTES = /[\u2018\u2019\u201B\u2032\u00B4\u0060]/gu;
const DQUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/gu;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu;
const MARKS = /\p{M}/gu;

/** True for letters of scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar). */
export function isUnspacedChar(ch: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u30FC\u3005]/u.test(ch);
}

/** True for Hangul: spaced words, but particles attach to the right of a name (삼성전자가), so no right boundary. */
export function isHangul(ch: string): boolean {
  return /\p{Script=Hangul}/u.test(ch);
}

/** True for a letter or digit of a spaced script: the characters that make a word continue. */
export function isWordChar(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  // ASCII fast path: this runs once or twice per character of every article.
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}]/u.test(ch) && !isUnspacedChar(ch);
}

const LETTER_OR_DIGIT_END = /[\p{L}\p{N}]$/u;
const LETTER_OR_DIGIT_START = /^[\p{L}\p{N}]/u;

/**
 * Start offsets of `word` in `text` where it stands as a whole word (no letter or digit of any script touching it),
 * without overlaps. indexOf and two boundary checks: a lookbehind regex built per word scans every position of the
 * text, and the resolver asks this for every candidate name of an article.
 */
export function wholeWordOffsets(text: string, word: string): number[] {
  const out: number[] = [];
  if (!word) return out;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    if (LETTER_OR_DIGIT_END.test(text.slice(Math.max(0, at - 2), at)) || LETTER_OR_DIGIT_START.test(text.slice(end, end + 2))) continue;
    out.push(at);
    at = end - 1;
  }
  return out;
}

const foldCache = new Map<string, string>();

/** Folds one code point: cached, since news text reuses a few hundred characters. */
export function foldChar(ch: string): string {
  let out = foldCache.get(ch);
  if (out !== undefined) return out;
  const cp = ch.codePointAt(0)!;
  if (/\s/u.test(ch)) out = ' ';
  else if (cp < 0x0530 || (cp >= 0x1e00 && cp <= 0x1fff)) {
    // Latin, Greek, Cyrillic: accents off, lower case. "Pekín" and "Pekin" fold alike; "İ" folds to "i".
    out = ch.normalize('NFKD').replace(MARKS, '').toLowerCase();
  } else {
    out = ch.normalize('NFKC').toLowerCase();
  }
  out = out.replace(QUOTES, "'").replace(DQUOTES, '"').replace(DASHES, '-');
  if (foldCache.size < 50_000) foldCache.set(ch, out);
  return out;
}

/** Folds `text` and keeps the map back to original offsets. */
export function foldText(text: string): FoldedText {
  const parts: string[] = [];
  const origin: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const f = foldChar(text.slice(i, i + width));
    if (f === ' ') {
      if (!lastSpace) { parts.push(' '); origin.push(i); }
      lastSpace = true;
    } else if (f.length) {
      parts.push(f);
      for (let k = 0; k < f.length; k++) origin.push(i);
      lastSpace = false;
    }
    i += width;
  }
  return { folded: parts.join(''), origin: Int32Array.from(origin), originalLength: text.length };
}

/** Folds a short string (an alias or a name) with the same rules, trimmed. */
export function foldString(s: string): string {
  return foldText(s).folded.trim();
}

/** Original end offset for a folded match ending (exclusively) at folded index `end`. */
export function originalEnd(ft: FoldedText, end: number): number {
  if (end >= ft.origin.length) return ft.originalLength;
  // The character that follows the match starts where the match's last character ends.
  return ft.origin[end]!;
}
