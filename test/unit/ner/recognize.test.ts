import { describe, expect, it } from 'vitest';
import { recognizeNames } from '../../../src/ner/recognize.ts';

describe('recognizeNames with the committed models', () => {
  it('finds Spanish names with offsets into the original text', () => {
    const text = 'El ministro Pedro Sánchez se reunió en Barcelona con directivos de Telefónica.';
    const names = recognizeNames(text, 'es');
    for (const n of names) expect(text.slice(n.start, n.end)).toBe(n.text);
    expect(names).toContainEqual(expect.objectContaining({ text: 'Pedro Sánchez', type: 'PER', start: 12, end: 25 }));
    expect(names).toContainEqual(expect.objectContaining({ text: 'Barcelona', type: 'LOC' }));
    expect(names.map((n) => n.text)).toContain('Telefónica');
  });

  it('finds English names with offsets into the original text', () => {
    const text = 'Shares of Microsoft rose after Bill Gates spoke in New York on Tuesday.';
    const names = recognizeNames(text, 'en');
    for (const n of names) expect(text.slice(n.start, n.end)).toBe(n.text);
    expect(names).toContainEqual({ start: 10, end: 19, type: 'ORG', text: 'Microsoft' });
    expect(names).toContainEqual({ start: 31, end: 41, type: 'PER', text: 'Bill Gates' });
    expect(names).toContainEqual({ start: 51, end: 59, type: 'LOC', text: 'New York' });
  });

  it('returns an empty array for a language without a model, and for empty text', () => {
    expect(recognizeNames('字节跳动在北京招聘工程师。', 'zh')).toEqual([]);
    expect(recognizeNames('', 'en')).toEqual([]);
  });
});
