// Zyte article-body F1 exactly as ../shared/eval/score-clean.mjs computes it: 4-gram word shingles, per-page
// precision and recall averaged over pages, F1 of the two means. Reimplemented here (a few lines) so the benchmark
// does not import from ../shared at runtime.

const tokenize = (s: string | null | undefined): string[] => (s ?? '').match(/[\p{L}\p{N}_]+/gu) ?? [];

function shingles(s: string | null | undefined, n = 4): Map<string, number> {
  const t = tokenize(s);
  const m = new Map<string, number>();
  for (let i = 0; i < Math.max(1, t.length - n + 1); i++) {
    const k = t.slice(i, i + n).join('\u0001');
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** [tp, fp, fn] shares of one page's shingles. */
export function tpFpFn(truth: string, predicted: string): [number, number, number] {
  const a = shingles(truth);
  const b = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k) ?? 0;
    const y = b.get(k) ?? 0;
    tp += Math.min(x, y);
    fp += Math.max(0, y - x);
    fn += Math.max(0, x - y);
  }
  const s = tp + fp + fn;
  return s ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

const prec = ([tp, fp, fn]: number[]) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp! / (tp! + fp!));
const rec = ([tp, fp, fn]: number[]) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp! / (tp! + fn!));
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export interface F1Score {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Averages per-page shingle precision/recall over (truth, predicted) pairs and returns their F1. */
export function zyteF1(pairs: Array<{ truth: string; predicted: string }>): F1Score {
  const rows = pairs.map((p) => tpFpFn(p.truth, p.predicted));
  const precision = mean(rows.filter(([tp, fp]) => tp + fp > 0).map(prec));
  const recall = mean(rows.filter(([tp, , fn]) => tp + fn > 0).map(rec));
  return { pages: rows.length, precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
