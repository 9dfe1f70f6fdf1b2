// Broad candidates (src/extract/events/broad.ts) reach the learned decision only: without a model the rules alone
// decide, and with one every group carries the rule event it came from.
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../src/clean/sentences.ts';
import { eventGroups, extractEvents } from '../../../../src/extract/events/extract-events.ts';
import { lexicon, mentionsOf, type Ent } from '../events/helpers.ts';

function input(text: string, lang: string, ents: Ent[]) {
  return { text, lang, title: null, sentences: splitSentences(text, lang), mentions: mentionsOf(text, ents), exportControls: [] };
}

describe('broad candidates', () => {
  const text = 'Acme Robotics, a supplier of Bolt Motors, will relocate its plant to Austin next year.';
  const ents: Ent[] = [['Acme Robotics', 'firm', 'Acme Robotics'], ['Bolt Motors', 'firm', 'Bolt Motors'], ['Austin', 'location', 'Austin']];

  it('pairs a candidate wording with each of the nearest firms, marked broad', () => {
    const { groups } = eventGroups(input(text, 'en', ents), lexicon);
    const broad = groups.filter((g) => g.members.some((m) => m.origin === 'broad'));
    expect(broad.map((g) => g.event.firm).sort()).toEqual(expect.arrayContaining(['Acme Robotics', 'Bolt Motors']));
    for (const g of broad) expect(g.members.find((m) => m.origin === 'broad')!.firmPlace).toBeDefined();
  });
  it('never becomes an event without a decision model', () => {
    const rules = extractEvents(input(text, 'en', ents), lexicon, null);
    const { groups } = eventGroups(input(text, 'en', ents), lexicon);
    const ruleKeys = new Set(groups.filter((g) => g.rule).map((g) => `${g.event.type}|${g.event.firm}`));
    expect(new Set(rules.map((e) => `${e.type}|${e.firm}`))).toEqual(ruleKeys);
  });
  it('pairs a trigger in a sentence that names no firm with the firm the article names most', () => {
    const story = 'Bolt Motors is struggling. Bolt Motors lost money again. The company will cut 300 jobs, its union said.';
    const { groups } = eventGroups(input(story, 'en', [['Bolt Motors', 'firm', 'Bolt Motors']]), lexicon);
    const cut = groups.flatMap((g) => g.members).find((m) => m.origin === 'broad' && m.type === 'contraction' && m.evidence.text.startsWith('The company'));
    expect(cut?.firm).toBe('Bolt Motors');
    expect(cut?.firmPlace?.source).toBe('main');
  });
  it('pairs a trigger with the firm named last before its sentence, when the sentence names it only as "these companies"', () => {
    const story = 'Bolt Motors reported results. Bolt Motors grew. Acme Robotics and Bolt Motors signed a deal with Zeta Labs. These companies will build a plant in Austin.';
    const { groups } = eventGroups(input(story, 'en', [['Bolt Motors', 'firm', 'Bolt Motors'], ['Acme Robotics', 'firm', 'Acme Robotics'], ['Zeta Labs', 'firm', 'Zeta Labs']]), lexicon);
    const plant = groups.flatMap((g) => g.members).filter((m) => m.origin === 'broad' && m.evidence.text.startsWith('These companies'));
    expect(plant.map((m) => [m.firm, m.firmPlace?.source])).toEqual(expect.arrayContaining([['Bolt Motors', 'main'], ['Zeta Labs', 'antecedent']]));
  });
  it('keeps a denied trigger as a feature rather than dropping the candidate', () => {
    const denied = 'Bolt Motors denied it would close the plant.';
    const { groups } = eventGroups(input(denied, 'en', [['Bolt Motors', 'firm', 'Bolt Motors']]), lexicon);
    const c = groups.flatMap((g) => g.members).find((m) => m.origin === 'broad' && m.type === 'contraction');
    expect(c?.negated).toBe(true);
  });
});
