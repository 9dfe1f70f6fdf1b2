// The sentence model (scripts/events/sentence.ts, read by src/extract/events/decision.ts): it labels a training
// sentence by the gold evidence it holds, learns which words and which lexicon cues mark an event's sentence, gives
// training groups the verdict of folds that did not see their article, and its verdicts reach the decision as
// features. The article model's lexicon counts are checked here too: both read the real lexicons.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { articleSentenceFeatures, decisionModelFrom, sentenceFeatures } from '../../../../src/extract/events/decision.ts';
import { loadEventLexicon } from '../../../../src/extract/events/lexicon.ts';
import { sentenceTokens, topicTokens } from '../../../../src/extract/events/topic.ts';
import { sentenceTypes, trainSentenceModel } from '../../../../scripts/events/sentence.ts';

const lexicon = loadEventLexicon(DEFAULT_CONFIG_DIR);
const en = lexicon.get('en');
// Each article: one sentence that is a gold contraction's evidence, and two about the weather and a match.
const docs = Array.from({ length: 60 }, (_, i) => {
  const cut = `Northwind will cut ${100 + i} jobs at the plant.`;
  return { key: `a${i}`, lx: en, sentences: [cut, `It rained on day ${i}.`, `The team won match ${i}.`], evidence: [{ type: 'contraction' as const, text: cut }] };
});

describe('sentence model', () => {
  it('labels a sentence by the gold evidence it holds or that holds it', () => {
    const evidence = [{ type: 'hiring' as const, text: 'Acme will hire 300 engineers in Lyon' }];
    expect([...sentenceTypes('Acme will hire 300 engineers in Lyon, it said.', evidence)]).toEqual(['hiring']);
    expect([...sentenceTypes('Acme will hire', [{ type: 'hiring', text: 'Acme will hire 300 engineers in Lyon. It said so.' }])]).toEqual(['hiring']);
    expect(sentenceTypes('The weather was fine.', evidence).size).toBe(0);
  });
  it('reads the lexicon cues of a sentence, the same in every language', () => {
    expect(sentenceTokens('Acme will cut 300 jobs.', en)).toEqual(expect.arrayContaining(['bias', 'w:acme', 'lex:contraction']));
    expect(sentenceTokens('Acme will cut 300 jobs.')).not.toContain('lex:contraction');
    expect(sentenceTokens('Acme va supprimer 300 emplois.', lexicon.get('fr'))).toContain('lex:contraction');
    expect(sentenceTokens('It rained.', en).some((t) => t.startsWith('lex:'))).toBe(false);
    // The article model counts a type's triggers over the whole article, and marks one in the headline.
    const article = topicTokens('Acme to cut jobs\n\nAcme will cut 300 jobs. Acme also cuts 20 more jobs.', en);
    expect(article).toContain('lexh:contraction');
    expect(article.some((t) => /^lex:contraction\|[2-4]$/.test(t))).toBe(true);
  });
  it('learns an event sentence from the others and scores unseen ones, cross-fitted by article', () => {
    const { model, crossScore, positives } = trainSentenceModel(docs);
    expect(positives).toBe(docs.length);
    const decision = decisionModelFrom({ format: 'radar-event-decision/1', mode: 'decide', bits: 8, weights: {}, sentence: model, platt: { a: 1, b: 0 }, threshold: 0.5, meta: {} });
    const layoff = decision.sentence!('Contoso will cut 40 jobs at its plant.', en).contraction!;
    const weather = decision.sentence!('It rained all day.', en).contraction!;
    expect(layoff).toBeGreaterThan(0.5);
    expect(weather).toBeLessThan(0.3);
    expect(crossScore('a0', 'Northwind will cut 100 jobs at the plant.', en).contraction!).toBeGreaterThan(crossScore('a0', 'It rained on day 0.', en).contraction!);
    expect(sentenceFeatures('contraction', { contraction: layoff, hiring: 0.01 })).toContain(`senany:${sentenceFeatures('contraction', { contraction: layoff })[1]!.slice(4)}|true`);
    expect(sentenceFeatures('hiring', undefined)).toEqual([]);
    expect(decisionModelFrom({ format: 'radar-event-decision/1', mode: 'decide', bits: 8, weights: {}, platt: { a: 1, b: 0 }, threshold: 0.5, meta: {} }).sentence).toBeNull();
  });
  it("reads the article's strongest sentence of a type, over all sentences and over those naming the group's firm", () => {
    const sentences = [
      { lower: 'contoso will cut 400 jobs.', scores: { contraction: 0.9 } },
      { lower: 'northwind said demand was weak.', scores: { contraction: 0.1 } },
    ];
    const [all, firm, anyType] = articleSentenceFeatures('contraction', 'Northwind', sentences);
    expect(all).toBe(articleSentenceFeatures('contraction', 'Contoso', sentences)[0]);
    expect(firm).not.toBe(articleSentenceFeatures('contraction', 'Contoso', sentences)[1]);
    // The firm's verdict also without its type, which every type's weights share.
    expect(anyType).toBe(firm!.replace('fsen:contraction|', 'fsen:'));
    // No sentence names the firm (or there is none): the firm's verdict is the lowest bucket.
    expect(articleSentenceFeatures('contraction', 'Fabrikam', sentences)[1]).toBe(articleSentenceFeatures('contraction', null, [])[1]);
  });
});
