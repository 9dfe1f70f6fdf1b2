import { describe, expect, it } from 'vitest';
import { eventsOf, type Ent } from './helpers.ts';

const only = (evs: ReturnType<typeof eventsOf>, type: string) => evs.filter((e) => e.type === type);

describe('event types in English', () => {
  it('hiring with headcount and roles', () => {
    const evs = eventsOf('Acme Robotics Inc said it will hire 1,200 software engineers in Austin next year.', 'en', [['Austin', 'location', 'Austin', 'city']]);
    const [e] = only(evs, 'hiring');
    expect(e).toMatchObject({ firm: 'Acme Robotics Inc', headcount: 1200, location: 'Austin', planned: true });
    expect(e!.roles).toContain('software engineer');
  });
  it('expansion', () => {
    const evs = eventsOf('Lodgistix Inc said it is opening a new sales office in Calgary, Alberta.', 'en', [['Calgary', 'location', 'Calgary', 'city'], ['Alberta', 'location', 'Alberta', 'province']]);
    expect(only(evs, 'expansion')[0]).toMatchObject({ firm: 'Lodgistix Inc', location: 'Calgary' });
  });
  it('contraction with the firm named by an anaphor', () => {
    const text = 'Pan Am Corp said its unions must help lower costs.\n\nThe airline said it will eliminate 464 management positions.';
    const [e] = only(eventsOf(text, 'en'), 'contraction');
    expect(e).toMatchObject({ firm: 'Pan Am Corp', headcount: 464 });
  });
  it('leadership with the person', () => {
    const evs = eventsOf('Vodafone said William Morrow will succeed Shiro Tsuda as president of Vodafone KK.', 'en', [['Vodafone', 'firm', 'Vodafone'], ['William Morrow', 'person', 'William Morrow'], ['Shiro Tsuda', 'person', 'Shiro Tsuda']]);
    expect(only(evs, 'leadership')[0]).toMatchObject({ firm: 'Vodafone', person: 'William Morrow' });
  });
  it('talent move with the source firm', () => {
    const evs = eventsOf('Ian Goodfellow, formerly of Apple, joins DeepMind.', 'en', [['Apple', 'firm', 'Apple'], ['DeepMind', 'firm', 'DeepMind'], ['Ian Goodfellow', 'person', 'Ian Goodfellow']]);
    const [e] = only(evs, 'talent_move');
    expect(e).toMatchObject({ firm: 'DeepMind', person: 'Ian Goodfellow' });
    expect(e!.sourceFirms).toEqual(['Apple']);
  });
  it('export control with agency and chip maker', () => {
    const ents: Ent[] = [['Commerce Department', 'agency', 'US Department of Commerce'], ['Nvidia', 'firm', 'Nvidia']];
    const [e] = only(eventsOf('The Commerce Department imposed export controls on advanced chips made by Nvidia.', 'en', ents), 'export_control');
    expect(e).toMatchObject({ agency: 'US Department of Commerce' });
    expect(e!.firms).toContain('Nvidia');
  });
});

describe('event types in Spanish', () => {
  const ents: Ent[] = [['Alibaba', 'firm', 'Alibaba'], ['OpenAI', 'firm', 'OpenAI'], ['Sunnyvale', 'location', 'Sunnyvale', 'city'], ['California', 'location', 'California', 'state'], ['EE. UU.', 'location', 'United States', 'country']];
  it('hiring with roles translated to English and the source firm', () => {
    const text = 'Alibaba está contratando en Sunnyvale a científicos aplicados, ingenieros de aprendizaje automático y gerentes de marketing de productos que han trabajado en OpenAI.';
    const [e] = only(eventsOf(text, 'es', ents), 'hiring');
    expect(e).toMatchObject({ firm: 'Alibaba', location: 'Sunnyvale' });
    expect(e!.roles).toEqual(expect.arrayContaining(['applied scientist', 'machine learning engineer', 'product marketing manager']));
    expect(e!.sourceFirms).toContain('OpenAI');
    expect(only(eventsOf(text, 'es', ents), 'talent_move')[0]).toMatchObject({ firm: 'Alibaba', sourceFirms: ['OpenAI'] });
  });
  it('expansion for every firm of a coordinated subject', () => {
    const e2: Ent[] = [...ents, ['ByteDance', 'firm', 'ByteDance'], ['Meituan', 'firm', 'Meituan']];
    const evs = only(eventsOf('Gigantes como Alibaba, ByteDance y Meituan han ampliado sus oficinas en California.', 'es', e2), 'expansion');
    expect(evs.map((e) => e.firm).sort()).toEqual(['Alibaba', 'ByteDance', 'Meituan']);
    expect(evs.every((e) => e.location === 'California')).toBe(true);
  });
  it('contraction with headcount in Spanish digits', () => {
    const [e] = only(eventsOf('La empresa Telefónica despedirá a 1.200 trabajadores en Madrid.', 'es', [['Telefónica', 'firm', 'Telefonica'], ['Madrid', 'location', 'Madrid', 'city']]), 'contraction');
    expect(e).toMatchObject({ firm: 'Telefonica', headcount: 1200, location: 'Madrid' });
  });
  it('leadership', () => {
    const [e] = only(eventsOf('Ignacio Ayuso ha sido elegido secretario general de RTVE.', 'es', [['RTVE', 'firm', 'RTVE'], ['Ignacio Ayuso', 'person', 'Ignacio Ayuso']]), 'leadership');
    expect(e).toMatchObject({ firm: 'RTVE', person: 'Ignacio Ayuso' });
  });
  it('talent move of a named player', () => {
    const [e] = only(eventsOf('El jugador Lauren Bisan, que ha sido contratado por el Arsenal, entrena con el Mallorca.', 'es', [['Arsenal', 'firm', 'Arsenal'], ['Mallorca', 'firm', 'RCD Mallorca'], ['Lauren Bisan', 'person', 'Lauren Bisan']]), 'talent_move');
    expect(e).toMatchObject({ firm: 'Arsenal', person: 'Lauren Bisan' });
  });
  it('export control', () => {
    const evs = eventsOf('Las empresas chinas han sido afectadas por la prohibición de exportaciones de los chips más avanzados de Nvidia.', 'es', [['Nvidia', 'firm', 'Nvidia']]);
    expect(only(evs, 'export_control')[0]?.firms).toContain('Nvidia');
  });
});

describe('denials and speculation are not events', () => {
  it('a denial', () => {
    expect(eventsOf('Ford Motor Co denied it would cut jobs at its Dearborn plant.', 'en')).toEqual([]);
    expect(eventsOf('La empresa Seat negó que vaya a despedir a 500 trabajadores.', 'es')).toEqual([]);
    expect(eventsOf('Amoco Corp said it planned no layoffs of Dome employees.', 'en')).toEqual([]);
  });
  it('speculation', () => {
    expect(eventsOf('Analysts wonder whether Intel Corp will cut 5,000 jobs.', 'en')).toEqual([]);
    expect(eventsOf('Intel Corp is considering closing its Oregon plant.', 'en')).toEqual([]);
    expect(eventsOf('The US mulls tighter export controls on Nvidia chips.', 'en', [['Nvidia', 'firm', 'Nvidia']])).toEqual([]);
  });
});

describe('one event per (type, firm) and evidence offsets', () => {
  const text = 'Oracle Corp has announced it is cutting about 5,000 jobs.\n\nThe job cuts at Oracle will fall mostly in the US.\n\nOracle said the layoffs start in March.';
  const evs = eventsOf(text, 'en', [['Oracle', 'firm', 'Oracle'], ['US', 'location', 'United States', 'country']]);
  it('merges three statements into one event with the best sentence as evidence', () => {
    expect(only(evs, 'contraction')).toHaveLength(1);
    expect(only(evs, 'contraction')[0]).toMatchObject({ firm: 'Oracle', headcount: 5000, location: 'United States' });
  });
  it('evidence offsets point at the evidence text', () => {
    for (const e of evs) expect(text.slice(e.evidence.start, e.evidence.end)).toBe(e.evidence.text);
  });
  it('keeps offsets exact on accented text', () => {
    const t = 'Según fuentes, la compañía Heinz abrirá una nueva planta en Alfaro y dará empleo a 370 trabajadores.';
    const [e] = eventsOf(t, 'es', [['Alfaro', 'location', 'Alfaro', 'city']]).filter((x) => x.type === 'expansion');
    expect(e).toBeDefined();
    expect(t.slice(e!.evidence.start, e!.evidence.end)).toBe(e!.evidence.text);
    expect(e!.location).toBe('Alfaro');
  });
});
