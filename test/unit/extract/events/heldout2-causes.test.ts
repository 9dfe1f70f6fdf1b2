// Rules added after the second held-out error analysis (eval/heldout2/README.md); sentences are made up, not corpus text.
import { describe, expect, it } from 'vitest';
import { compilePattern, foldText } from '../../../../src/extract/events/patterns.ts';
import { eventsOf, type Ent } from './helpers.ts';

const only = (evs: ReturnType<typeof eventsOf>, type: string) => evs.filter((e) => e.type === type);

describe('firm choice', () => {
  it('takes the sentence subject over firms inside an apposition nearer the trigger', () => {
    const text = 'El banco digital Banconet, fruto de la alianza entre Alfa-e, filial de Grupo Beta (GB), y del banco francés Gamma-e, ha iniciado su expansión por Europa.';
    const ents: Ent[] = [['Banconet', 'firm', 'Banconet'], ['Alfa-e', 'firm', 'Alfa-e'], ['Grupo Beta', 'firm', 'Grupo Beta'], ['Gamma-e', 'firm', 'Gamma-e']];
    expect(only(eventsOf(text, 'es', ents), 'expansion').map((e) => e.firm)).toEqual(['Banconet']);
  });
  it('still takes the firm after the apposition when the verb phrase names one', () => {
    const ents: Ent[] = [['Nordvik', 'firm', 'Nordvik'], ['Solara', 'firm', 'Solara']];
    expect(only(eventsOf('Nordvik, the supplier, said Solara will open a new plant in Ohio.', 'en', ents), 'expansion').map((e) => e.firm)).toEqual(['Solara']);
  });
  it('never takes the agency a statement is made to as the actor', () => {
    const text = 'Tiendanet, que ya vende en Chile, abrirá una tienda en México, según ha declarado a Prensa Ibérica su presidente.';
    const ents: Ent[] = [['Tiendanet', 'firm', 'Tiendanet'], ['Prensa Ibérica', 'firm', 'Prensa Ibérica']];
    expect(only(eventsOf(text, 'es', ents), 'expansion').map((e) => e.firm)).toEqual(['Tiendanet']);
  });
});

describe('talent moves', () => {
  it('reads "hires ex-<firm> leaders" as a talent move, not a hiring drive', () => {
    const ents: Ent[] = [['Macrosoft', 'firm', 'Macrosoft'], ['OpenLab', 'firm', 'OpenLab']];
    const evs = eventsOf('Macrosoft hires ex-OpenLab leaders to run a new research group.', 'en', ents);
    expect(only(evs, 'talent_move')[0]).toMatchObject({ firm: 'Macrosoft', sourceFirms: ['OpenLab'] });
    expect(only(evs, 'hiring')).toHaveLength(0);
  });
  it('drops a move into a firm when no other firm is said to be where the person came from', () => {
    const text = 'Burger Planet said its founder had died. Joining the company as a teenager, Mr Jon Ray quickly rose through its ranks.';
    const ents: Ent[] = [['Burger Planet', 'firm', 'Burger Planet'], ['Jon Ray', 'person', 'Jon Ray']];
    expect(only(eventsOf(text, 'en', ents), 'talent_move')).toHaveLength(0);
  });
  it('keeps a signing whose source club the text names elsewhere', () => {
    const text = 'El Unión Norte confirmó hoy el fichaje del centrocampista Pablo Ruiz. Ruiz, que procede del Atlético Sur, ha firmado por tres años.';
    const ents: Ent[] = [['Unión Norte', 'firm', 'Unión Norte'], ['Pablo Ruiz', 'person', 'Pablo Ruiz']];
    expect(only(eventsOf(text, 'es', ents), 'talent_move')[0]).toMatchObject({ firm: 'Unión Norte', person: 'Pablo Ruiz' });
  });
});

describe('triggers', () => {
  it('reads leaving one firm "to accept the position of" president of another as leadership there', () => {
    const text = 'Tailor Corp said Ann Lee resigned as president of its Cloth Inc unit to accept the position of president and chief operating officer of Shoe World Inc.';
    const ents: Ent[] = [['Tailor Corp', 'firm', 'Tailor Corp'], ['Cloth Inc', 'firm', 'Cloth Inc'], ['Shoe World Inc', 'firm', 'Shoe World Inc'], ['Ann Lee', 'person', 'Ann Lee']];
    const lead = only(eventsOf(text, 'en', ents), 'leadership');
    expect(lead.map((e) => e.firm)).toContain('Shoe World Inc');
  });
  it('reads "fired as CEO" and a re-election as leadership', () => {
    const ents: Ent[] = [['Deltasoft', 'firm', 'Deltasoft'], ['Kim Park', 'person', 'Kim Park']];
    expect(only(eventsOf('Kim Park was fired as CEO of Deltasoft on Friday.', 'en', ents), 'leadership')[0]).toMatchObject({ firm: 'Deltasoft', person: 'Kim Park' });
    const es: Ent[] = [['Autovías Norte', 'firm', 'Autovías Norte'], ['Luis Mora', 'person', 'Luis Mora']];
    expect(only(eventsOf('Luis Mora ha sido reelegido presidente de Autovías Norte para cinco años.', 'es', es), 'leadership')[0]).toMatchObject({ firm: 'Autovías Norte' });
  });
  it('reads founding a subsidiary and setting up a base as Spanish expansion', () => {
    const ents: Ent[] = [['Editorial Sol', 'firm', 'Editorial Sol'], ['Cohetes Luna', 'firm', 'Cohetes Luna']];
    expect(only(eventsOf('Editorial Sol fundará una filial en Portugal.', 'es', ents), 'expansion').map((e) => e.firm)).toEqual(['Editorial Sol']);
    expect(only(eventsOf('Cohetes Luna quiere establecer una base en la costa.', 'es', ents), 'expansion').map((e) => e.firm)).toEqual(['Cohetes Luna']);
  });
  it('does not read a bare "expansión internacional" as expansion', () => {
    const ents: Ent[] = [['Autovías Norte', 'firm', 'Autovías Norte']];
    expect(only(eventsOf('Autovías Norte apostará por invertir en su expansión internacional.', 'es', ents), 'expansion')).toHaveLength(0);
  });
  it('lets a pattern gap hold five words ("will build a multi-million dollar machinery plant")', () => {
    const re = compilePattern('build* ... plant*');
    expect(re.test(foldText('will build a multi-million dollar manufacturing machinery plant'))).toBe(true);
    re.lastIndex = 0;
    expect(re.test(foldText('will build a new road to the port and later a plant'))).toBe(false);
  });
});
