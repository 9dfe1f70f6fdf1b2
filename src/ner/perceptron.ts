// Averaged structured perceptron: Viterbi-decode each training sentence, move weights toward the gold path, and
// average the weights over all steps (Collins 2002). Deterministic for a given seed.
import type { SentenceFeatures } from './features.ts';
import { seededRandom } from './hash.ts';
import { type EmissionScorer, type Transitions, emissions, viterbi } from './linear.ts';
import { N_TAGS } from './tags.ts';

export interface TrainSentence {
  feats: SentenceFeatures;
  gold: Int32Array;
}

export interface TrainOptions {
  /** log2 of the number of hashed feature buckets. */
  bits: number;
  epochs: number;
  seed: number;
  /** Buckets seen fewer times than this in training are dropped (noise and model size). */
  minFeatureCount: number;
  /** Called after each epoch with the averaged model so far (to pick the epoch count on dev data). */
  onEpoch?: (epoch: number, model: TrainedWeights, errors: number) => void;
}

/** A trained model's weights in sparse form. */
export interface TrainedWeights {
  mask: number;
  buckets: Uint32Array;
  rows: Float32Array;
  trans: Transitions;
}

class DenseScorer implements EmissionScorer {
  constructor(private readonly w: Float32Array) {}
  addScores(ids: Uint32Array, from: number, to: number, out: Float64Array, o: number): void {
    const w = this.w;
    for (let k = from; k < to; k++) {
      const base = ids[k]! * N_TAGS;
      for (let t = 0; t < N_TAGS; t++) out[o + t]! += w[base + t]!;
    }
  }
}

/** Trains an averaged perceptron over hashed features; ids in the result are bucket numbers (id & mask). */
export function trainPerceptron(data: readonly TrainSentence[], opts: TrainOptions): TrainedWeights {
  const size = 2 ** opts.bits;
  const mask = size - 1;
  const counts = new Uint32Array(size);
  for (const s of data) for (const id of s.feats.ids) counts[id & mask]!++;
  // Re-express each sentence with bucket numbers and without rare buckets, once, so epochs do no hashing work.
  const prepared = data.map(({ feats, gold }) => {
    const ids: number[] = [];
    const offsets = new Int32Array(feats.offsets.length);
    for (let i = 0; i + 1 < feats.offsets.length; i++) {
      offsets[i] = ids.length;
      for (let k = feats.offsets[i]!; k < feats.offsets[i + 1]!; k++) {
        const b = feats.ids[k]! & mask;
        if (counts[b]! >= opts.minFeatureCount) ids.push(b);
      }
    }
    offsets[offsets.length - 1] = ids.length;
    return { feats: { offsets, ids: Uint32Array.from(ids) }, gold };
  });
  const w = new Float32Array(size * N_TAGS);
  const u = new Float64Array(size * N_TAGS);
  const tw = new Float64Array((N_TAGS + 1) * N_TAGS);
  const tu = new Float64Array((N_TAGS + 1) * N_TAGS);
  const scorer = new DenseScorer(w);
  const rand = seededRandom(opts.seed);
  const order = prepared.map((_, i) => i);
  let c = 1;
  let result: TrainedWeights | null = null;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const idx of order) {
      const { feats, gold } = prepared[idx]!;
      const n = gold.length;
      const pred = viterbi(emissions(scorer, feats), tw, n);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = gold[i]!;
        const p = pred[i]!;
        const gPrev = i === 0 ? -1 : gold[i - 1]!;
        const pPrev = i === 0 ? -1 : pred[i - 1]!;
        if (g !== p) {
          wrong = true;
          for (let k = feats.offsets[i]!; k < feats.offsets[i + 1]!; k++) {
            const base = feats.ids[k]! * N_TAGS;
            w[base + g]! += 1;
            u[base + g]! += c;
            w[base + p]! -= 1;
            u[base + p]! -= c;
          }
        }
        if (g !== p || gPrev !== pPrev) {
          const gi = (gPrev + 1) * N_TAGS + g;
          const pi = (pPrev + 1) * N_TAGS + p;
          tw[gi]! += 1;
          tu[gi]! += c;
          tw[pi]! -= 1;
          tu[pi]! -= c;
        }
      }
      if (wrong) errors++;
      c++;
    }
    if (opts.onEpoch || epoch === opts.epochs) {
      result = averaged(w, u, tw, tu, c, mask);
      opts.onEpoch?.(epoch, result, errors);
    }
  }
  return result ?? averaged(w, u, tw, tu, c, mask);
}

function averaged(w: Float32Array, u: Float64Array, tw: Float64Array, tu: Float64Array, c: number, mask: number): TrainedWeights {
  const buckets: number[] = [];
  const rows: number[] = [];
  const row = new Float64Array(N_TAGS);
  for (let b = 0; b * N_TAGS < w.length; b++) {
    let any = false;
    for (let t = 0; t < N_TAGS; t++) {
      const v = w[b * N_TAGS + t]! - u[b * N_TAGS + t]! / c;
      row[t] = v;
      if (Math.abs(v) > 1e-4) any = true;
    }
    if (!any) continue;
    buckets.push(b);
    for (let t = 0; t < N_TAGS; t++) rows.push(row[t]!);
  }
  const trans = new Float64Array(tw.length);
  for (let i = 0; i < tw.length; i++) trans[i] = tw[i]! - tu[i]! / c;
  return { mask, buckets: Uint32Array.from(buckets), rows: Float32Array.from(rows), trans };
}
