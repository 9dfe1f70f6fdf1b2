import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { goldTags, parseConll, readConllFile } from '../../../src/ner/conll.ts';
import { languageFromFileName, main } from '../../../pipelines/ner.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';

const FIXTURES = resolve(PROJECT_DIR, 'test', 'fixtures', 'ner');

describe('parseConll', () => {
  it('reads documents, sentences, tokens and IOB1 gold tags as IOB2', () => {
    const f = parseConll('-DOCSTART- -X- O\n\nEU NNP I-ORG\nrejects VBZ O\nGerman JJ I-MISC\n\nPeter NNP I-PER\nBlackburn NNP I-PER\n', 'x.conll');
    expect(f.tokenColumn).toBe(0);
    expect(f.documents).toHaveLength(1);
    expect(f.documents[0]!.sentences.map((s) => s.tokens)).toEqual([['EU', 'rejects', 'German'], ['Peter', 'Blackburn']]);
    expect(goldTags(f.documents[0]!.sentences[1]!)).toEqual(['B-PER', 'I-PER']);
  });

  it('recognises index-token-tag files', () => {
    const f = parseConll('0\tEr\tO\n1\tlebt\tO\n2\tin\tO\n3\tBerlin\tB-LOC\n\n0\tGut\tO\n', 'de.test.conllu');
    expect(f.tokenColumn).toBe(1);
    expect(f.documents[0]!.sentences[0]!.tokens).toEqual(['Er', 'lebt', 'in', 'Berlin']);
  });

  it('rejects a ragged file with an InputError naming the file and the line', () => {
    expect(() => readConllFile(resolve(FIXTURES, 'bad-columns.conll'))).toThrow(InputError);
    expect(() => readConllFile(resolve(FIXTURES, 'bad-columns.conll'))).toThrow(/bad-columns\.conll:3: expected 3 columns/);
    expect(() => readConllFile(resolve(FIXTURES, 'missing.conll'))).toThrow(/missing\.conll/);
  });
});

describe('radar ner --conll', () => {
  it('guesses the language from CoNLL-style file names', () => {
    expect(languageFromFileName('/x/esp.testb.gz')).toBe('es');
    expect(languageFromFileName('eng.testa')).toBe('en');
    expect(languageFromFileName('fr.test.conllu.gz')).toBe('fr');
    expect(languageFromFileName('notes.txt')).toBeNull();
  });

  it('prints every line back, with a predicted IOB2 tag column on token lines', async () => {
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (chunks.push(String(c)), true));
    try {
      expect(await main(['--conll', resolve(FIXTURES, 'tiny.conll'), '--lang', 'en'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('-DOCSTART- -X- O O');
    expect(lines).toHaveLength(12);
    expect(lines[2]).toMatch(/^Maria NNP B-PER (B|I)-[A-Z]+$/);
    expect(lines[7]).toBe('');
    for (const l of lines.filter((x) => x && !x.startsWith('-DOCSTART-'))) expect(l.split(' ')).toHaveLength(4);
    expect(lines[4]).toBe('visited VBD O O');
  });
});
