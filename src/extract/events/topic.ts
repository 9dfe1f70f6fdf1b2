// What the whole article is about, as one feature of the event decision: per event type, a logistic model over the
// article's words gives the probability that the article reports an event of that type at all. A trigger in a
// sports report or an election story reads like one in a layoff story; the article's other words tell them apart.
// The model is trained on whole training articles (scripts/events/topic.ts), which are many more than the
// candidates that hold a given word, so it can afford words where the candidate-level decision could not.
import { EVENT_TYPES, type EventType } from '../types.ts';
import type { LanguageLexicon } from './lexicon.ts';
import { foldText } from './patterns.ts';
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
  /** Trained with the lexicon's trigger counts among the tokens (`topicTokens`); older models read words only. */
  lexicon?: boolean;
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

/**
 * The article's distinct words, those of its first line (the headline, when there is one) also marked as such, and
 * with a lexicon how many triggers of each type it holds (1-4, 4 for more) and whether the headline holds one: counts
 * that read the same in every language, where the words of a language with few training events (es: 8) cannot
 * learn what an event story looks like.
 */
export function topicTokens(text: string, lx?: LanguageLexicon): string[] {
  const nl = text.indexOf('\n');
  const head = nl > 0 && nl < 300 ? text.slice(0, nl) : '';
  const out = new Set<string>(['bias']);
  for (const w of tokens(text.toLowerCase())) out.add(`w:${w}`);
  for (const w of tokens(head.toLowerCase())) out.add(`h:${w}`);
  if (lx) {
    const folded = foldText(text);
    for (const type of EVENT_TYPES) {
      const n = lx.triggers[type].find(folded).length;
      if (n) out.add(`lex:${type}|${n >= 4 ? 4 : n}`);
      if (n && head && lx.triggers[type].test(folded, 0, head.length)) out.add(`lexh:${type}`);
    }
  }
  return [...out];
}

/**
 * One sentence's distinct words, for the sentence model (the article model's form over one sentence), and with a
 * lexicon the types whose triggers or candidate wording it holds: those read the same in every language, so Spanish,
 * with 8 training events, borrows what a hiring trigger means from the languages with hundreds.
 */
export function sentenceTokens(text: string, lx?: LanguageLexicon): string[] {
  const out = ['bias', ...new Set(tokens(text.toLowerCase()).map((w) => `w:${w}`))];
  if (!lx) return out;
  const folded = foldText(text);
  for (const type of EVENT_TYPES) {
    const trigger = lx.triggers[type].test(folded), candidate = !trigger && lx.candidates[type].test(folded);
    if (trigger || candidate) out.push(`lex:${type}|${trigger ? 'trigger' : 'candidate'}`, `lex:${type}`);
  }
  return out;
}

/**
 * The model's scorer over tokens (`topicTokens` of an article, `sentenceTokens` of a sentence) -> probability per
 * type. The weights fill nearly every hashed bucket, so each type's are read once into a dense array: a map of its
 * ~60,000 entries held about 75 MB more per process.
 */
export function tokenScorer(model: TopicModel): (tokens: string[]) => TopicScores {
  const types = (Object.entries(model.weights) as Array<[EventType, Record<string, number>]>).map(([type, w]) => {
    const dense = new Float64Array(1 << model.bits);
    for (const k in w) dense[Number(k)] = w[k]!;
    return [type, dense] as const;
  });
  return (words) => {
    const idx = [...new Set(words.map((w) => featureIndex(w, model.bits)))];
    const out: TopicScores = {};
    for (const [type, w] of types) {
      let z = 0;
      for (const i of idx) z += w[i]!;
      out[type] = 1 / (1 + Math.exp(-z));
    }
    return out;
  };
}

/** The article model's scorer: article text (and its language's lexicon) -> probability per type. */
export function topicScorer(model: TopicModel): (text: string, lx?: LanguageLexicon) => TopicScores {
  const score = tokenScorer(model);
  return (text, lx) => score(topicTokens(text, model.lexicon ? lx : undefined));
}

/** The sentence model's scorer: one sentence and its language's lexicon -> probability per type. */
export function sentenceScorer(model: TopicModel): (text: string, lx: LanguageLexicon) => TopicScores {
  const score = tokenScorer(model);
  return (text, lx) => score(sentenceTokens(text, lx));
}
