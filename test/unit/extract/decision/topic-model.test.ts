// The article model (src/extract/events/topic.ts, scripts/events/topic.ts): it learns which words mark an article
// that reports an event of a type, scores unseen text with the shipped weights, gives each training article the
// verdict of folds that did not see it, and its verdicts reach the decision as features.
import { describe, expect, it } from 'vitest';
import { decisionModelFrom, topicFeatures } from '../../../../src/extract/events/decision.ts';
import { topicRank, topicScorer, topicTokens } from '../../../../src/extract/events/topic.ts';
import { trainTopic } from '../../../../scripts/events/topic.ts';

// Layoff stories share "plant" and "workers"; the others are about sport or weather, sharing neither.
const docs = Array.from({ length: 120 }, (_, i) => {
  const layoff = i % 3 === 0;
  const text = layoff ? `Plant closes\n\nThe plant will shed workers, story ${i}.` : `Match report\n\nThe team won on a rainy day, story ${i}.`;
  return { key: `d${i}`, lang: 'en', text, types: new Set(layoff ? (['contraction'] as const) : []) };
});

describe('article model', () => {
  it('reads distinct words, marking those of the headline', () => {
    const t = topicTokens('Firm cuts jobs\n\nThe firm cuts 300 jobs. The firm said so.');
    expect(t).toContain('bias');
    expect(t).toContain('h:cuts');
    expect(t).toContain('w:firm');
    expect(t.filter((x) => x === 'w:firm')).toHaveLength(1);
    expect(topicTokens('没有标题的文章')).not.toContain('h:没有');
  });
  it('learns the words of articles with an event and scores unseen text by them', () => {
    const { model, crossFitted } = trainTopic(docs);
    const score = topicScorer(model);
    expect(score('Plant news\n\nWorkers at the plant.').contraction!).toBeGreaterThan(0.7);
    expect(score('Sport\n\nThe team played on a rainy day.').contraction!).toBeLessThan(0.3);
    // Types no training article holds get no model.
    expect(score('anything').hiring).toBeUndefined();
    expect(crossFitted.size).toBe(docs.length);
    expect(crossFitted.get('d0')!.contraction!).toBeGreaterThan(crossFitted.get('d1')!.contraction!);
  });
  it('ranks a verdict among the training articles of its language, for languages with enough of them', () => {
    const few = docs.slice(0, 30).map((d) => ({ ...d, key: `es-${d.key}`, lang: 'es' }));
    const { model } = trainTopic(docs);
    const score = topicScorer(model);
    const layoff = score('Plant closes\n\nThe plant will shed workers.'), sport = score('Match\n\nThe team won on a rainy day.');
    // A third of the English articles are layoff stories: a layoff story is above the median, over a match report.
    expect(topicRank(model, 'en', layoff)!.contraction).toBeGreaterThanOrEqual(1);
    expect(topicRank(model, 'en', layoff)!.contraction!).toBeGreaterThan(topicRank(model, 'en', sport)!.contraction!);
    const mixed = trainTopic([...docs, ...few]).model;
    expect(topicRank(mixed, 'en', layoff)).toBeDefined();
    expect(topicRank(mixed, 'es', layoff)).toBeUndefined();
    expect(topicFeatures('contraction', layoff, { contraction: 3 })).toEqual(expect.arrayContaining(['topq:contraction|3', 'topq:3']));
  });
  it('gives the decision bucketed verdicts, and a shipped model applies them', () => {
    expect(topicFeatures('hiring', undefined)).toEqual([]);
    expect(topicFeatures('hiring', { hiring: 0.95, contraction: 0.02 })).toEqual(['top:hiring|10', 'top:10', 'topany:10']);
    expect(topicFeatures('contraction', { hiring: 0.95, contraction: 0.02 })).toEqual(['top:contraction|0', 'top:0', 'topany:10']);
    const { model } = trainTopic(docs);
    const decision = decisionModelFrom({ format: 'radar-event-decision/1', mode: 'decide', bits: 8, weights: {}, topic: model, platt: { a: 1, b: 0 }, threshold: 0.5, meta: {} });
    expect(decision.topic!('The plant lays off workers.').contraction!).toBeGreaterThan(0.5);
    expect(decisionModelFrom({ format: 'radar-event-decision/1', mode: 'decide', bits: 8, weights: {}, platt: { a: 1, b: 0 }, threshold: 0.5, meta: {} }).topic).toBeNull();
  });
});
