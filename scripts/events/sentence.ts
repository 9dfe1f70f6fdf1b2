// Trains the sentence model: the article model's form (src/extract/events/topic.ts) over one sentence. Per event
// type, logistic regression over a sentence's words, labelled by whether the sentence holds the evidence of a gold
// event of that type. The decision reads its verdict on a group's evidence sentence (`sentenceFeatures`). Trained on
// every sentence of the training articles (some 80,000, of which about 760 hold an event's evidence), it can afford the
// sentence's words, which as features of the decision itself only memorised the ~30,000 training groups. Training
// articles' groups get the verdict of the models fitted on the folds without their article.
import type { EventType } from '../../src/extract/types.ts';
import type { LanguageLexicon } from '../../src/extract/events/lexicon.ts';
import type { TopicModel, TopicScores } from '../../src/extract/events/topic.ts';
import { sentenceTokens } from '../../src/extract/events/topic.ts';
import { hashString } from '../../src/ner/hash.ts';
import type { TrainOptions } from './logistic.ts';
import { fit, scoreWith, shippedWeights, type Fitted } from './topic.ts';

export interface SentenceDoc { key: string; lx: LanguageLexicon; sentences: string[]; evidence: ReadonlyArray<{ type: EventType; text: string }> }
// FTRL-Proximal with an L1 of 10 (logistic.ts `trainFtrl`): under AdaGrad (l2 0.003) the model learnt the training
// sentences (session 21: dev AUC per type 0.62-0.83, train 0.998); with the L1 a word needs the gradient of many
// sentences before it weighs at all, and dev AUC rose to 0.85-0.98 (hiring 0.94, expansion 0.94, talent_move 0.85,
// leadership 0.98, contraction 0.95, export_control 0.97). L1 3 read the same (any type 0.919 against 0.918).
export const SENTENCE_TRAIN: TrainOptions = { bits: 16, epochs: 4, l1: 10, l2: 1, rate: 0.1, seed: 13 };

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The types whose gold evidence the sentence holds, or that hold it (a quote may span two of the splitter's sentences). */
export function sentenceTypes(sentence: string, evidence: SentenceDoc['evidence']): Set<EventType> {
  const s = squash(sentence);
  const out = new Set<EventType>();
  if (s.length < 8) return out;
  for (const e of evidence) {
    const q = squash(e.text);
    if (q.length >= 8 && (s.includes(q.slice(0, 60)) || q.includes(s.slice(0, 60)))) out.add(e.type);
  }
  return out;
}

export function trainSentenceModel(docs: SentenceDoc[], o: TrainOptions = SENTENCE_TRAIN, folds = 5): { model: TopicModel; crossScore: (key: string, text: string, lx: LanguageLexicon) => TopicScores; positives: number } {
  const foldOf = new Map(docs.map((d) => [d.key, hashString(`${o.seed}:${d.key}`) % folds]));
  const rows = docs.flatMap((d) => d.sentences.map((s) => ({ words: sentenceTokens(s, d.lx), types: sentenceTypes(s, d.evidence), fold: foldOf.get(d.key)! })));
  const byFold: Fitted[] = [];
  for (let k = 0; k < folds; k++) byFold.push(fit(rows.filter((r) => r.fold !== k), o));
  const all = fit(rows, o);
  return {
    positives: rows.filter((r) => r.types.size).length,
    model: { bits: o.bits, weights: shippedWeights(all) },
    crossScore: (key, text, lx) => { const k = foldOf.get(key); return scoreWith(k === undefined ? all : byFold[k]!, sentenceTokens(text, lx)); },
  };
}
