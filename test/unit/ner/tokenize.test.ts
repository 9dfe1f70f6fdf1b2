import { describe, expect, it } from 'vitest';
import { splitSentences, tokenize } from '../../../src/ner/tokenize.ts';

const texts = (s: string, lang?: string) => tokenize(s, lang).map((t) => t.text);

describe('tokenize', () => {
  it('gives offsets that point at each token in the original text', () => {
    const text = 'El presidente de EE.UU., Joe Biden, visitó «Madrid» el 3 de mayo de 2024.';
    const toks = tokenize(text, 'es');
    expect(toks.map((t) => t.text)).toEqual(['El', 'presidente', 'de', 'EE.UU.', ',', 'Joe', 'Biden', ',', 'visitó', '«', 'Madrid', '»', 'el', '3', 'de', 'mayo', 'de', '2024', '.']);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('splits English clitics and keeps abbreviations, initials, numbers and hyphenated words whole', () => {
    expect(texts("Germany's U.S. unit (Siemens Corp.) didn't hire J. Smith on 1996-08-22 for $1,500.50 in Anglo-Dutch deals.", 'en')).toEqual([
      'Germany', "'s", 'U.S.', 'unit', '(', 'Siemens', 'Corp.', ')', 'did', "n't", 'hire', 'J.', 'Smith', 'on', '1996-08-22', 'for', '$', '1,500.50', 'in', 'Anglo-Dutch', 'deals', '.',
    ]);
  });

  it('splits French elisions like the WikiNEuRal corpus does', () => {
    expect(texts("L'Élysée et l’OTAN d'après Jean-Luc.", 'fr')).toEqual(["L'", 'Élysée', 'et', 'l’', 'OTAN', "d'", 'après', 'Jean-Luc', '.']);
  });

  it('keeps offsets right after astral characters (UTF-16 code units)', () => {
    const text = '😀 Ana López 😀 vive en Lima.';
    for (const t of tokenize(text, 'es')) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokenize(text, 'es').find((t) => t.text === 'Lima')?.start).toBe(text.indexOf('Lima'));
  });
});

describe('splitSentences', () => {
  it('splits after a full stop before a capital, and at line breaks, not after abbreviations', () => {
    const text = 'La Sra. García llegó a Lima. Luego habló.\nTitular sin punto\nOtra frase?';
    const s = splitSentences(text, tokenize(text, 'es')).map((x) => x.map((t) => t.text).join(' '));
    expect(s).toEqual(['La Sra. García llegó a Lima .', 'Luego habló .', 'Titular sin punto', 'Otra frase ?']);
  });
});
