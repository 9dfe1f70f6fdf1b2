// A tokenizer with UTF-16 offsets that splits text the way the CoNLL and WikiNEuRal corpora do: punctuation apart,
// "U.S." and "EE.UU." whole, English "'s" and "n't" apart, French elisions ("l'") apart, hyphenated words whole.

export interface Token {
  text: string;
  start: number; // UTF-16 offset into the original text, inclusive
  end: number; // exclusive
}

// One alternative per token kind, tried in order at each position.
const TOKEN_RE = new RegExp(
  [
    String.raw`https?://[^\s<>"]+[^\s<>".,;:!?)\]'’]`, // URL
    String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}`, // e-mail
    String.raw`(?:\p{L}{1,3}\.){2,}`, // dotted abbreviation: U.S., EE.UU., e.g.
    String.raw`\p{N}+(?:[.,:/-]\p{N}+)*`, // number, date, time: 1,000.5 1996-08-22 10:30
    String.raw`[\p{L}\p{M}\p{N}]+(?:[-'’·&][\p{L}\p{M}\p{N}]+)*\.?`, // word, maybe hyphenated, maybe with a final dot (kept only for abbreviations)
    String.raw`\.{2,}|[-–—]{2,}|\S`, // ellipsis, dashes, any other single character
  ].join('|'),
  'gu',
);

/** Abbreviations that keep their dot (besides single letters, which are initials). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st jr sr sra srta dra inc corp ltd co plc bros dept gen gov sen rep col lt sgt capt mt ft vs etc no nº av avda ud uds mme mlle cie hr fr frau nr bzw sa s.a ag gmbh jan feb mar apr jun jul aug sep sept oct nov dec ene abr ago dic'.split(' '),
);

const ELISION = /^([cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]/i;

/** Splits text into tokens with offsets; `lang` switches the English clitic and French/Italian elision rules. */
export function tokenize(text: string, lang = 'en'): Token[] {
  const out: Token[] = [];
  const push = (t: string, start: number) => out.push({ text: t, start, end: start + t.length });
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    let t = m[0];
    let start = m.index;
    // A final dot stays only on known abbreviations and initials ("J."); otherwise it is the sentence's full stop.
    if (t.length > 1 && t.endsWith('.') && !t.slice(0, -1).includes('.')) {
      const stem = t.slice(0, -1);
      if (!(ABBREVIATIONS.has(stem.toLowerCase()) || (stem.length === 1 && /\p{Lu}/u.test(stem)))) {
        TOKEN_RE.lastIndex = start + stem.length;
        t = stem;
      }
    }
    if (lang === 'fr' || lang === 'it') {
      const e = ELISION.exec(t);
      if (e && e[0].length < t.length) {
        push(e[0], start);
        start += e[0].length;
        t = t.slice(e[0].length);
      }
    }
    if (lang === 'en') {
      const clitic = /(n['’]t|['’](?:s|re|ve|ll|d|m))$/i.exec(t);
      if (clitic && clitic.index > 0) {
        push(t.slice(0, clitic.index), start);
        push(clitic[0], start + clitic.index);
        continue;
      }
    }
    push(t, start);
  }
  return out;
}

const CLOSERS = new Set(['.', '!', '?', '...', '…']);

/** Groups tokens into sentences: after . ! ? when the next token looks like a sentence start, and at every line break. */
export function splitSentences(text: string, tokens: readonly Token[]): Token[][] {
  const sentences: Token[][] = [];
  let cur: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (cur.length > 0) {
      const prev = cur[cur.length - 1]!;
      const gap = text.slice(prev.end, tok.start);
      const afterCloser = CLOSERS.has(prev.text) && /^[\p{Lu}\p{N}"'“«¿¡(]/u.test(tok.text);
      if (gap.includes('\n') || afterCloser || cur.length >= 200) {
        sentences.push(cur);
        cur = [];
      }
    }
    cur.push(tok);
  }
  if (cur.length > 0) sentences.push(cur);
  return sentences;
}
