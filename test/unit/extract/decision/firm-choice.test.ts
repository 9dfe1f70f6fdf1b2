// The firm-choice model (src/extract/events/firm-choice.ts, trained by scripts/events/firm-choice.ts): which firm of
// an evidence span the event is about, learnt from the words around each firm mention, and read by the decision
// only as bucketed features of the group's firm.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { firmChoiceFeatures, firmChoiceReader, firmChoiceScorer, firmChoiceTokens, mentionContext, refsIn, spanHits, type MentionRef } from '../../../../src/extract/events/firm-choice.ts';
import { loadEventLexicon } from '../../../../src/extract/events/lexicon.ts';
import { foldText } from '../../../../src/extract/events/patterns.ts';
import { firmChoiceRows, trainFirmChoice } from '../../../../scripts/events/firm-choice.ts';

const fr = loadEventLexicon(DEFAULT_CONFIG_DIR).get('fr');

/** A sentence "Selon <agency>, <firm> va supprimer N postes." with both names as references. */
function article(firm: string, agency: string, n: number) {
  const text = `Selon ${agency}, ${firm} va supprimer ${n} postes.`;
  const at = (name: string): MentionRef => ({ key: name.toLowerCase(), start: text.indexOf(name), end: text.indexOf(name) + name.length, source: 'entity', fromKb: false });
  const refs = [at(agency), at(firm)].sort((a, b) => a.start - b.start);
  return { text, ctx: mentionContext(text, foldText(text), refs, fr), firmKey: firm.toLowerCase() };
}

describe('firm choice', () => {
  it('reads the words beside a mention, its place among the span\'s firms and its side of the trigger', () => {
    const a = article('Zorbex', 'Reuters', 300);
    const span = { start: 0, end: a.text.length };
    const inSpan = refsIn(a.ctx, span);
    const hits = spanHits(a.ctx, span, 'contraction');
    const toks = firmChoiceTokens(a.ctx, span, inSpan, 1, 'contraction', hits);
    expect(toks).toEqual(expect.arrayContaining(['l1:reuters', 'r1:va', 'ord:1', 'last:true', 'trig:before', 'contraction|r1:va']));
    expect(firmChoiceTokens(a.ctx, span, inSpan, 0, 'contraction', hits)).toEqual(expect.arrayContaining(['l1:selon', 'ord:0', 'tbetween:before|1']));
  });

  it('labels only the spans that hold the matched firm, one row per mention', () => {
    const a = article('Zorbex', 'Reuters', 300);
    const span = { start: 0, end: a.text.length };
    const rows = firmChoiceRows({ key: 'a', ctx: a.ctx, events: [{ type: 'contraction', firmKey: 'zorbex', ...span }] });
    expect(rows.map((r) => r.label)).toEqual([0, 1]);
    expect(firmChoiceRows({ key: 'a', ctx: a.ctx, events: [{ type: 'contraction', firmKey: 'elsewhere', ...span }] })).toEqual([]);
  });

  it('learns that the firm after "selon X," is the actor and prefers it in an article it never saw', () => {
    const firms = ['Zorbex', 'Quantel', 'Miravo', 'Dufrais', 'Belcor', 'Talvène', 'Orsini', 'Vexa'];
    const agencies = ['Reuters', 'Bloomberg', 'Belga', 'Les Echos'];
    const docs = Array.from({ length: 80 }, (_, i) => {
      const a = article(firms[i % firms.length]!, agencies[i % agencies.length]!, 100 + i);
      return { key: `d${i}`, ctx: a.ctx, events: [{ type: 'contraction' as const, firmKey: a.firmKey, start: 0, end: a.text.length }] };
    });
    const { model, positives } = trainFirmChoice(docs);
    expect(positives).toBe(80);
    const unseen = article('Nordak', 'Le Monde', 42);
    const span = { start: 0, end: unseen.text.length };
    const read = firmChoiceReader(unseen.ctx, firmChoiceScorer(model));
    const features = read('contraction', 'nordak', span);
    expect(features).toContain('fchtop:true');
    expect(read('contraction', 'le monde', span)).toContain('fchtop:false');
  });

  it('marks a group whose firm the span does not name', () => {
    expect(firmChoiceFeatures('hiring', 'absent', [], [])).toEqual(['fch:none', 'fch:hiring|none']);
  });
});
