// The learned event decision: the trainer's pieces (logistic regression, boosted trees, Platt scaling, ECE, AUC) behave as they
// must, and the shipped model loads, gives probabilities, and keeps every event the rules report.
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../src/clean/sentences.ts';
import { decisionModelFrom, loadDecisionModel } from '../../../../src/extract/events/decision.ts';
import { extractEvents } from '../../../../src/extract/events/extract-events.ts';
import { DEFAULT_BOOST, trainBoosted } from '../../../../scripts/events/boosting.ts';
import { auc, ece, fitPlatt, margin, toRows, trainLogistic, DEFAULT_TRAIN } from '../../../../scripts/events/logistic.ts';
import { lexicon, mentionsOf, type Ent } from '../events/helpers.ts';

describe('training pieces', () => {
  it('learns a feature that separates the classes and ranks by it', () => {
    const examples = Array.from({ length: 200 }, (_, i) => ({ features: ['bias', i % 4 === 0 ? 'good' : 'bad', `noise${i % 7}`], label: (i % 4 === 0 ? 1 : 0) as 0 | 1 }));
    const rows = toRows(examples, 12);
    const w = trainLogistic(rows, { ...DEFAULT_TRAIN, bits: 12, epochs: 5 });
    const m = rows.map((r) => margin(w, r.x));
    expect(auc(m.map((z, i) => [z, rows[i]!.y] as const))).toBeGreaterThan(0.99);
  });
  it('FTRL with an L1 keeps a word of one sentence at exactly zero and still learns the word many share', () => {
    const examples = Array.from({ length: 300 }, (_, i) => ({ features: ['bias', i % 4 === 0 ? 'good' : 'bad', `once${i}`], label: (i % 4 === 0 ? 1 : 0) as 0 | 1 }));
    const rows = toRows(examples, 14);
    const opts = { ...DEFAULT_TRAIN, bits: 14, epochs: 4, l1: 5, l2: 1, rate: 0.1 };
    const ftrl = trainLogistic(rows, opts);
    const adagrad = trainLogistic(rows, { ...opts, l1: undefined });
    const at = (f: string) => toRows([{ features: [f], label: 0 }], 14)[0]!.x[0]!;
    expect(ftrl[at('good')]!).toBeGreaterThan(0.5);
    expect(ftrl[at('once0')]).toBe(0);
    // Plain AdaGrad gives the word of that one positive row a full first step.
    expect(adagrad[at('once0')]!).toBeGreaterThan(0.05);
  });
  it('boosted trees learn an interaction a linear model cannot, from features seen in enough articles', () => {
    // True only when both a and b are present, or neither: XOR-like, with a rare feature that must not be split on.
    const articles = Array.from({ length: 80 }, (_, i) => {
      const a = i % 2 === 0, b = i % 3 === 0;
      return [{ features: ['bias', ...(a ? ['a'] : []), ...(b ? ['b'] : []), ...(i === 5 ? ['rare'] : [])], label: (a === b ? 1 : 0) as 0 | 1 }];
    });
    const { base, trees } = trainBoosted(articles, { ...DEFAULT_BOOST, trees: 30, depth: 2, minArticles: 2 });
    const model = decisionModelFrom({ format: 'radar-event-decision/1', mode: 'decide', bits: 0, weights: {}, trees, base, platt: { a: 1, b: 0 }, threshold: 0.5, meta: {} });
    const p = (f: string[]) => model.probability(['bias', ...f]);
    expect(p(['a', 'b'])).toBeGreaterThan(0.5);
    expect(p([])).toBeGreaterThan(0.5);
    expect(p(['a'])).toBeLessThan(0.5);
    expect(p(['b'])).toBeLessThan(0.5);
    expect(JSON.stringify(trees)).not.toContain('rare');
  });
  it('calibrates scores so that the mean probability matches the rate of positives', () => {
    const scores = Array.from({ length: 400 }, (_, i) => (i % 10) / 10);
    const labels = scores.map((s, i) => ((i * 7919) % 100 < s * 60 ? 1 : 0) as 0 | 1);
    const { a, b } = fitPlatt(scores, labels);
    const p = scores.map((s) => 1 / (1 + Math.exp(-(a * s + b))));
    const mean = p.reduce((x, y) => x + y, 0) / p.length;
    const rate = labels.reduce<number>((x, y) => x + y, 0) / labels.length;
    expect(Math.abs(mean - rate)).toBeLessThan(0.02);
    expect(ece(p, labels)).toBeLessThan(ece(scores.map(() => 0.9), labels));
  });
  it('refuses a model file of another format', () => {
    expect(() => decisionModelFrom({ format: 'other/1' } as never)).toThrow(/format/);
  });
});

describe('the shipped model', () => {
  const model = loadDecisionModel();
  const text = 'Bolt Motors will cut 2,000 jobs at its plant in Ohio, the company said.';
  const ents: Ent[] = [['Bolt Motors', 'firm', 'Bolt Motors'], ['Ohio', 'location', 'Ohio', 'state']];
  const input = { text, lang: 'en', title: null, sentences: splitSentences(text, 'en'), mentions: mentionsOf(text, ents), exportControls: [] };

  it('loads, with a mode and a threshold in range', () => {
    expect(model).not.toBeNull();
    expect(['decide', 'augment', 'calibrate']).toContain(model!.mode);
    expect(model!.threshold).toBeGreaterThanOrEqual(0);
    expect(model!.threshold).toBeLessThanOrEqual(1);
  });
  it('gives every event a probability and keeps the events the rules report', () => {
    const rules = extractEvents(input, lexicon, null);
    const decided = extractEvents(input, lexicon, model);
    expect(rules.some((e) => e.type === 'contraction' && e.firm === 'Bolt Motors')).toBe(true);
    if (model!.mode !== 'decide') for (const e of rules) expect(decided.some((d) => d.type === e.type && d.firm === e.firm)).toBe(true);
    for (const e of decided) { expect(e.confidence).toBeGreaterThanOrEqual(0); expect(e.confidence).toBeLessThanOrEqual(1); }
  });
});
