// Training a two-pass NER model from tagged documents. Name lists and first-pass outputs used as features on the
// training data come from models that did not see that document (k-fold jackknifing), so their reliability on
// training data matches their reliability on new text.
import { type SentenceFeatures, buildDocContext, sentenceFeatures } from './features.ts';
import { type Gazetteer, buildGazetteer } from './gazetteer.ts';
import { SparseScorer, emissions, viterbi } from './linear.ts';
import { NerModel } from './model.ts';
import { type TrainSentence, type TrainedWeights, trainPerceptron } from './perceptron.ts';
import { TAGS, TAG_INDEX, spansFromTags } from './tags.ts';

export interface TaggedSentence {
  tokens: string[];
  tags: string[]; // IOB2
}

export interface TaggedDocument {
  sentences: TaggedSentence[];
}

export interface NerTrainOptions {
  lang: string;
  bits: number;
  /** Epochs of the first pass (and of the fold models that feed the second pass). */
  epochs1: number;
  /** Epochs of the second pass; 0 trains a one-pass model. */
  epochs2: number;
  /** Documents are split into this many folds by index for jackknifed name lists and first-pass features. */
  folds: number;
  seed: number;
  minFeatureCount: number;
  /** Lower-case words seen at least this often go into the lexicon. */
  lexiconMinCount: number;
  /** Names from other corpora, used as a separate, fixed name-list feature. */
  external?: Gazetteer | null;
  /** Called after each epoch of pass 1 or 2 with a model usable for evaluation. */
  onEpoch?: (pass: number, epoch: number, model: NerModel) => void;
  log?: (msg: string) => void;
}

/** Trains a one- or two-pass model; deterministic for given documents and options. */
export function trainNer(docs: readonly TaggedDocument[], opts: NerTrainOptions): NerModel {
  const log = opts.log ?? (() => {});
  const lexicon = buildLexicon(docs, opts.lexiconMinCount);
  const external = opts.external ?? null;
  const folds = Math.max(1, Math.min(opts.folds, docs.length));
  const foldOf = docs.map((_, i) => i % folds);
  const withSpans = (d: TaggedDocument) => d.sentences.map((s) => ({ tokens: s.tokens, spans: spansFromTags(s.tags) }));
  const fullGaz = buildGazetteer(docs.flatMap(withSpans));
  const foldGaz: Gazetteer[] = [];
  for (let k = 0; k < folds; k++) foldGaz.push(folds === 1 ? fullGaz : buildGazetteer(docs.filter((_, i) => foldOf[i] !== k).flatMap(withSpans)));
  log(`lexicon ${lexicon.size} words, name list ${fullGaz.size} names, ${folds} folds`);

  const gold = docs.map((d) => d.sentences.map((s) => Int32Array.from(s.tags, (t) => TAG_INDEX.get(t) ?? 0)));
  const feats1: SentenceFeatures[][] = docs.map((d, i) => {
    const ctx = buildDocContext(d.sentences.map((s) => s.tokens));
    const res = { gazetteer: foldGaz[foldOf[i]!]!, external, lexicon };
    return d.sentences.map((s) => sentenceFeatures(s.tokens, res, ctx));
  });
  const sentencesOf = (keep: (docIndex: number) => boolean, feats: SentenceFeatures[][]): TrainSentence[] =>
    docs.flatMap((_, i) => (keep(i) ? feats[i]!.map((f, j) => ({ feats: f, gold: gold[i]![j]! })) : []));
  const base = { bits: opts.bits, seed: opts.seed, minFeatureCount: opts.minFeatureCount };
  const wrap = (ws: TrainedWeights[]) => new NerModel(opts.lang, { gazetteer: fullGaz, external, lexicon }, ws, {});

  const w1 = trainPerceptron(sentencesOf(() => true, feats1), {
    ...base,
    epochs: opts.epochs1,
    onEpoch: (e, w, errors) => {
      log(`pass 1 epoch ${e}: ${errors} sentences wrong`);
      opts.onEpoch?.(1, e, wrap([w]));
    },
  });
  if (opts.epochs2 <= 0) return wrap([w1]);

  // First-pass tags for each training document from a model trained without that document's fold.
  const firstPass: string[][][] = docs.map(() => []);
  for (let k = 0; k < folds; k++) {
    const wk = folds === 1 ? w1 : trainPerceptron(sentencesOf((i) => foldOf[i] !== k, feats1), { ...base, epochs: opts.epochs1 });
    const scorer = new SparseScorer(wk.mask, wk.buckets, wk.rows);
    docs.forEach((_, i) => {
      if (foldOf[i] !== k) return;
      firstPass[i] = feats1[i]!.map((f) => Array.from(viterbi(emissions(scorer, f), wk.trans, f.offsets.length - 1), (t) => TAGS[t]!));
    });
    log(`fold ${k + 1}/${folds} first pass done`);
  }
  const feats2: SentenceFeatures[][] = docs.map((d, i) => {
    const ctx = buildDocContext(d.sentences.map((s) => s.tokens), firstPass[i]);
    const res = { gazetteer: foldGaz[foldOf[i]!]!, external, lexicon };
    return d.sentences.map((s, j) => sentenceFeatures(s.tokens, res, ctx, firstPass[i]![j]));
  });
  const w2 = trainPerceptron(sentencesOf(() => true, feats2), {
    ...base,
    epochs: opts.epochs2,
    onEpoch: (e, w, errors) => {
      log(`pass 2 epoch ${e}: ${errors} sentences wrong`);
      opts.onEpoch?.(2, e, wrap([w1, w]));
    },
  });
  return wrap([w1, w2]);
}

function buildLexicon(docs: readonly TaggedDocument[], minCount: number): Set<string> {
  const counts = new Map<string, number>();
  for (const d of docs) {
    for (const s of d.sentences) {
      for (const t of s.tokens) {
        const c = t[0];
        if (c && c !== c.toUpperCase() && c === c.toLowerCase()) counts.set(t, (counts.get(t) ?? 0) + 1);
      }
    }
  }
  return new Set([...counts].filter(([, n]) => n >= minCount).map(([w]) => w));
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

/** Entity-level precision, recall and F1 (exact type and boundaries, as conlleval) of a model on tagged documents. */
export function evaluate(model: NerModel, docs: readonly TaggedDocument[], passes?: number): Scores {
  let g = 0;
  let p = 0;
  let c = 0;
  for (const d of docs) {
    const pred = model.tagDocument(d.sentences.map((s) => s.tokens), passes);
    d.sentences.forEach((s, i) => {
      const gs = new Set(spansFromTags(s.tags).map((x) => `${x.start}:${x.end}:${x.type}`));
      const ps = spansFromTags(pred[i]!).map((x) => `${x.start}:${x.end}:${x.type}`);
      g += gs.size;
      p += ps.length;
      for (const x of ps) if (gs.has(x)) c++;
    });
  }
  const precision = p ? c / p : 0;
  const recall = g ? c / g : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, gold: g, predicted: p, correct: c };
}
