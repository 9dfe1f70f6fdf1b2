// Trigger lexicons for French, German, Portuguese and Chinese: each finds hiring, contraction and leadership with
// the right firm (and person), on sentences written for these tests, and a denial is no event.
import { describe, expect, it } from 'vitest';
import { eventsOf, lexicon, type Ent } from './helpers.ts';

const one = (text: string, lang: string, ents: Ent[], type: string) => eventsOf(text, lang, ents).filter((e) => e.type === type);

interface Case {
  lang: string;
  ents: Ent[];
  hiring: string;
  contraction: string;
  leadership: string;
  denied: string;
  firm: string;
  person: string;
}

const CASES: Case[] = [
  {
    lang: 'fr',
    ents: [['Renault', 'firm', 'Renault'], ['Luca de Meo', 'person', 'Luca de Meo']],
    hiring: 'Renault va recruter 300 ingénieurs à Guyancourt.',
    contraction: 'Renault va supprimer 2 000 emplois en France.',
    leadership: 'Renault a nommé Luca de Meo directeur général.',
    denied: "Renault n'a pas l'intention de supprimer des emplois.",
    firm: 'Renault',
    person: 'Luca de Meo',
  },
  {
    lang: 'de',
    ents: [['Siemens', 'firm', 'Siemens'], ['Roland Busch', 'person', 'Roland Busch']],
    hiring: 'Siemens will in München 500 neue Mitarbeiter einstellen und sucht Ingenieure.',
    contraction: 'Siemens streicht 3.000 Stellen in Deutschland.',
    leadership: 'Siemens hat Roland Busch zum Vorstandschef ernannt.',
    denied: 'Siemens hat dementiert, dass es Stellen streicht.',
    firm: 'Siemens',
    person: 'Roland Busch',
  },
  {
    lang: 'pt',
    ents: [['Embraer', 'firm', 'Embraer'], ['Francisco Gomes Neto', 'person', 'Francisco Gomes Neto']],
    hiring: 'A Embraer vai contratar 400 engenheiros em São José dos Campos.',
    contraction: 'A Embraer vai cortar 900 empregos no Brasil.',
    leadership: 'A Embraer nomeou Francisco Gomes Neto como novo presidente.',
    denied: 'A Embraer negou que vai cortar empregos.',
    firm: 'Embraer',
    person: 'Francisco Gomes Neto',
  },
  {
    lang: 'zh',
    ents: [['百度', 'firm', 'Baidu'], ['王海峰', 'person', 'Wang Haifeng']],
    hiring: '百度将在北京招聘200名工程师。',
    contraction: '百度宣布裁员500人。',
    leadership: '百度任命王海峰为首席技术官。',
    denied: '百度否认裁员传闻。',
    firm: 'Baidu',
    person: 'Wang Haifeng',
  },
];

describe.each(CASES)('event triggers in $lang', (c) => {
  it('has its own lexicon (no English fallback)', () => {
    expect(lexicon.get(c.lang).lang).toBe(c.lang);
  });
  it('finds hiring', () => {
    expect(one(c.hiring, c.lang, c.ents, 'hiring')[0]).toMatchObject({ firm: c.firm });
  });
  it('finds contraction', () => {
    expect(one(c.contraction, c.lang, c.ents, 'contraction')[0]).toMatchObject({ firm: c.firm });
  });
  it('finds leadership with the person', () => {
    expect(one(c.leadership, c.lang, c.ents, 'leadership')[0]).toMatchObject({ firm: c.firm, person: c.person });
  });
  it('reads a denial as no event', () => {
    expect(one(c.denied, c.lang, c.ents, 'contraction')).toEqual([]);
  });
});
