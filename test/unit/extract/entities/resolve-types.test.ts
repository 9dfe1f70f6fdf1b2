// Typing of names the knowledge base does not know, with hand-made tagger spans (independent of the model): ORG as
// firm/agency/none, person-vs-firm from context, one decision per name, KB precedence and longer ORG names.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { loadKnowledgeBase } from '../../../../src/extract/kb.ts';
import type { NameSpan, NameType } from '../../../../src/extract/name-spans.ts';
import { resolveKbMatches, resolveNewNames } from '../../../../src/extract/resolve.ts';
import { agencyName, typeCues } from '../../../../src/extract/context.ts';
import type { Mention } from '../../../../src/extract/types.ts';

const kb = loadKnowledgeBase(DEFAULT_CONFIG_DIR);

/** Tagger spans for every occurrence of each [name, type] pair. */
function spans(text: string, pairs: Array<[string, NameType]>): NameSpan[] {
  const out: NameSpan[] = [];
  for (const [name, type] of pairs) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      out.push({ start: i, end: i + name.length, text: name, type, source: 'ner' });
    }
  }
  return out;
}

function resolveAll(text: string, lang: string, pairs: Array<[string, NameType]>): Mention[] {
  const kbMentions = resolveKbMatches(kb, kb.gazetteer.match(text, lang), text, lang);
  const fresh = resolveNewNames(kb, spans(text, pairs), kbMentions, text, lang);
  return [...kbMentions.filter((m) => !fresh.replaced.includes(m)), ...fresh.mentions].sort((a, b) => a.start - b.start);
}

const show = (ms: Mention[]) => ms.map((m) => `${m.type}:${m.text}`);

describe('unknown organisations', () => {
  it('makes a tagged organisation in neutral context a firm', () => {
    const ms = resolveAll('La plantilla de Talleres Urquiola votará mañana el convenio.', 'es', [['Talleres Urquiola', 'ORG']]);
    expect(show(ms)).toEqual(['firm:Talleres Urquiola']);
  });

  it('types public bodies as agencies, and keeps parties, unions and associations out of the firms', () => {
    const text = 'El Tribunal Superior de Murcia falló contra el PSOE y el Sindicato de Estibadores Unidos.';
    const ms = resolveAll(text, 'es', [['Tribunal Superior de Murcia', 'ORG'], ['PSOE', 'ORG'], ['Sindicato de Estibadores Unidos', 'ORG']]);
    expect(show(ms)).toEqual(['agency:Tribunal Superior de Murcia']);
  });

  it('reads a ministry portfolio after "ministro de" as the ministry', () => {
    const ms = resolveAll('Asistió el ministro de Obras Marítimas, Juan Roldán.', 'es', [['Obras Marítimas', 'ORG']]);
    expect(ms[0]?.type).toBe('agency');
  });

  it('lets a firm head word beat an agency word inside the name', () => {
    expect(agencyName('Grand Department Stores')).toBe(false);
    expect(agencyName('Department of Energy')).toBe(true);
    const ms = resolveAll('Shoppers crowded Grand Department Stores on Friday.', 'en', [['Grand Department Stores', 'ORG']]);
    expect(show(ms)).toEqual(['firm:Grand Department Stores']);
  });

  it('drops a bare legal form, a ticker in angle brackets and a dateline byline', () => {
    const text = 'Kettering (U.K.) Ltd said <KTR> shares rose. Madrid, 23 may (AFP).';
    const ms = resolveAll(text, 'en', [['Ltd', 'ORG'], ['KTR', 'ORG'], ['AFP', 'ORG']]);
    expect(ms.filter((m) => m.type === 'firm').map((m) => m.text)).toEqual([]);
  });

  it('ignores a lone organisation head and a unit of another firm', () => {
    const text = 'La Cajas informó. Penn was named head of the Coatings Business Section.';
    const ms = resolveAll(text, 'es', [['Cajas', 'ORG'], ['Coatings Business Section', 'ORG']]);
    expect(ms).toEqual([]);
  });
});

describe('person or firm from context', () => {
  it('makes a name tagged as a person a firm when the article treats it as one', () => {
    const text = 'Maple Jones is parting company with its finance director. Maple Jones, which employs 900 people, floated in 1999.';
    const ms = resolveAll(text, 'en', [['Maple Jones', 'PER']]);
    expect(new Set(ms.map((m) => m.type))).toEqual(new Set(['firm']));
    expect(new Set(ms.map((m) => m.entityId)).size).toBe(1);
  });

  it('makes a name with an industry head word a firm even when tagged as a person', () => {
    const ms = resolveAll('He left to found Brightwater Studios in Guildford.', 'en', [['Brightwater Studios', 'PER']]);
    expect(ms.find((m) => m.text === 'Brightwater Studios')?.type).toBe('firm');
    expect(resolveAll('Ardent Steel will shut a mill.', 'en', [['Ardent Steel', 'PER']])[0]?.type).toBe('firm');
  });

  it('keeps a person after a designator like "games maker" when the name reads as a person', () => {
    const text = 'Veteran games maker Peter Halvorsen was honoured. Mr Halvorsen said he was delighted.';
    const ms = resolveAll(text, 'en', [['Peter Halvorsen', 'PER'], ['Halvorsen', 'ORG']]);
    expect(show(ms)).toEqual(['person:Peter Halvorsen', 'person:Halvorsen']);
    expect(ms[1]!.entityId).toBe(ms[0]!.entityId);
  });

  it('joins a lone surname the tagger calls an organisation to the known person', () => {
    const text = 'Sam Altman spoke on Monday. Altman has been recruiting researchers.';
    const ms = resolveAll(text, 'en', [['Altman', 'ORG']]);
    expect(ms.map((m) => m.name)).toEqual(['Sam Altman', 'Sam Altman']);
  });

  it('gives one name one type in the whole article, and its first word the same entity', () => {
    const text = 'Sports car maker Vantor Motori will open a plant. Buyers say Vantor Motori is exclusive. Vantor expects demand.';
    const ms = resolveAll(text, 'en', [['Vantor Motori', 'ORG'], ['Vantor', 'PER']]);
    const typed = ms.filter((m) => m.text.startsWith('Vantor'));
    expect(typed.map((m) => m.type)).toEqual(['firm', 'firm', 'firm']);
    expect(new Set(typed.map((m) => m.entityId)).size).toBe(1);
  });

  it('counts company and person cues at one occurrence', () => {
    const t = 'Quarry Holt, which employs 300, said its shares fell. Mr Holt said he would stay.';
    expect(typeCues(t, 0, 11).firm).toBeGreaterThan(0);
    const i = t.lastIndexOf('Holt');
    expect(typeCues(t, i, i + 4).person).toBeGreaterThanOrEqual(2);
  });
});

describe('knowledge base against the tagger', () => {
  it('keeps the knowledge-base firm whatever type the tagger gives', () => {
    const ms = resolveAll('Alibaba and Nvidia signed a deal.', 'en', [['Alibaba', 'LOC'], ['Nvidia', 'LOC']]);
    expect(show(ms)).toEqual(['firm:Alibaba', 'firm:Nvidia']);
  });

  it('prefers a longer organisation name that extends a known place', () => {
    const ms = resolveAll('New Jersey Telephone will hire 300 operators.', 'en', [['New Jersey Telephone', 'ORG']]);
    expect(show(ms)).toEqual(['firm:New Jersey Telephone']);
  });

  it('prefers a longer organisation that adds a name of its own to a known firm, not a place or a legal form', () => {
    const a = resolveAll('El Bankinter Zafiro ganó la liga de balonmano.', 'es', [['Bankinter Zafiro', 'ORG']]);
    expect(show(a)).toEqual(['firm:Bankinter Zafiro']);
    const b = resolveAll('Output at Siemens Canada Ltd rose.', 'en', [['Siemens Canada Ltd', 'ORG']]);
    expect(b.map((m) => m.name)).toContain('Siemens');
  });

  it('resolves a separate company to itself, not to its owner', () => {
    const ms = resolveAll('A former executive at rival Porsche joined.', 'en', []);
    expect(ms.map((m) => m.name)).toEqual(['Porsche']);
  });
});
