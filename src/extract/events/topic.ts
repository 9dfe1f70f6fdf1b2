// What the whole article is about, as one feature of the event decision: per event type, a logistic model over the
// article's words gives the probability that the article reports an event of that type at all. A trigger in a
// sports report or an election story reads like one in a layoff story; the article's other words tell them apart.
// The model is trained on whole training articles (scripts/events/topic.ts), which are many more than the
// candidates that hold a given word, so it can afford words where the candidate-level decision could not.
import type { EventType } from '../types.ts';
import { featureIndex, tokens } from './decision.ts';

/** Weights of the per-type article models: hashed token bucket -> weight (the token `bias` is every article's). */
export interface TopicModel {
  bits: number;
  weights: Partial<Record<EventType, Record<string, number>>>;
  /**
   * Per language and type, the training articles' scores at the quantiles of `RANK_QUANTILES` (from the models that
   * did not see them): where an article stands among its own language's. A language with few training events
   * (es: 8) gets low scores on every article, so the score alone cannot tell its event stories from the rest.
   */
  quantiles?: Record<string, Partial<Record<EventType, number[]>>>;
}

export const RANK_QUANTILES = [0.5, 0.75, 0.9, 0.95, 0.98];

/** Per type, how many of its language's quantiles (`RANK_QUANTILES`) the article's score reaches: 0-5. */
export type TopicRanks = Partial<Record<EventType, number>>;

/** The article's ranks in its language, or undefined for a language the model does not rank. */
export function topicRank(model: TopicModel, lang: string, scores: TopicScores): TopicRanks | undefined {
  const q = model.quantiles?.[lang];
  if (!q) return undefined;
  const out: TopicRanks = {};
  for (const [type, cuts] of Object.entries(q) as Array<[EventType, number[]]>) out[type] = cuts.filter((c) => (scores[type] ?? 0) >= c).length;
  return out;
}

/** Probability, per type, that the article reports an event of that type. */
export type TopicScores = Partial<Record<EventType, number>>;

/** The article's distinct words, those of its first line (the headline, when there is one) also marked as such. */
export function topicTokens(text: string): string[] {
  const nl = text.indexOf('\n');
  const head = nl > 0 && nl < 300 ? text.slice(0, nl) : '';
  const out = new Set<string>(['bias']);
  for (const w of tokens(text.toLowerCase())) out.add(`w:${w}`);
  for (const w of tokens(head.toLowerCase())) out.add(`h:${w}`);
  return [...out];
}

/**
 * The model's scorer: article text -> probability per type. The weights fill nearly every hashed bucket, so each
 * type's are read once into a dense array: a map of its ~60,000 entries held about 75 MB more per process.
 */
export function topicScorer(model: TopicModel): (text: string) => TopicScores {
  const types = (Object.entries(model.weights) as Array<[EventType, Record<string, number>]>).map(([type, w]) => {
    const dense = new Float64Array(1 << model.bits);
    for (const k in w) dense[Number(k)] = w[k]!;
    return [type, dense] as const;
  });
  return (text) => {
    const idx = [...new Set(topicTokens(text).map((w) => featureIndex(w, model.bits)))];
    const out: TopicScores = {};
    for (const [type, w] of types) {
      let z = 0;
      for (const i of idx) z += w[i]!;
      out[type] = 1 / (1 + Math.exp(-z));
    }
    return out;
  };
}
