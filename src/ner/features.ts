// Feature extraction for the tagger: word, affix, shape and window features, name lists, document-level cues and
// (second pass) what the first pass said about the same word elsewhere in the document. Features are hashed strings.
import type { Gazetteer } from './gazetteer.ts';
import { hashParts, hashString } from './hash.ts';

export interface FeatureResources {
  gazetteer: Gazetteer;
  /** Names from other annotated corpora (other languages' WikiNEuRal, the other CoNLL set): fixed, not jackknifed. */
  external: Gazetteer | null;
  /** Lower-case forms seen lower-case in the training text: a capitalised word here is often just sentence-initial. */
  lexicon: ReadonlySet<string>;
}

/** Facts about a whole document that help decide each token (a name is usually a name everywhere in one article). */
export interface DocContext {
  lowerSeen: Set<string>;
  capMid: Set<string>;
  multiCap: Set<string>;
  /** First-pass entity types per word form: counts indexed PER, ORG, LOC, MISC. */
  firstPass: Map<string, Uint16Array> | null;
}

/** Hashed feature ids for one sentence: token i owns ids[offsets[i] .. offsets[i+1]). */
export interface SentenceFeatures {
  offsets: Int32Array;
  ids: Uint32Array;
}

const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const isLetter = (c: string): boolean => c.toLowerCase() !== c.toUpperCase();

/** Word shape: X for upper-case letters, x lower-case, d digits, other characters kept (capped at 12 characters). */
export function wordShape(w: string): string {
  let s = '';
  for (const c of w.length > 12 ? w.slice(0, 12) : w) {
    if (c >= '0' && c <= '9') s += 'd';
    else if (isLetter(c)) s += isUpper(c) ? 'X' : 'x';
    else s += c;
  }
  return s;
}

/** The shape with runs collapsed (Xxxxx -> Xx, dd-dd -> d-d). */
export function shortShape(shape: string): string {
  let s = '';
  for (const c of shape) if (s[s.length - 1] !== c) s += c;
  return s;
}

/** True when the token starts with an upper-case letter. */
export function isCapitalised(w: string): boolean {
  const c = w[0];
  return c !== undefined && isUpper(c);
}

const WORD_CACHE_MAX = 300_000;
const wordCache = new Map<string, Uint32Array>();

function wordFeatures(w: string): Uint32Array {
  const hit = wordCache.get(w);
  if (hit) return hit;
  const lw = w.toLowerCase();
  const shape = wordShape(w);
  const f: string[] = [`w=${w}`, `l=${lw}`, `sh=${shape}`, `ss=${shortShape(shape)}`];
  const n = lw.length;
  for (let k = 1; k <= 4 && k <= n; k++) {
    f.push(`p${k}=${lw.slice(0, k)}`, `s${k}=${lw.slice(n - k)}`);
  }
  if (/\d/.test(w)) f.push('hasdigit');
  if (w.includes('-')) f.push('hyphen');
  if (w.includes('.')) f.push('dot');
  if (w.length > 1 && w === w.toUpperCase() && w !== lw) f.push('allcaps');
  f.push(`len=${Math.min(n, 10)}`);
  const ids = Uint32Array.from(f, hashString);
  if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
  wordCache.set(w, ids);
  return ids;
}

/** Gathers the document-level facts used by docFeatures (call once per document, not per sentence). */
export function buildDocContext(sentences: ReadonlyArray<readonly string[]>, firstPass?: ReadonlyArray<readonly string[]>): DocContext {
  const lowerSeen = new Set<string>();
  const capMid = new Set<string>();
  const multiCap = new Set<string>();
  let fp: Map<string, Uint16Array> | null = null;
  if (firstPass) fp = new Map();
  sentences.forEach((toks, si) => {
    for (let i = 0; i < toks.length; i++) {
      const w = toks[i]!;
      const cap = isCapitalised(w);
      if (!cap && isLetter(w[0] ?? '')) lowerSeen.add(w);
      if (cap && i > 0) capMid.add(w);
      if (cap && ((i > 0 && isCapitalised(toks[i - 1]!)) || (i + 1 < toks.length && isCapitalised(toks[i + 1]!)))) multiCap.add(w);
      const tag = firstPass?.[si]?.[i];
      if (fp && tag && tag !== 'O') {
        let c = fp.get(w);
        if (!c) fp.set(w, (c = new Uint16Array(4)));
        const t = TYPE_CODE[tag.slice(2)];
        if (t !== undefined) c[t]!++;
      }
    }
  });
  return { lowerSeen, capMid, multiCap, firstPass: fp };
}

const TYPE_CODE: Record<string, number> = { PER: 0, ORG: 1, LOC: 2, MISC: 3 };
const TYPE_NAME = ['PER', 'ORG', 'LOC', 'MISC'];

function majority(c: Uint16Array): string {
  let best = 0;
  for (let t = 1; t < 4; t++) if (c[t]! > c[best]!) best = t;
  return TYPE_NAME[best]!;
}

/** Computes hashed features for every token of one sentence. */
export function sentenceFeatures(tokens: readonly string[], res: FeatureResources, doc: DocContext, firstPassTags?: readonly string[]): SentenceFeatures {
  const n = tokens.length;
  const lw = tokens.map((t) => t.toLowerCase());
  const ss = tokens.map((t) => shortShape(wordShape(t)));
  const gaz = res.gazetteer.match(tokens);
  const ext = res.external?.match(tokens);
  let upperLetters = 0;
  let letters = 0;
  for (const t of tokens) {
    if (isLetter(t[0] ?? '')) {
      letters++;
      if (t.length > 1 && t === t.toUpperCase()) upperLetters++;
    }
  }
  const headline = letters >= 2 && upperLetters / letters > 0.6;
  const at = (arr: readonly string[], i: number): string => (i < 0 ? '<s>' : i >= n ? '</s>' : arr[i]!);
  const offsets = new Int32Array(n + 1);
  const out: number[] = [];
  // Each feature is the hash of a string such as `l-1=${previous word}`; hashParts hashes the pieces without
  // concatenating them (same ids as hashString of the whole string, which the models were trained on).
  for (let i = 0; i < n; i++) {
    offsets[i] = out.length;
    const w = tokens[i]!;
    for (const id of wordFeatures(w)) out.push(id);
    const cap = isCapitalised(w);
    const g = num(gaz[i]!);
    const gPrev = i > 0 ? num(gaz[i - 1]!) : 'S';
    const gNext = i + 1 < n ? num(gaz[i + 1]!) : 'E';
    out.push(
      BIAS,
      hashParts('l-1=', at(lw, i - 1)),
      hashParts('l+1=', at(lw, i + 1)),
      hashParts('l-2=', at(lw, i - 2)),
      hashParts('l+2=', at(lw, i + 2)),
      hashParts('ss-1=', at(ss, i - 1)),
      hashParts('ss+1=', at(ss, i + 1)),
      hashParts('ss-2=', at(ss, i - 2)),
      hashParts('ss+2=', at(ss, i + 2)),
      hashParts('l-1|l=', at(lw, i - 1), '|', lw[i]!),
      hashParts('l|l+1=', lw[i]!, '|', at(lw, i + 1)),
      hashParts('ss3=', at(ss, i - 1), '|', ss[i]!, `|${at(ss, i + 1)}`),
      hashParts('g=', g),
      hashParts('g-1=', gPrev),
      hashParts('g+1=', gNext),
    );
    if (ext) {
      const x = num(ext[i]!);
      out.push(hashParts('x=', x), hashParts('x-1=', i > 0 ? num(ext[i - 1]!) : 'S'), hashParts('x+1=', i + 1 < n ? num(ext[i + 1]!) : 'E'), hashParts('x|g=', x, '|', g));
    }
    if (i === 0) out.push(hashParts('first|ss=', ss[i]!));
    if (headline) out.push(HEADLINE, hashParts('headline|l=', lw[i]!));
    if (cap) {
      const pos = i === 0 ? 'first' : 'mid';
      out.push(
        hashParts('lex=', res.lexicon.has(lw[i]!) ? '1|' : '0|', pos),
        hashParts('doclower=', doc.lowerSeen.has(lw[i]!) ? '1' : '0'),
        hashParts('doccapmid=', doc.capMid.has(w) ? '1|' : '0|', pos),
        hashParts('docmulti=', doc.multiCap.has(w) ? '1' : '0'),
      );
    }
    if (doc.firstPass && firstPassTags) {
      const f: string[] = [];
      pushFirstPass(f, tokens, i, doc.firstPass, firstPassTags);
      for (const s of f) out.push(hashString(s));
    }
  }
  offsets[n] = out.length;
  return { offsets, ids: Uint32Array.from(out) };
}

const BIAS = hashString('bias');
const HEADLINE = hashString('headline');
const NUMBER_STRINGS = Array.from({ length: 256 }, (_, k) => String(k));
/** A name-list code (0-255) as the decimal string the features were trained with. */
const num = (k: number): string => NUMBER_STRINGS[k] ?? String(k);

function pushFirstPass(f: string[], tokens: readonly string[], i: number, fp: Map<string, Uint16Array>, tags: readonly string[]): void {
  const w = tokens[i]!;
  const own = tags[i] ?? 'O';
  f.push(`fp=${own}`, `fp-1=${tags[i - 1] ?? 'S'}|fp=${own}`, `fp+1=${tags[i + 1] ?? 'E'}`);
  const c = fp.get(w);
  f.push(`fpdoc=${c ? majority(c) : 'none'}|${isCapitalised(w) ? 'C' : 'c'}`);
}

/** Only the second-pass features of a sentence (sentenceFeatures with first-pass tags = its features without them + these). */
export function firstPassFeatures(tokens: readonly string[], doc: DocContext, firstPassTags: readonly string[]): SentenceFeatures {
  const n = tokens.length;
  const offsets = new Int32Array(n + 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    offsets[i] = out.length;
    const f: string[] = [];
    if (doc.firstPass) pushFirstPass(f, tokens, i, doc.firstPass, firstPassTags);
    for (const s of f) out.push(hashString(s));
  }
  offsets[n] = out.length;
  return { offsets, ids: Uint32Array.from(out) };
}
