// Rules added after the held-out error analysis (eval/heldout/README.md); sentences are made up, not corpus text.
import { describe, expect, it } from 'vitest';
import { findHeadcounts } from '../../../../src/extract/events/headcount.ts';
import { findFirmRefs } from '../../../../src/extract/events/firms.ts';
import { cuedFirmNames } from '../../../../src/extract/events/firm-cues.ts';
import { assemble, type Candidate } from '../../../../src/extract/events/assemble.ts';
import { eventsOf, lexicon, mentionsOf, type Ent } from './helpers.ts';
import { foldText } from '../../../../src/extract/events/patterns.ts';

const only = (evs: ReturnType<typeof eventsOf>, type: string) => evs.filter((e) => e.type === type);

describe('firm names', () => {
  it('keeps "<firm> of <place> Ltd" as one name', () => {
    const names = findFirmRefs('Northwind Motors of Canada Ltd said it will close a plant.', [], 0).map((r) => r.name);
    expect(names).toContain('Northwind Motors of Canada Ltd');
    expect(names).not.toContain('Canada Ltd');
  });
  it('cuts a headline name to the start of it the body writes', () => {
    const text = 'Potomac Bank Welcomes New Chief Lending Officer\n\nPotomac Bank said on Monday it hired a new officer.';
    const headlineEnd = text.indexOf('\n');
    const ms = mentionsOf(text, [['Potomac Bank Welcomes New', 'firm', 'Potomac Bank Welcomes New']]).map((m) => ({ ...m, origin: 'ner' as const }));
    const refs = findFirmRefs(text, ms, 0, 'en', headlineEnd);
    expect(refs[0]).toMatchObject({ name: 'Potomac Bank', start: 0, end: 12 });
    // Without a headline, or when the body writes the whole name, the name stays as the tagger read it.
    expect(findFirmRefs(text, ms, 0, 'en')[0]!.name).toBe('Potomac Bank Welcomes New');
    const whole = 'Acme Robotics Hires\n\nAcme Robotics Hires is a staffing firm.';
    const ms2 = mentionsOf(whole, [['Acme Robotics Hires', 'firm', 'Acme Robotics Hires']]).map((m) => ({ ...m, origin: 'ner' as const }));
    expect(findFirmRefs(whole, ms2, 0, 'en', whole.indexOf('\n'))[0]!.name).toBe('Acme Robotics Hires');
  });
  it('joins a suffixed name the tagger cut at a line wrap', () => {
    const text = 'Bluefin Data Management\nSoftware Inc said it cut staff.';
    const ms = mentionsOf(text, [['Bluefin Data Management', 'firm', 'Bluefin Data Management'], ['Software Inc', 'firm', 'Software Inc']]).map((m) => ({ ...m, origin: 'ner' as const }));
    expect(findFirmRefs(text, ms, 0).map((r) => r.name)).toEqual(['Bluefin Data Management Software Inc']);
  });
  it('does not take a person surname before a title as a firm', () => {
    const text = 'Acme Corp said it has named vice president John Q. Miller chief operating officer.';
    const [e] = only(eventsOf(text, 'en', [['John Q. Miller', 'person', 'John Q. Miller']]), 'leadership');
    expect(e).toMatchObject({ firm: 'Acme Corp', person: 'John Q. Miller' });
  });
});

describe('English triggers and cues', () => {
  it('reads chip sales restrictions as export controls', () => {
    const ents: Ent[] = [['Nvidia', 'firm', 'Nvidia'], ['US', 'location', 'United States', 'country']];
    expect(only(eventsOf('US order restricts sales of Nvidia AI chips to China.', 'en', ents), 'export_control')).toHaveLength(1);
  });
  it('does not read a call to tighten rules as an export control', () => {
    expect(only(eventsOf('Two lawmakers urged the government to tighten export restrictions on AI chips.', 'en'), 'export_control')).toHaveLength(0);
  });
  it('reads a return to a post and an appositive new chief as leadership', () => {
    const ents: Ent[] = [['Orbit Labs', 'firm', 'Orbit Labs'], ['Jane Roe', 'person', 'Jane Roe'], ['Max Poe', 'person', 'Max Poe']];
    expect(only(eventsOf('Jane Roe returns as Orbit Labs CEO after a week of turmoil.', 'en', ents), 'leadership')[0]).toMatchObject({ firm: 'Orbit Labs', person: 'Jane Roe' });
    expect(only(eventsOf("Max Poe, Orbit Labs' new interim CEO, spoke on Monday.", 'en', ents), 'leadership')[0]).toMatchObject({ firm: 'Orbit Labs', person: 'Max Poe' });
  });
  it('reads axed jobs and a closed centre as contraction, weeks are no headcount', () => {
    expect(only(eventsOf('The Daily Planet newspaper group is axing 40 reporter jobs.', 'en', [['Daily Planet', 'firm', 'Daily Planet']]), 'contraction')[0]).toMatchObject({ headcount: 40 });
    const text = 'Gizmo Corp said it will close its Leeds service centre, putting its 85 employees out of work.';
    expect(only(eventsOf(text, 'en', [['Leeds', 'location', 'Leeds', 'city']]), 'contraction')[0]).toMatchObject({ firm: 'Gizmo Corp', headcount: 85, location: 'Leeds' });
    const lx = lexicon.get('en');
    const s = 'layoff benefits of up to 104 weeks for some senior employees';
    expect(findHeadcounts(foldText(s), 0, s.length, lx)).toEqual([]);
  });
  it('does not read a union demand or a no-comment as the firm cutting jobs', () => {
    const ents: Ent[] = [['Acme Corp', 'firm', 'Acme Corp']];
    expect(only(eventsOf('The union called on Acme Corp to withdraw the redundancy notices.', 'en', ents), 'contraction')).toHaveLength(0);
    expect(only(eventsOf('Acme Corp was unavailable for comment on the job cuts.', 'en', ents), 'contraction')).toHaveLength(0);
  });
});

describe('Spanish triggers', () => {
  it('reads the termination of contracts as contraction', () => {
    const text = 'La empresa Textiles Norte acordó la extinción de los contratos de trabajo de sus 120 empleados.';
    expect(only(eventsOf(text, 'es'), 'contraction')[0]).toMatchObject({ firm: 'Textiles Norte', headcount: 120 });
  });
  it('does not read network growth as a new site', () => {
    const ents: Ent[] = [['Telenorte', 'firm', 'Telenorte']];
    expect(only(eventsOf('Telenorte ha batido un récord en la expansión de redes de telefonía fija.', 'es', ents), 'expansion')).toHaveLength(0);
    expect(only(eventsOf('Telenorte ha iniciado su expansión por Europa.', 'es', ents), 'expansion')).toHaveLength(1);
  });
});

describe('second round', () => {
  it('reads a Spanish appositive firm noun, not one that designates the next name in a list', () => {
    const names = cuedFirmNames('Los trabajadores de Textilnor, empresa que cuenta con dos fábricas, y de Lunae, la compañía de moda Brisa, protestaron.', 'es', [], 0).map((c) => c.name);
    expect(names).toContain('Textilnor');
    expect(names).not.toContain('Lunae');
  });
  it('drops a place possessive and reads upper-case legal suffixes', () => {
    const text = "Officials said Japan's Hokuto Machine Works LTD will build a plant here.";
    const ms = mentionsOf(text, [['Japan', 'location', 'Japan', 'country']]);
    expect(findFirmRefs(text, ms, 0).map((r) => r.name)).toContain('Hokuto Machine Works LTD');
  });
  it('reads "will employ N people" as hiring and a union as no employer', () => {
    const [h] = only(eventsOf('Hokuto Machine Works LTD said the new plant will employ 150 people.', 'en'), 'hiring');
    expect(h).toMatchObject({ firm: 'Hokuto Machine Works LTD', headcount: 150 });
    expect(findFirmRefs('The National Union of Journalists said it would ballot members.', mentionsOf('The National Union of Journalists said it would ballot members.', [['National Union of Journalists', 'firm', 'National Union of Journalists']]).map((m) => ({ ...m, origin: 'ner' as const })), 0)).toEqual([]);
  });
  it('joins a firmless body export control to the one its headline states about a firm', () => {
    const c = (firmKey: string, start: number): Candidate => ({ type: 'export_control', firmKey, firm: firmKey || null, firms: firmKey ? [firmKey] : [], person: null, location: null, locationRank: 9, roles: [], sourceFirms: [], agency: null, headcount: null, planned: false, confidence: 0.8, evidence: { text: 'x', start, end: start + 10 }, trigger: 'export controls', firmFromKb: true });
    expect(assemble([c('nvidia', 0), c('', 40)], 0.5, 20)).toHaveLength(1);
    // In the body, a control that names no firm stays its own event (the seed states two controls).
    expect(assemble([c('nvidia', 30), c('', 60)], 0.5, 20)).toHaveLength(2);
  });
});
