// Weak firm references: names the entity stage typed as something else, and capitalised names nobody tagged, but
// never ordinary sentence-initial words or names already found.
import { describe, expect, it } from 'vitest';
import { compoundFirm, weakFirmRefs } from '../../../../src/extract/events/weak-firms.ts';
import type { Mention } from '../../../../src/extract/types.ts';

const mention = (text: string, all: string, type: Mention['type']): Mention => {
  const start = all.indexOf(text);
  return { text, start, end: start + text.length, type, entityId: `x:${text}`, name: text, origin: 'ner', confidence: 0.9 };
};

describe('weakFirmRefs', () => {
  it('proposes an untagged sentence-initial name and a name typed as a place, marking where each came from', () => {
    const text = "Sanofi a annoncé vendredi la suppression de 466 postes. Il a ajouté que Orange Bank fermera. Il pleut.";
    const refs = weakFirmRefs(text, [mention('Orange Bank', text, 'location')], []);
    expect(refs.map((r) => [r.name, r.source, r.initial])).toEqual([['Sanofi', 'caps', true], ['Orange Bank', 'location', false]]);
  });

  it('leaves out ordinary words at a sentence start and names the firms already cover', () => {
    const text = 'Le groupe Renault va fermer. Le site emploie 300 personnes.';
    const start = text.indexOf('Renault');
    const refs = weakFirmRefs(text, [], [{ key: 'renault', name: 'Renault', start, end: start + 7, fromKb: true }]);
    expect(refs).toEqual([]);
  });

  it('keeps a firm named at two sentence starts, and drops a word the article also writes in lower case', () => {
    const text = 'Sanofi va supprimer 466 postes. Mais le site reste. Sanofi emploie 300 personnes, mais recrute.';
    expect(weakFirmRefs(text, [], []).map((r) => [r.name, r.start])).toEqual([['Sanofi', 0], ['Sanofi', text.lastIndexOf('Sanofi')]]);
  });

  it('keeps camel-case and lower-case-initial brand names whole', () => {
    const text = 'La chaîne beIN Media Group et NextRadioTV licencient.';
    expect(weakFirmRefs(text, [], []).map((r) => r.name)).toEqual(['beIN Media Group', 'NextRadioTV']);
  });

  it('keeps a determiner the article writes with a capital inside a sentence, and drops it otherwise', () => {
    const text = 'La Poste va supprimer 2 000 emplois. Les syndicats accusent La Poste de mentir. La Fnac recrute.';
    expect(weakFirmRefs(text, [], []).map((r) => r.name)).toEqual(['La Poste', 'La Poste', 'Fnac']);
  });

  it('takes the firm out of a German compound naming its people or parts, and keeps names joined by a hyphen', () => {
    const text = 'Der neue BR-Fernsehchef kommt. Henkel-Chef Kasper Rorsted geht, Mercedes-Benz baut ab.';
    expect(weakFirmRefs(text, [], []).map((r) => [r.name, text.slice(r.start, r.end)])).toEqual([['BR', 'BR'], ['Henkel', 'Henkel'], ['Mercedes-Benz', 'Mercedes-Benz']]);
    const person = text.indexOf('Henkel-Chef Kasper Rorsted');
    expect(weakFirmRefs(text, [mention('Henkel-Chef Kasper Rorsted', text, 'person')], []).find((r) => r.start === person)).toMatchObject({ name: 'Henkel', source: 'caps', end: person + 6 });
    expect(compoundFirm('Öbib-Mitarbeiter')).toBe('Öbib');
    expect(compoundFirm('Karl-Heinz Rummenigge')).toBeNull();
  });
});
