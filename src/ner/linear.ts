// Linear scoring of hashed features per tag, a tag-transition matrix, and constrained Viterbi decoding over IOB2 tags.
import type { SentenceFeatures } from './features.ts';
import { N_TAGS, allowedTransition } from './tags.ts';

/** Scores tags for feature ids; implemented densely while training and sparsely in shipped models. */
export interface EmissionScorer {
  /** Adds the weight of each tag for features ids[from..to) into out[0..N_TAGS). */
  addScores(ids: Uint32Array, from: number, to: number, out: Float64Array, outOffset: number): void;
}

/** Transition scores: row p+1 for previous tag p, row 0 for the sentence start; N_TAGS columns. */
export type Transitions = Float64Array;

const NEG = -1e30;
/** ALLOWED[(prev+1)*N_TAGS + next] is 1 when IOB2 allows the pair (prev -1 = start). */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((N_TAGS + 1) * N_TAGS);
  for (let p = -1; p < N_TAGS; p++) for (let t = 0; t < N_TAGS; t++) a[(p + 1) * N_TAGS + t] = allowedTransition(p, t) ? 1 : 0;
  return a;
})();

/** Emission scores for all tokens of a sentence (n * N_TAGS). */
export function emissions(scorer: EmissionScorer, feats: SentenceFeatures): Float64Array {
  const n = feats.offsets.length - 1;
  const out = new Float64Array(n * N_TAGS);
  for (let i = 0; i < n; i++) scorer.addScores(feats.ids, feats.offsets[i]!, feats.offsets[i + 1]!, out, i * N_TAGS);
  return out;
}

/** Best tag sequence under emissions + transitions, never producing an I-X that does not continue an X. */
export function viterbi(emis: Float64Array, trans: Transitions, n: number): Int32Array {
  const T = N_TAGS;
  const path = new Int32Array(n);
  if (n === 0) return path;
  const score = new Float64Array(n * T);
  const back = new Int32Array(n * T);
  for (let t = 0; t < T; t++) score[t] = ALLOWED[t] ? emis[t]! + trans[t]! : NEG;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let best = NEG;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        if (!ALLOWED[(p + 1) * T + t]) continue;
        const s = score[(i - 1) * T + p]! + trans[(p + 1) * T + t]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * T + t] = best + emis[i * T + t]!;
      back[i * T + t] = arg;
    }
  }
  let best = NEG;
  for (let t = 0; t < T; t++) {
    if (score[(n - 1) * T + t]! > best) {
      best = score[(n - 1) * T + t]!;
      path[n - 1] = t;
    }
  }
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * T + path[i]!]!;
  return path;
}

/** Sparse weights of a trained model: bucket -> row of N_TAGS weights, in an open-addressing table (faster than Map). */
export class SparseScorer implements EmissionScorer {
  private readonly keys: Int32Array;
  private readonly vals: Int32Array;
  private readonly shift: number;
  private readonly tableMask: number;
  readonly size: number;

  /** Builds from parallel bucket list and row-major weights (rows.length = buckets.length * N_TAGS). */
  constructor(readonly mask: number, buckets: ArrayLike<number>, readonly rows: Float32Array) {
    let bits = 4;
    while (2 ** bits < buckets.length * 2) bits++;
    this.keys = new Int32Array(2 ** bits).fill(-1);
    this.vals = new Int32Array(2 ** bits);
    this.shift = 32 - bits;
    this.tableMask = 2 ** bits - 1;
    this.size = buckets.length;
    for (let r = 0; r < buckets.length; r++) {
      let h = Math.imul(buckets[r]!, 0x9e3779b1) >>> this.shift;
      while (this.keys[h] !== -1) h = (h + 1) & this.tableMask;
      this.keys[h] = buckets[r]!;
      this.vals[h] = r * N_TAGS;
    }
  }

  addScores(ids: Uint32Array, from: number, to: number, out: Float64Array, o: number): void {
    const { rows, keys, vals, shift, tableMask, mask } = this;
    for (let k = from; k < to; k++) {
      const b = ids[k]! & mask;
      let h = Math.imul(b, 0x9e3779b1) >>> shift;
      let key = keys[h]!;
      while (key !== b && key !== -1) {
        h = (h + 1) & tableMask;
        key = keys[h]!;
      }
      if (key === -1) continue;
      const r = vals[h]!;
      for (let t = 0; t < N_TAGS; t++) out[o + t]! += rows[r + t]!;
    }
  }
}
