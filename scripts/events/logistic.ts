// L2-regularised logistic regression over hashed binary features (AdaGrad), Platt scaling, and the event-level
// figures the decision is judged by: P/R/F1 with the gold events no rule group reached counted as misses, and the
// expected calibration error.
import { featureIndex } from '../../src/extract/events/decision.ts';
import { seededRandom } from '../../src/ner/hash.ts';

export interface TrainOptions {
  bits: number; epochs: number; l2: number; rate: number; seed: number;
  /** When set, FTRL-Proximal with this L1 (and `l2`, `rate` as its alpha) instead of AdaGrad: see `trainFtrl`. */
  l1?: number;
}
export const DEFAULT_TRAIN: TrainOptions = { bits: 18, epochs: 12, l2: 1e-4, rate: 0.2, seed: 7 };

export interface Row { x: Uint32Array; y: 0 | 1 }

export function toRows(examples: Array<{ features: string[]; label: 0 | 1 }>, bits: number): Row[] {
  return examples.map((e) => ({ x: Uint32Array.from(new Set(e.features.map((f) => featureIndex(f, bits)))), y: e.label }));
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function margin(w: Float64Array, x: Uint32Array): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += w[x[i]!]!;
  return z;
}

/** The weight of a positive row's gradient: both classes weigh the same in the loss, up to three times. */
function positiveWeight(rows: Row[]): number {
  const pos = rows.filter((r) => r.y === 1).length;
  return pos ? Math.min(3, (rows.length - pos) / pos) : 1;
}

/** The row order of each epoch: one seeded Fisher-Yates shuffle after another, of the same array. */
function* epochOrders(n: number, o: TrainOptions): Generator<number[]> {
  const rand = seededRandom(o.seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    yield order;
  }
}

/** Trains weights; positives are weighted so that both classes weigh the same in the loss. */
export function trainLogistic(rows: Row[], o: TrainOptions): Float64Array {
  if (o.l1 !== undefined) return trainFtrl(rows, o);
  const n = 1 << o.bits;
  const w = new Float64Array(n);
  const g2 = new Float64Array(n).fill(1e-8);
  const posWeight = positiveWeight(rows);
  for (const order of epochOrders(rows.length, o)) {
    for (const k of order) {
      const r = rows[k]!;
      const p = sigmoid(margin(w, r.x));
      const g = (p - r.y) * (r.y === 1 ? posWeight : 1);
      for (let i = 0; i < r.x.length; i++) {
        const j = r.x[i]!;
        const grad = g + o.l2 * w[j]!;
        g2[j]! += grad * grad;
        w[j]! -= (o.rate * grad) / Math.sqrt(g2[j]!);
      }
    }
  }
  return w;
}

/**
 * FTRL-Proximal (McMahan et al. 2013, "Ad click prediction"): per-coordinate AdaGrad-like rates, but a weight stays
 * exactly 0 until its summed gradient clears the L1 threshold. A word seen in one positive sentence cannot take a
 * full step and memorise it, as it does under plain AdaGrad, where every feature's first step is the full rate.
 */
export function trainFtrl(rows: Row[], o: TrainOptions): Float64Array {
  const n = 1 << o.bits, alpha = o.rate, beta = 1, l1 = o.l1 ?? 0, l2 = o.l2;
  const z = new Float64Array(n), sq = new Float64Array(n), w = new Float64Array(n);
  const posWeight = positiveWeight(rows);
  const weightOf = (j: number) => {
    const zj = z[j]!;
    return Math.abs(zj) <= l1 ? 0 : -(zj - Math.sign(zj) * l1) / ((beta + Math.sqrt(sq[j]!)) / alpha + l2);
  };
  for (const order of epochOrders(rows.length, o)) {
    for (const k of order) {
      const r = rows[k]!;
      let m = 0;
      for (let i = 0; i < r.x.length; i++) { const j = r.x[i]!; w[j] = weightOf(j); m += w[j]!; }
      const g = (sigmoid(m) - r.y) * (r.y === 1 ? posWeight : 1);
      for (let i = 0; i < r.x.length; i++) {
        const j = r.x[i]!;
        const s = (Math.sqrt(sq[j]! + g * g) - Math.sqrt(sq[j]!)) / alpha;
        z[j]! += g - s * w[j]!;
        sq[j]! += g * g;
      }
    }
  }
  for (let j = 0; j < n; j++) w[j] = weightOf(j);
  return w;
}

/** Fits p = sigmoid(a·margin + b) to labels by Newton's method on the log loss (Platt 1999, with his target smoothing). */
export function fitPlatt(margins: number[], labels: Array<0 | 1>): { a: number; b: number } {
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  const tPos = (pos + 1) / (pos + 2), tNeg = 1 / (neg + 2);
  let a = 1, b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    margins.forEach((m, i) => {
      const t = labels[i] === 1 ? tPos : tNeg;
      const p = sigmoid(a * m + b);
      const d = p - t, h = p * (1 - p);
      ga += d * m; gb += d; haa += h * m * m; hab += h * m; hbb += h;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    a -= da; b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** Expected calibration error over equal-width probability bins. */
export function ece(probs: number[], labels: Array<0 | 1>, bins = 10): number {
  const n = new Array(bins).fill(0), conf = new Array(bins).fill(0), acc = new Array(bins).fill(0);
  probs.forEach((p, i) => { const b = Math.min(bins - 1, Math.floor(p * bins)); n[b]++; conf[b] += p; acc[b] += labels[i]!; });
  let e = 0;
  for (let b = 0; b < bins; b++) if (n[b]) e += (n[b] / probs.length) * Math.abs(conf[b] / n[b] - acc[b] / n[b]);
  return e;
}

/** Area under the ROC curve of (score, label) pairs: how well the score ranks true events above false ones. */
export function auc(pairs: ReadonlyArray<readonly [number, 0 | 1]>): number {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  let pos = 0, neg = 0, rankSum = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]![0] === sorted[i]![0]) j++;
    const mid = (i + j + 1) / 2; // average rank of the ties, 1-based
    for (let k = i; k < j; k++) if (sorted[k]![1] === 1) { pos++; rankSum += mid; } else neg++;
    i = j;
  }
  return pos && neg ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : 0.5;
}

export interface Counts { gold: number; pred: number; tp: number }
export const prf = (c: Counts) => {
  const p = c.pred ? c.tp / c.pred : 0, r = c.gold ? c.tp / c.gold : 0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0, ...c };
};
