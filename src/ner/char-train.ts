// Training the character-level firm tagger (char-tagger.ts) from text segments with ORG spans, with the word-level
// NER's averaged perceptron (perceptron.ts); deterministic for given examples and seed.
import { charFeatures } from './char-features.ts';
import { type CharSpan, CharTagger, ORG_TAGS } from './char-tagger.ts';
import { type TrainSentence, type TrainedWeights, trainPerceptron } from './perceptron.ts';
import type { Scores } from './train.ts';

/** One training segment: its text and the firm spans in it (offsets into `text`, not overlapping). */
export interface CharExample {
  text: string;
  spans: CharSpan[];
}

export interface CharTrainOptions {
  lang: string;
  /** log2 of the number of hashed feature buckets. */
  bits: number;
  epochs: number;
  seed: number;
  minFeatureCount: number;
  /** Called after each epoch with a usable tagger (to pick the epoch count on held-out data). */
  onEpoch?: (epoch: number, tagger: CharTagger, errors: number) => void;
}

/** IOB2 tag indexes of one example (B-ORG on a span's first unit, I-ORG on the rest). */
export function goldTags(ex: CharExample): Int32Array {
  const tags = new Int32Array(ex.text.length);
  for (const s of ex.spans) {
    for (let i = s.start; i < s.end && i < tags.length; i++) tags[i] = i === s.start ? ORG_TAGS[1]! : ORG_TAGS[2]!;
  }
  return tags;
}

/** Trains a firm tagger on examples. */
export function trainCharTagger(examples: readonly CharExample[], opts: CharTrainOptions): CharTagger {
  const data: TrainSentence[] = examples.filter((e) => e.text.length > 0).map((e) => ({ feats: charFeatures(e.text), gold: goldTags(e) }));
  const meta = { bits: opts.bits, epochs: opts.epochs, seed: opts.seed, minFeatureCount: opts.minFeatureCount };
  const w = trainPerceptron(data, {
    bits: opts.bits,
    epochs: opts.epochs,
    seed: opts.seed,
    minFeatureCount: opts.minFeatureCount,
    ...(opts.onEpoch ? { onEpoch: (e: number, wt: TrainedWeights, errors: number) => opts.onEpoch!(e, new CharTagger(opts.lang, wt, { ...meta }), errors) } : {}),
  });
  return new CharTagger(opts.lang, w, { ...meta });
}

/** Exact-boundary span precision, recall and F1 of a tagger on examples. */
export function scoreSpans(tagger: CharTagger, examples: readonly CharExample[]): Scores {
  let g = 0;
  let p = 0;
  let c = 0;
  for (const ex of examples) {
    const gold = new Set(ex.spans.map((s) => `${s.start}:${s.end}`));
    const pred = tagger.spans(ex.text);
    g += gold.size;
    p += pred.length;
    for (const s of pred) if (gold.has(`${s.start}:${s.end}`)) c++;
  }
  const precision = p ? c / p : 0;
  const recall = g ? c / g : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, gold: g, predicted: p, correct: c };
}
