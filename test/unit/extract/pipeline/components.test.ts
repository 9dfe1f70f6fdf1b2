// The extract pipeline's components, one test each: every component, run after the ones before it on a small article,
// adds its own layer to the Doc and no other. The real knowledge base, lexicons and taggers; no decision model unless
// a test builds one.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { decide } from '../../../../src/extract/components/decide.ts';
import { newDoc, type Doc } from '../../../../src/extract/doc.ts';
import { decisionModelFrom } from '../../../../src/extract/events/decision.ts';
import { loadEventLexicon } from '../../../../src/extract/events/lexicon.ts';
import { loadKnowledgeBase } from '../../../../src/extract/kb.ts';
import { extractPipeline, runPipeline } from '../../../../src/extract/pipeline.ts';

const kb = await loadKnowledgeBase(DEFAULT_CONFIG_DIR);
const lexicon = loadEventLexicon(DEFAULT_CONFIG_DIR);
const pipeline = extractPipeline({ kb, lexicon, configDir: DEFAULT_CONFIG_DIR, decision: null }, { broad: true });

/** The doc after every component before `name`, and after `name` itself. */
function around(name: string, text: string, lang: string, title: string | null = null): { before: Doc; after: Doc } {
  const i = pipeline.findIndex((c) => c.name === name);
  expect(i, `no component ${name}`).toBeGreaterThanOrEqual(0);
  const before = runPipeline(newDoc({ text, lang, title }), pipeline.slice(0, i));
  const snapshot = structuredClone(before);
  pipeline[i]!.run(before);
  return { before: snapshot, after: before };
}

const EN = 'Bolt Motors will cut 2,000 jobs at its plant in Ohio, the company said. Bolt Motors also hired Jane Moreau. Moreau joined from Ford.';

describe('the extract pipeline', () => {
  it('runs its components in the order of the layers, and stops after the one named', () => {
    expect(pipeline.map((c) => c.name)).toEqual(['sentences', 'kb-mentions', 'names', 'mentions', 'entities', 'export-controls', 'event-frame', 'firm-refs',
      'rule-candidates', 'weak-firm-refs', 'broad-candidates', 'rule-events', 'event-groups', 'events']);
    const doc = runPipeline(newDoc({ text: EN, lang: 'en' }), pipeline, 'entities');
    expect(doc.entities.length).toBeGreaterThan(0);
    expect(doc.candidates).toEqual([]);
  });
  it('without a decision model, builds no broad candidates and no groups', () => {
    const rulesOnly = extractPipeline({ kb, lexicon, configDir: DEFAULT_CONFIG_DIR, decision: null });
    expect(rulesOnly.map((c) => c.name)).not.toContain('broad-candidates');
    const doc = runPipeline(newDoc({ text: EN, lang: 'en' }), rulesOnly);
    expect(doc.candidates.every((c) => c.origin !== 'broad')).toBe(true);
    expect(doc.events.map((e) => `${e.type}:${e.firm}`)).toEqual(doc.ruleEvents.map((e) => `${e.type}:${e.firm}`));
  });
});

describe('components', () => {
  it('sentences: splits the text when the clean stage gave none, keeps the clean stage\'s otherwise', () => {
    const { before, after } = around('sentences', 'One firm. Another firm.', 'en');
    expect(before.sentences).toEqual([]);
    expect(after.sentences.map((s) => s.text)).toEqual(['One firm.', 'Another firm.']);
    const given = runPipeline(newDoc({ text: 'One firm. Another firm.', lang: 'en', sentences: [{ text: 'One firm. Another firm.', start: 0, end: 23 }] }), pipeline.slice(0, 1));
    expect(given.sentences).toHaveLength(1);
  });
  it('kb-mentions: resolves aliases in any language to the knowledge base\'s entities', () => {
    const { before, after } = around('kb-mentions', 'Alibaba abrió una oficina en Pekín.', 'es');
    expect(before.kbMentions).toEqual([]);
    expect(after.kbMentions.map((m) => m.entityId)).toEqual(['firm:alibaba', 'loc:beijing']);
  });
  it('names: typed name spans from the tagger, compromise and the person rule, unresolved', () => {
    const { before, after } = around('names', 'Zentrix Labs plans to hire 40 engineers in Ohio.', 'en');
    expect(before.names).toEqual([]);
    // Each source gives its own reading (here the tagger and compromise both find the name); mentions decides.
    expect(after.names.filter((n) => n.text === 'Zentrix Labs').map((n) => n.source).sort()).toEqual(['compromise', 'ner']);
    expect(after.mentions).toEqual([]);
  });
  it('mentions: adds names the knowledge base does not know and drops product matches', () => {
    const { after } = around('mentions', 'OpenAI lanzó ChatGPT en Madrid. Zentrix Labs plans to hire.', 'en');
    expect(after.kbMentions.some((m) => m.entityId.startsWith('product:'))).toBe(true);
    expect(after.mentions.some((m) => m.entityId.startsWith('product:'))).toBe(false);
    expect(after.mentions.find((m) => m.text === 'Zentrix Labs')?.type).toBe('firm');
    expect(after.mentions.map((m) => m.start)).toEqual([...after.mentions.map((m) => m.start)].sort((a, b) => a - b));
  });
  it('entities: one entity per canonical id, with every mention, in order of first mention', () => {
    const { before, after } = around('entities', EN, 'en');
    expect(before.entities).toEqual([]);
    const bolt = after.entities.find((e) => e.name === 'Bolt Motors');
    expect(bolt?.mentions).toHaveLength(2);
    expect(after.entities[0]!.name).toBe('Bolt Motors');
  });
  it('export-controls: finds the export-control terms of the language', () => {
    const { before, after } = around('export-controls', 'The US Commerce Department tightened export controls on Nvidia chips.', 'en');
    expect(before.exportControls).toEqual([]);
    expect(after.exportControls.map((s) => s.text)).toEqual(['export controls on Nvidia chips']);
  });
  it('event-frame: joins hard-wrapped lines, marks an ALL-CAPS title and the headline, names the regulator', () => {
    const wrapped = around('event-frame', 'FORD TO CUT JOBS IN OHIO\n\nFord said it would cut\n500 jobs at its plant.', 'en').after.frame;
    expect(wrapped.sentences.map((s) => s.text)).toContain('Ford said it would cut\n500 jobs at its plant.');
    expect(wrapped.capsTitleEnd).toBe('FORD TO CUT JOBS IN OHIO'.length);
    // Chinese and Japanese text is not hard-wrapped: a line without a full stop is a headline of its own.
    const zh = around('event-frame', '金刚光伏：控股股东拟增持公司股份\n金刚光伏7月8日公告，控股股东拟增持。', 'zh').after.frame;
    expect(zh.sentences.map((s) => s.text)).toEqual(['金刚光伏：控股股东拟增持公司股份', '金刚光伏7月8日公告，控股股东拟增持。']);
    const titled = around('event-frame', 'Ford cuts jobs\n\nThe US Commerce Department and the government spoke.', 'en', 'Ford cuts jobs').after.frame;
    expect(titled.headlineEnd).toBe('Ford cuts jobs'.length);
    expect(titled.agencyFallback).toBe('US Department of Commerce');
  });
  it('firm-refs: finds every reference to a firm, and no person remains on a firm\'s name', () => {
    const { before, after } = around('firm-refs', EN, 'en');
    expect(before.firms).toEqual([]);
    expect(after.firms.map((f) => f.name)).toEqual(['Bolt Motors', 'Bolt Motors', 'Ford']);
    expect(after.eventMentions.filter((m) => m.type === 'person').every((m) => !after.firms.some((f) => f.start < m.end && m.start < f.end))).toBe(true);
  });
  it('rule-candidates: the rules\' candidates, with their firm and slots', () => {
    const { after } = around('rule-candidates', EN, 'en');
    const cut = after.candidates.find((c) => c.type === 'contraction');
    expect(cut).toMatchObject({ firm: 'Bolt Motors', headcount: 2000 });
    expect(after.candidates.every((c) => c.origin === undefined)).toBe(true);
  });
  it('weak-firm-refs: names typed as something else and untagged capitalised names, for broad candidates', () => {
    const { before, after } = around('weak-firm-refs', 'OpenAI lanzó ChatGPT en Madrid.', 'es');
    expect(before.weakFirms).toEqual([]);
    expect(after.weakFirms.map((f) => `${f.name}/${f.source}`)).toEqual(['ChatGPT/caps', 'Madrid/location']);
  });
  it('broad-candidates: appends candidates marked broad after the rules\' own', () => {
    const { before, after } = around('broad-candidates', EN, 'en');
    expect(after.candidates.slice(0, before.candidates.length)).toEqual(before.candidates);
    const added = after.candidates.slice(before.candidates.length);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((c) => c.origin === 'broad')).toBe(true);
  });
  it('rule-events: the rules\' events alone, from their candidates only', () => {
    const { after } = around('rule-events', EN, 'en');
    expect(after.ruleEvents.map((e) => `${e.type}:${e.firm}`)).toEqual(['contraction:Bolt Motors', 'talent_move:Bolt Motors']);
  });
  it('event-groups: one group per (type, firm), each with the rule event for it, and the firm counts', () => {
    const { after } = around('event-groups', EN, 'en');
    const keys = after.groups.map((g) => `${g.event.type}:${g.event.firm}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(after.groups.filter((g) => g.rule).map((g) => `${g.rule!.type}:${g.rule!.firm}`)).toEqual(['contraction:Bolt Motors', 'talent_move:Bolt Motors']);
    expect(after.decision.firmCounts.get(after.firms[0]!.key)).toBe(2);
  });
  it('events: the rules\' events without a model; a model keeps what its threshold accepts', () => {
    const { after } = around('event-groups', EN, 'en');
    decide(null, lexicon).run(after);
    expect(after.events).toEqual(after.ruleEvents);
    const model = (mode: 'decide' | 'augment', threshold: number, floorMinProbability = 0) => decisionModelFrom({ format: 'radar-event-decision/1', mode, bits: 4, weights: {}, platt: { a: 1, b: 0 }, threshold, ruleFloor: 0.5, floorMinProbability, floorConfidence: 0.2, meta: {} });
    decide(model('decide', 0.6), lexicon).run(after); // every probability is 0.5: nothing passes
    expect(after.events).toEqual([]);
    decide(model('augment', 0.4), lexicon).run(after); // everything passes
    expect(after.events).toHaveLength(after.groups.length);
    decide(model('augment', 0.6), lexicon).run(after); // only the rules' events, by the floor, with the floor's confidence
    expect(after.events.map((e) => [e.type, e.firm, e.confidence])).toEqual(after.ruleEvents.map((e) => [e.type, e.firm, 0.5]));
    decide(model('augment', 0.6, 0.55), lexicon).run(after); // the floor keeps no rule event the model rules out
    expect(after.events).toEqual([]);
    // A floor that holds only in languages with few training events keeps nothing in English, everything in Spanish.
    const onlyIn = (langs: string[]) => decisionModelFrom({ format: 'radar-event-decision/1', mode: 'augment', bits: 4, weights: {}, platt: { a: 1, b: 0 }, threshold: 0.6, ruleFloor: 0.5, floorLanguages: langs, floorConfidence: 0.2, meta: {} });
    decide(onlyIn(['es', 'pt']), lexicon).run(after);
    expect(after.events).toEqual([]);
    decide(onlyIn(['en']), lexicon).run(after);
    expect(after.events).toHaveLength(after.ruleEvents.length);
  });
});
