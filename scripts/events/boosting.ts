// Gradient-boosted decision trees over binary features (the feature strings of decision.ts), on the log loss: the
// second model form the event decision is chosen among by dev F1 (the other is logistic.ts). Trees split on whether
// a group has a feature, so they can learn what a linear model cannot: a weak firm reference is worth something
// only when it opens the sentence before the trigger, say.
import type { DecisionTree } from '../../src/extract/events/decision.ts';

export interface BoostOptions { trees: number; depth: number; rate: number; lambda: number; minHessian: number; minArticles: number }
export const DEFAULT_BOOST: BoostOptions = { trees: 200, depth: 3, rate: 0.1, lambda: 1, minHessian: 1, minArticles: 3 };

interface Example { features: string[]; label: 0 | 1 }

/**
 * Trains the trees on `articles` (each a list of examples). A feature is a split candidate only when it occurs in at
 * least `minArticles` articles: a tree that splits on one article's firm name learns that article. Positives are
 * weighted so that both classes weigh the same in the loss, as in logistic.ts.
 */
export function trainBoosted(articles: Example[][], o: BoostOptions): { base: number; trees: DecisionTree[] } {
  const seen = new Map<string, number>();
  for (const a of articles) for (const f of new Set(a.flatMap((e) => e.features))) seen.set(f, (seen.get(f) ?? 0) + 1);
  const names = [...seen].filter(([, n]) => n >= o.minArticles).map(([f]) => f);
  const id = new Map(names.map((f, i) => [f, i]));
  const rows = articles.flat();
  const x = rows.map((e) => Uint32Array.from(new Set(e.features.flatMap((f) => (id.has(f) ? [id.get(f)!] : [])))));
  const y = rows.map((e) => e.label);
  const pos = y.filter((v) => v === 1).length;
  const posWeight = pos ? Math.min(3, (rows.length - pos) / pos) : 1;
  const weight = y.map((v) => (v === 1 ? posWeight : 1));
  const sumW = weight.reduce((s, w) => s + w, 0), sumPos = pos * posWeight;
  const base = Math.log(sumPos / Math.max(1e-9, sumW - sumPos));
  const score = new Float64Array(rows.length).fill(base);
  const g = new Float64Array(rows.length), h = new Float64Array(rows.length);
  const gSum = new Float64Array(names.length), hSum = new Float64Array(names.length);
  const touched: number[] = [];
  const has = rows.map(() => new Set<number>());
  x.forEach((xs, i) => xs.forEach((f) => has[i]!.add(f)));

  const leaf = (idx: number[]) => {
    let G = 0, H = 0;
    for (const i of idx) { G += g[i]!; H += h[i]!; }
    return (-G / (H + o.lambda)) * o.rate;
  };
  const grow = (idx: number[], depth: number): DecisionTree => {
    if (depth >= o.depth || idx.length < 2) return leaf(idx);
    let G = 0, H = 0;
    for (const i of idx) {
      G += g[i]!; H += h[i]!;
      for (const f of x[i]!) { if (hSum[f] === 0) touched.push(f); gSum[f]! += g[i]!; hSum[f]! += h[i]!; }
    }
    const parent = (G * G) / (H + o.lambda);
    let best = -1, bestGain = 1e-6;
    for (const f of touched) {
      const gl = gSum[f]!, hl = hSum[f]!, gr = G - gl, hr = H - hl;
      if (hl >= o.minHessian && hr >= o.minHessian) {
        const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parent;
        if (gain > bestGain) { bestGain = gain; best = f; }
      }
      gSum[f] = 0; hSum[f] = 0;
    }
    touched.length = 0;
    if (best < 0) return leaf(idx);
    const yes = idx.filter((i) => has[i]!.has(best)), no = idx.filter((i) => !has[i]!.has(best));
    return [names[best]!, grow(yes, depth + 1), grow(no, depth + 1)];
  };

  const trees: DecisionTree[] = [];
  const all = rows.map((_, i) => i);
  for (let t = 0; t < o.trees; t++) {
    for (let i = 0; i < rows.length; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!));
      g[i] = (p - y[i]!) * weight[i]!;
      h[i] = Math.max(1e-6, p * (1 - p)) * weight[i]!;
    }
    const tree = grow(all, 0);
    trees.push(tree);
    for (let i = 0; i < rows.length; i++) score[i]! += treeValue(tree, has[i]!, id);
  }
  return { base, trees };
}

function treeValue(tree: DecisionTree, has: Set<number>, id: Map<string, number>): number {
  let node = tree;
  while (typeof node !== 'number') node = has.has(id.get(node[0])!) ? node[1] : node[2];
  return node;
}
