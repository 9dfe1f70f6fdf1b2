// Firm names recognised from their context when the entity stage missed them, and the rules that use them.
import { describe, expect, it } from 'vitest';
import { cuedFirmNames } from '../../../../src/extract/events/firm-cues.ts';
import { findFirmRefs, sameFirmKey } from '../../../../src/extract/events/firms.ts';
import { eventsOf, mentionsOf } from './helpers.ts';

const names = (text: string, lang: string) => cuedFirmNames(text, lang, [], 0).map((c) => c.name);

describe('firm names from context', () => {
  it('reads designators, appositives and possessives in English', () => {
    expect(names('Revenues at media group Northwind slipped.', 'en')).toContain('Northwind');
    expect(names('Fabrikam Amro, the Netherlands’ largest bank, is to cut jobs.', 'en')).toContain('Fabrikam Amro');
    expect(names("Contoso's chairman resigned in January.", 'en')).toContain('Contoso');
  });
  it('reads clubs, head words and acronyms in Spanish, not institutions', () => {
    const found = names('El entrenador del Real Tordesillas dejó el club. La Caja Rural de Soria y la TVX lo anunciaron. El Museo del Prado abrió.', 'es');
    expect(found).toEqual(expect.arrayContaining(['Real Tordesillas', 'Caja Rural de Soria', 'TVX']));
    expect(found.some((n) => /Museo|Prado/.test(n))).toBe(false);
  });
  it('gives a unit the key of its parent and treats abbreviations as the same firm', () => {
    const text = 'Zephyr Corp said its Zephyr Global Airways unit will eliminate 400 jobs.';
    const refs = findFirmRefs(text, [], 0, 'en');
    expect(new Set(refs.map((r) => r.key)).size).toBe(1);
    expect(sameFirmKey('n y telephone', 'new york telephone')).toBe(true);
    expect(sameFirmKey('new york times', 'new jersey times')).toBe(false);
  });
  it('lets a subject-less sentence borrow the firm the text is about', () => {
    const text = 'German car maker Tessaro has announced new investment.\n\nSome 200 new jobs are to be created at the Oxford factory.';
    const hiring = eventsOf(text, 'en', [['Oxford', 'location', 'Oxford', 'city']]).filter((e) => e.type === 'hiring');
    expect(hiring[0]).toMatchObject({ firm: 'Tessaro', headcount: 200 });
  });
  it('does not take a rival or an acquired firm as the actor', () => {
    const evs = eventsOf('Once the acquisition of Brightline Steel Group is complete, the company will cut 5,000 jobs.', 'en', []);
    expect(evs.filter((e) => e.type === 'contraction' && e.firm === 'Brightline Steel Group')).toEqual([]);
    expect(mentionsOf('a', [])).toEqual([]);
  });
});
