// A character-level firm (ORG) tagger for Chinese and Japanese: the averaged perceptron's weights over char-features.ts,
// IOB2 tags decoded with the same constrained Viterbi as the word-level NER, and its small gzipped file format
// (models/ner/<lang>-firms.json.gz). Only O, B-ORG and I-ORG are ever produced.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { InputError } from '../errors.ts';
import { projectPath } from '../paths.ts';
import { charFeatures } from './char-features.ts';
import { SparseScorer, emissions } from './linear.ts';
import type { TrainedWeights } from './perceptron.ts';
import { N_TAGS, TAG_INDEX } from './tags.ts';

export const CHAR_TAGGER_FORMAT = 'radar-cjk-org/1';
/** Languages with a firm tagger. */
export const CHAR_TAGGER_LANGUAGES = ['zh', 'ja'] as const;
/** The tags the tagger uses, in the file's column order. */
export const ORG_TAGS: readonly number[] = [0, TAG_INDEX.get('B-ORG')!, TAG_INDEX.get('I-ORG')!];
const B_ORG = ORG_TAGS[1]!;
const I_ORG = ORG_TAGS[2]!;
/** Longest segment tagged at once (characters): long lines are cut so Viterbi stays cheap and local. */
const MAX_SEGMENT = 200;

interface TaggerFile {
  format: typeof CHAR_TAGGER_FORMAT;
  lang: string;
  bits: number;
  meta: Record<string, unknown>;
  bucketsDelta: string; // base64 of Uint32 deltas between sorted bucket numbers
  rows: string; // base64 of Int16 weights, one per ORG_TAGS column, times `scale`
  scale: number;
  trans: number[]; // (ORG_TAGS + 1) x ORG_TAGS: row 0 the segment start
}

export interface CharSpan {
  start: number;
  end: number;
}

/** Sentence-sized pieces of `text` (UTF-16 offsets): cut after 。！？!? and line breaks, and every MAX_SEGMENT units. */
export function segments(text: string): CharSpan[] {
  const out: CharSpan[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const cut = c === '\n' || c === '。' || c === '！' || c === '？' || c === '!' || c === '?';
    if (cut || i + 1 - start >= MAX_SEGMENT) {
      if (i + 1 > start) out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out.filter((s) => text.slice(s.start, s.end).trim().length > 0);
}

/** Reads ORG spans from tag indexes (a stray I-ORG opens a span). */
export function orgSpans(tags: ArrayLike<number>, offset = 0): CharSpan[] {
  const out: CharSpan[] = [];
  let open = -1;
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i]! : 0;
    if (open >= 0 && t !== I_ORG) {
      out.push({ start: offset + open, end: offset + i });
      open = -1;
    }
    if (open < 0 && (t === B_ORG || t === I_ORG)) open = i;
  }
  return out;
}

/**
 * linear.ts's constrained Viterbi restricted to O, B-ORG and I-ORG (the tagger's only tags): the same best path, a
 * ninth of the work per character.
 */
export function viterbiOrg(emis: Float64Array, trans: Float64Array, n: number): Int32Array {
  const K = ORG_TAGS.length;
  const path = new Int32Array(n);
  if (n === 0) return path;
  const score = new Float64Array(n * K);
  const back = new Int8Array(n * K);
  const tr = (p: number, t: number) => trans[(p < 0 ? 0 : ORG_TAGS[p]! + 1) * N_TAGS + ORG_TAGS[t]!]!;
  for (let t = 0; t < K; t++) score[t] = t === 2 ? -1e30 : emis[ORG_TAGS[t]!]! + tr(-1, t);
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < K; t++) {
      let best = -1e30;
      let arg = 0;
      for (let p = 0; p < K; p++) {
        if (t === 2 && p === 0) continue; // I-ORG only continues B-ORG or I-ORG
        const v = score[(i - 1) * K + p]! + tr(p, t);
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[i * K + t] = best + emis[i * N_TAGS + ORG_TAGS[t]!]!;
      back[i * K + t] = arg;
    }
  }
  let last = 0;
  for (let t = 1; t < K; t++) if (score[(n - 1) * K + t]! > score[(n - 1) * K + last]!) last = t;
  path[n - 1] = ORG_TAGS[last]!;
  for (let i = n - 1; i > 0; i--) {
    last = back[i * K + last]!;
    path[i - 1] = ORG_TAGS[last]!;
  }
  return path;
}

/** A loaded firm tagger: finds ORG spans in raw text. */
export class CharTagger {
  private readonly scorer: SparseScorer;
  private readonly trans: Float64Array;

  /** Wraps trained weights; transitions into tags other than O, B-ORG and I-ORG are forbidden. */
  constructor(readonly lang: string, private readonly weights: TrainedWeights, readonly meta: Record<string, unknown> = {}) {
    this.scorer = new SparseScorer(weights.mask, weights.buckets, weights.rows);
    this.trans = Float64Array.from(weights.trans);
    for (let p = 0; p <= N_TAGS; p++) for (let t = 0; t < N_TAGS; t++) if (!ORG_TAGS.includes(t)) this.trans[p * N_TAGS + t] = -1e9;
  }

  /**
   * Added to every character's B-ORG score: distant supervision leaves many firms untagged (labelled O), so the
   * trained tagger under-proposes; a positive bias trades precision for recall (meta.orgBias, picked on held-out names).
   */
  get orgBias(): number {
    return typeof this.meta.orgBias === 'number' ? this.meta.orgBias : 0;
  }

  /** Tag indexes for one segment of text. */
  tagSegment(segment: string): Int32Array {
    const emis = emissions(this.scorer, charFeatures(segment));
    const bias = this.orgBias;
    if (bias !== 0) for (let i = 0; i < segment.length; i++) emis[i * N_TAGS + B_ORG]! += bias;
    return viterbiOrg(emis, this.trans, segment.length);
  }

  /** ORG spans in `text`, UTF-16 offsets, in order. */
  spans(text: string): CharSpan[] {
    return segments(text).flatMap((s) => orgSpans(this.tagSegment(text.slice(s.start, s.end)), s.start));
  }

  /** Serialises to gzipped JSON: sorted bucket deltas and 16-bit weights of the three ORG columns. */
  toGzip(): Buffer {
    const w = this.weights;
    const k = ORG_TAGS.length;
    const deltas = new Uint32Array(w.buckets.length);
    const cols = new Float32Array(w.buckets.length * k);
    let prev = 0;
    let max = 0;
    for (let r = 0; r < w.buckets.length; r++) {
      deltas[r] = w.buckets[r]! - prev;
      prev = w.buckets[r]!;
      for (let j = 0; j < k; j++) {
        const v = w.rows[r * N_TAGS + ORG_TAGS[j]!]!;
        cols[r * k + j] = v;
        max = Math.max(max, Math.abs(v));
      }
    }
    const scale = max / 32767 || 1;
    const q = Int16Array.from(cols, (v) => Math.round(v / scale));
    const trans: number[] = [];
    for (const p of [-1, ...ORG_TAGS]) for (const t of ORG_TAGS) trans.push(Math.round(w.trans[(p + 1) * N_TAGS + t]! * 1000) / 1000);
    const file: TaggerFile = {
      format: CHAR_TAGGER_FORMAT,
      lang: this.lang,
      bits: Math.round(Math.log2(w.mask + 1)),
      meta: this.meta,
      bucketsDelta: Buffer.from(deltas.buffer).toString('base64'),
      rows: Buffer.from(q.buffer).toString('base64'),
      scale,
      trans,
    };
    return gzipSync(JSON.stringify(file), { level: 9 });
  }
}

/** Parses a gzipped tagger file's bytes; `source` names the file in errors. */
export function parseCharTagger(gz: Buffer, source: string): CharTagger {
  try {
    const file = JSON.parse(gunzipSync(gz).toString('utf8')) as TaggerFile;
    if (file.format !== CHAR_TAGGER_FORMAT) throw new Error(`format is ${String(file.format)}, expected ${CHAR_TAGGER_FORMAT}`);
    const k = ORG_TAGS.length;
    const db = Buffer.from(file.bucketsDelta, 'base64');
    const deltas = new Uint32Array(db.buffer.slice(db.byteOffset, db.byteOffset + db.byteLength));
    const rb = Buffer.from(file.rows, 'base64');
    const q = new Int16Array(rb.buffer.slice(rb.byteOffset, rb.byteOffset + rb.byteLength));
    if (q.length !== deltas.length * k || file.trans.length !== (k + 1) * k) throw new Error('weight arrays have the wrong length');
    const buckets = new Uint32Array(deltas.length);
    const rows = new Float32Array(deltas.length * N_TAGS);
    let acc = 0;
    for (let r = 0; r < deltas.length; r++) {
      buckets[r] = acc += deltas[r]!;
      for (let j = 0; j < k; j++) rows[r * N_TAGS + ORG_TAGS[j]!] = q[r * k + j]! * file.scale;
    }
    const trans = new Float64Array((N_TAGS + 1) * N_TAGS);
    [-1, ...ORG_TAGS].forEach((p, a) => ORG_TAGS.forEach((t, b) => (trans[(p + 1) * N_TAGS + t] = file.trans[a * k + b]!)));
    return new CharTagger(file.lang, { mask: 2 ** file.bits - 1, buckets, rows, trans }, file.meta);
  } catch (err) {
    throw new InputError(`firm tagger ${source} is unreadable: ${(err as Error).message}`, { cause: err });
  }
}

/** Path of a language's committed firm tagger. */
export function charTaggerPath(lang: string): string {
  return projectPath('models', 'ner', `${lang}-firms.json.gz`);
}

const cache = new Map<string, CharTagger | null>();

/** The committed firm tagger for `lang` (zh, ja), loaded once per process; null for other languages or no file. */
export function getCharTagger(lang: string): CharTagger | null {
  const key = lang.toLowerCase().slice(0, 2);
  if (cache.has(key)) return cache.get(key)!;
  const path = charTaggerPath(key);
  const tagger = (CHAR_TAGGER_LANGUAGES as readonly string[]).includes(key) && existsSync(path) ? parseCharTagger(readFileSync(path), path) : null;
  cache.set(key, tagger);
  return tagger;
}
