// Analyst decisions applied to a small knowledge base: added aliases match, removed ones stop matching (config ones
// too), merges send the loser's aliases and name to the survivor, and the replay order decides conflicts.
import { describe, expect, it } from 'vitest';
import { applyAnalystOverrides, type AnalystAction, type OverrideEntity } from '../../../src/extract/analyst-overrides.ts';
import { KnowledgeBase, type KbEntity } from '../../../src/extract/kb.ts';

const ent = (id: string, name: string, aliases: string[] = []): KbEntity => ({ id, type: 'firm', name, country: null, aliases });
const ENTITIES = [ent('firm:acme', 'Acme', ['Acme Corp', 'ACM']), ent('firm:globex', 'Globex', ['Globex Corporation']), ent('firm:initech', 'Initech')];
const kb = new KnowledgeBase(ENTITIES, ENTITIES.flatMap((e) => [e.name, ...e.aliases].map((alias) => ({ alias, entityId: e.id }))),
  { never: new Map(), givenNames: new Set(), familyNames: new Set() });

const ref = (key: string, name: string): OverrideEntity => ({ key, type: 'firm', name });
const ACME = ref('firm:acme', 'Acme');
const GLOBEX = ref('firm:globex', 'Globex');
const add = (entity: OverrideEntity, alias: string, lang = 'und'): AnalystAction => ({ kind: 'alias.add', entity, alias, lang });
const remove = (entity: OverrideEntity, alias: string, lang = 'und'): AnalystAction => ({ kind: 'alias.remove', entity, alias, lang });
const merge = (from: OverrideEntity, into: OverrideEntity): AnalystAction => ({ kind: 'entity.merge', from, into });

function ids(k: KnowledgeBase, text: string, lang = 'en'): string[][] {
  return k.gazetteer.match(text, lang).map((m) => m.entityIds);
}
const apply = (...actions: AnalystAction[]) => applyAnalystOverrides(kb, { version: '1', actions });

describe('applyAnalystOverrides', () => {
  it('returns the same knowledge base when there is nothing to apply', () => {
    expect(applyAnalystOverrides(kb, { version: '0', actions: [] })).toBe(kb);
  });

  it('an added alias matches its entity and resolves through lookup; the source knowledge base is untouched', () => {
    const k = apply(add(ACME, 'Zorblax Robotics'));
    expect(ids(k, 'Shares of Zorblax Robotics rose.')).toEqual([['firm:acme']]);
    expect(k.resolveName('Zorblax Robotics')?.id).toBe('firm:acme');
    expect(ids(kb, 'Shares of Zorblax Robotics rose.')).toEqual([]);
  });

  it('an alias added in a language matches only in that language', () => {
    const k = apply(add(ACME, 'Zorblax', 'es'));
    expect(ids(k, 'Zorblax contrata.', 'es')).toEqual([['firm:acme']]);
    expect(ids(k, 'Zorblax hires.', 'en')).toEqual([]);
  });

  it('a removed alias stops matching even when it comes from config/kb, case and accents folded', () => {
    const k = apply(remove(ACME, 'ACME CORP'));
    expect(ids(k, 'Acme Corp hires.')).toEqual([['firm:acme']]); // "Acme" alone still matches inside it
    expect(k.gazetteer.match('Acme Corp hires.', 'en')[0]!.text).toBe('Acme');
    expect(k.lookup('Acme Corp').map((e) => e.id)).toEqual(['firm:acme']); // legal suffix dropped: still "acme"
    const k2 = apply(remove(ACME, 'ACM'));
    expect(ids(k2, 'ACM hires.')).toEqual([]);
  });

  it('remove then add again: the last decision wins, and the other way round', () => {
    expect(ids(apply(remove(ACME, 'ACM'), add(ACME, 'ACM')), 'ACM hires.')).toEqual([['firm:acme']]);
    expect(ids(apply(add(ACME, 'Zorblax'), remove(ACME, 'Zorblax')), 'Zorblax hires.')).toEqual([]);
  });

  it('a merge sends the loser\'s name and aliases to the survivor', () => {
    const k = apply(merge(ACME, GLOBEX));
    expect(ids(k, 'Acme Corp and Acme and ACM and Globex.')).toEqual([['firm:globex'], ['firm:globex'], ['firm:globex'], ['firm:globex']]);
    expect(k.resolveName('Acme')?.id).toBe('firm:globex');
  });

  it('aliases added to the loser before the merge follow it; removing from the survivor later removes the loser\'s too', () => {
    const k = apply(add(ACME, 'Zorblax'), merge(ACME, GLOBEX), remove(GLOBEX, 'ACM'));
    expect(ids(k, 'Zorblax hires.')).toEqual([['firm:globex']]);
    expect(ids(k, 'ACM hires.')).toEqual([]);
    expect(ids(k, 'Acme Corp hires.')).toEqual([['firm:globex']]);
  });

  it('an alias the survivor lost before the merge comes back with the loser that has it', () => {
    const k = apply(add(GLOBEX, 'Shared'), remove(GLOBEX, 'Shared'), add(ACME, 'Shared'), merge(ACME, GLOBEX));
    expect(ids(k, 'Shared hires.')).toEqual([['firm:globex']]);
  });

  it('merge chains resolve to the last survivor', () => {
    const k = apply(merge(ACME, GLOBEX), merge(GLOBEX, ref('firm:initech', 'Initech')));
    expect(ids(k, 'Acme, Globex, Initech')).toEqual([['firm:initech'], ['firm:initech'], ['firm:initech']]);
  });

  it('names the knowledge base does not know are created under their database key', () => {
    const fresh = ref('new:firm:zorblax-robotics', 'Zorblax Robotics');
    const k = apply(add(fresh, 'ZR Labs'));
    expect(k.entity('new:firm:zorblax-robotics')?.name).toBe('Zorblax Robotics');
    expect(ids(k, 'ZR Labs and Zorblax Robotics.')).toEqual([['new:firm:zorblax-robotics'], ['new:firm:zorblax-robotics']]);
    // A "new:" loser merged into a known firm: its name now resolves to the firm.
    const k2 = apply(merge(ref('new:firm:acme-robotics-unit', 'Acme Robotix'), GLOBEX));
    expect(ids(k2, 'Acme Robotix hires.')).toEqual([['firm:globex']]);
    expect(k2.resolveName('Acme Robotix')?.id).toBe('firm:globex');
  });
});
