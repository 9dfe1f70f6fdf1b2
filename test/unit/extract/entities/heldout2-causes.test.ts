// One test per entity-error cause fixed after the second held-out evaluation: products, given names, nationality
// adjectives, words of longer civic or event names, all-caps headline runs and Spanish clubs after an article. Names
// are invented where the rule (not a knowledge-base entry) is what is tested.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { loadKnowledgeBase } from '../../../../src/extract/kb.ts';
import { recognizeEntities } from '../../../../src/extract/entities.ts';
import { capsHeadlineWord, insideCivicName, ownerContext } from '../../../../src/extract/name-evidence.ts';

const kb = loadKnowledgeBase(DEFAULT_CONFIG_DIR);
const run = (text: string, lang = 'en') => recognizeEntities(text, lang, kb);
const firms = (text: string, lang = 'en') => run(text, lang).entities.filter((e) => e.type === 'firm').map((e) => e.name);

describe('entity causes found by the second held-out evaluation', () => {
  it('never makes a product a firm; "the ChatGPT company" names its owner', () => {
    const owner = run('Ms Varga, a board member, was dismissed as head of the ChatGPT company last week.');
    expect(owner.mentions.find((m) => m.text === 'ChatGPT')?.name).toBe('OpenAI');
    const product = run('Teachers at Dunmore school now use ChatGPT to plan lessons.');
    expect(product.entities.map((e) => e.name)).not.toContain('ChatGPT');
    expect(product.mentions.some((m) => m.text === 'ChatGPT')).toBe(false);
  });

  it('reads the words around a product for its maker', () => {
    const t = 'the maker of Zorblax and the Zorblax company and Zorblax maker Quintel';
    expect(ownerContext(t, 13, 20)).toBe(true);
    expect(ownerContext(t, 29, 36)).toBe(true);
    expect(ownerContext(t, 49, 56)).toBe(false);
  });

  it('reads a common given name and a surname as a person ("Charlie Brask")', () => {
    const r = run('Charlie Brask, the former head of the restaurant chain, died on Monday aged 44.');
    expect(r.entities.find((e) => e.name === 'Charlie Brask')?.type).toBe('person');
  });

  it('never makes a nationality adjective a firm ("West German", "South Korean")', () => {
    expect(kb.isDemonym('West German')).toBe(true);
    expect(kb.isDemonym('alemán')).toBe(true);
    expect(kb.isDemonym('Westfield')).toBe(false);
    const t = 'The West German Government will be asked to fund lay-offs. South Korean officials said they would help.';
    expect(firms(t)).not.toContain('West German');
    expect(firms(t)).not.toContain('South Korean');
  });

  it('does not make a word of a longer civic or event name a firm ("Copa del Mundo", "Asociación de Estados del X")', () => {
    expect(insideCivicName('la sede de la Copa del Mundo del 2030', 'Mundo')).toBe(true);
    expect(insideCivicName('la Asociación de Estados del Varanto y la UE', 'Varanto')).toBe(true);
    expect(insideCivicName('el consejero delegado de Varanto dijo', 'Varanto')).toBe(false);
    const t = 'Se inaugura el III Congreso Ibérico de Hidrología. Bajo el lema "Hidrología, futuro", el congreso reúne a 300 expertos.';
    const f = firms(t, 'es');
    expect(f).not.toContain('Hidrología');
    expect(f).not.toContain('III Congreso Ibérico de Hidrología');
  });

  it('creates no firm from a single all-caps word inside a headline run that goes on in lower case', () => {
    const t = 'MAÑANA ABRE LA FERIA DE QUELTORIA Lugo (EFE). Mañana abre en Lugo la feria anual, dijo el alcalde.';
    expect(capsHeadlineWord(t, 23, 32)).toBe(true);
    expect(firms(t, 'es')).not.toContain('QUELTORIA');
  });

  it('reads an unknown name after "del" in a Spanish sports story as a club ("procede del Grasshopper")', () => {
    const t = 'Brunner, centrocampista que procede del Valtorix de 23 años, ha firmado por tres temporadas con el club francés.';
    expect(firms(t, 'es')).toContain('Valtorix');
    // Not in a story without sports words, and not inside a longer capitalised name.
    expect(firms('El ministro procede del Valtorix y habló hoy.', 'es')).not.toContain('Valtorix');
  });
});
