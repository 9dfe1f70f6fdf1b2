// Trains the firm-choice model (src/extract/events/firm-choice.ts): one logistic model over the firm mentions of the
// training groups that match a gold event, each labelled by whether it names that event's firm. Only spans that hold
// a gold event's firm give rows: the model says which firm an event is about, not whether there is one (the sentence
// model's and the decision's question). Training articles' groups get the verdict of the fold that did not see them.
import type { EventType } from '../../src/extract/types.ts';
import { firmChoiceTokens, refsIn, spanHits, type FirmChoiceModel, type MentionContext } from '../../src/extract/events/firm-choice.ts';
import { hashString } from '../../src/ner/hash.ts';
import { toRows, trainLogistic, type TrainOptions } from './logistic.ts';
import { sparseWeights } from './topic.ts';

export interface FirmChoiceDoc {
  key: string;
  ctx: MentionContext;
  /** The evidence spans of the article's groups that match a gold event, with the matched group's firm. */
  events: ReadonlyArray<{ type: EventType; firmKey: string; start: number; end: number }>;
}

// FTRL with an L1, as the sentence model: some 2,000 mentions are few, and the words beside a firm are many.
export const FIRM_CHOICE_TRAIN: TrainOptions = { bits: 16, epochs: 4, l1: 1, l2: 1, rate: 0.1, seed: 17 };

/** One row per firm mention of each (span, type) that holds a matched firm; every matched firm of it is positive. */
export function firmChoiceRows(doc: FirmChoiceDoc): Array<{ features: string[]; label: 0 | 1 }> {
  const bySpan = new Map<string, { type: EventType; start: number; end: number; firms: Set<string> }>();
  for (const e of doc.events) {
    const k = `${e.type}|${e.start}|${e.end}`;
    (bySpan.get(k) ?? bySpan.set(k, { type: e.type, start: e.start, end: e.end, firms: new Set() }).get(k)!).firms.add(e.firmKey);
  }
  return [...bySpan.values()].flatMap((s) => {
    const inSpan = refsIn(doc.ctx, s);
    if (!inSpan.some((r) => s.firms.has(r.key))) return [];
    const hits = spanHits(doc.ctx, s, s.type);
    return inSpan.map((r, i) => ({ features: firmChoiceTokens(doc.ctx, s, inSpan, i, s.type, hits), label: s.firms.has(r.key) ? (1 as const) : (0 as const) }));
  });
}

const toModel = (w: Float64Array, bits: number): FirmChoiceModel => ({ bits, weights: sparseWeights(w) });

export function trainFirmChoice(docs: FirmChoiceDoc[], o: TrainOptions = FIRM_CHOICE_TRAIN, folds = 5): { model: FirmChoiceModel; foldModel: (key: string) => FirmChoiceModel; rows: number; positives: number } {
  const foldOf = new Map(docs.map((d) => [d.key, hashString(`${o.seed}:${d.key}`) % folds]));
  const rows = docs.map((d) => ({ fold: foldOf.get(d.key)!, rows: firmChoiceRows(d) }));
  const fitOn = (keep: (fold: number) => boolean) => toModel(trainLogistic(toRows(rows.filter((r) => keep(r.fold)).flatMap((r) => r.rows), o.bits), o), o.bits);
  const byFold = Array.from({ length: folds }, (_, k) => fitOn((f) => f !== k));
  const model = fitOn(() => true);
  const all = rows.flatMap((r) => r.rows);
  return { model, foldModel: (key) => { const k = foldOf.get(key); return k === undefined ? model : byFold[k]!; }, rows: all.length, positives: all.filter((r) => r.label === 1).length };
}
