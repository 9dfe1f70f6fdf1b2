// Trains the article model (src/extract/events/topic.ts): per event type, logistic regression over an article's
// words, labelled by whether the article's gold holds an event of that type. Its verdicts become features of the
// event decision; on the training articles they come from models that did not see the article (cross-fitting), so
// the decision learns how far the verdict can be trusted on unseen news, not on articles it was fitted to.
import { RANK_QUANTILES, topicTokens, type TopicModel, type TopicScores } from '../../src/extract/events/topic.ts';
import type { LanguageLexicon } from '../../src/extract/events/lexicon.ts';
import { EVENT_TYPES, type EventType } from '../../src/extract/types.ts';
import { hashString } from '../../src/ner/hash.ts';
import { margin, toRows, trainLogistic, type TrainOptions } from './logistic.ts';

export interface TopicDoc { key: string; lang: string; text: string; types: ReadonlySet<EventType>; lx?: LanguageLexicon }
// A language is ranked (topic.ts `quantiles`) when it has at least this many training articles.
const MIN_RANKED = 50;
// Chosen on dev (decision model alone, dev F1): l2 0.001 / 6 epochs 37.2, 0.01 / 6 38.4, 0.03 / 4 38.8; 35.4 without
// the article model. Weighting words by 1/sqrt(their number), so that length does not count, scored 36.6.
export const TOPIC_TRAIN: TrainOptions = { bits: 16, epochs: 4, l2: 0.03, rate: 0.1, seed: 11 };

export type Fitted = { weights: Map<EventType, Float64Array>; bits: number };

/** Per type present in `docs`, a logistic model of whether a document's words say that type. */
export function fit(docs: Array<{ words: string[]; types: ReadonlySet<EventType> }>, o: TrainOptions): Fitted {
  const weights = new Map<EventType, Float64Array>();
  for (const type of EVENT_TYPES) {
    if (!docs.some((d) => d.types.has(type))) continue;
    weights.set(type, trainLogistic(toRows(docs.map((d) => ({ features: d.words, label: d.types.has(type) ? 1 : 0 })), o.bits), o));
  }
  return { weights, bits: o.bits };
}

export function scoreWith(m: Fitted, words: string[]): TopicScores {
  const x = toRows([{ features: words, label: 0 }], m.bits)[0]!.x;
  const out: TopicScores = {};
  for (const [type, w] of m.weights) out[type] = 1 / (1 + Math.exp(-margin(w, x)));
  return out;
}

/** A fitted model's weights as shipped: sparse, rounded to 1e-3, the near-zero ones left out. */
/** A fitted weight vector as a model file stores it: bucket -> weight, rounded, the near-zero ones left out. */
export function sparseWeights(w: Float64Array): Record<string, number> {
  const kept: Record<string, number> = {};
  w.forEach((v, i) => { if (Math.abs(v) >= 1e-3) kept[i] = Math.round(v * 1e3) / 1e3; });
  return kept;
}

export function shippedWeights(m: Fitted): TopicModel['weights'] {
  const weights: TopicModel['weights'] = {};
  for (const [type, w] of m.weights) weights[type] = sparseWeights(w);
  return weights;
}

/**
 * The model trained on every training article, and each training article's scores from the model trained on the
 * folds that leave it out.
 */
export function trainTopic(docs: TopicDoc[], o: TrainOptions = TOPIC_TRAIN, folds = 5): { model: TopicModel; crossFitted: Map<string, TopicScores> } {
  const withWords = docs.map((d) => ({ ...d, words: topicTokens(d.text, d.lx), fold: hashString(`${o.seed}:${d.key}`) % folds }));
  const crossFitted = new Map<string, TopicScores>();
  for (let k = 0; k < folds; k++) {
    const m = fit(withWords.filter((d) => d.fold !== k), o);
    for (const d of withWords) if (d.fold === k) crossFitted.set(d.key, scoreWith(m, d.words));
  }
  const all = fit(withWords, o);
  const weights = shippedWeights(all);
  const quantiles: NonNullable<TopicModel['quantiles']> = {};
  for (const lang of new Set(docs.map((d) => d.lang))) {
    const mine = docs.filter((d) => d.lang === lang && d.text);
    if (mine.length < MIN_RANKED) continue;
    const q: Partial<Record<EventType, number[]>> = {};
    for (const type of all.weights.keys()) {
      const s = mine.map((d) => crossFitted.get(d.key)?.[type] ?? 0).sort((a, b) => a - b);
      q[type] = RANK_QUANTILES.map((x) => Math.round(s[Math.min(s.length - 1, Math.floor(x * s.length))]! * 1e4) / 1e4);
    }
    quantiles[lang] = q;
  }
  return { model: { bits: o.bits, weights, quantiles, ...(docs.some((d) => d.lx) ? { lexicon: true } : {}) }, crossFitted };
}
