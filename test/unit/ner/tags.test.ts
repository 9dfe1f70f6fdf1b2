import { describe, expect, it } from 'vitest';
import { ALLOWED, viterbi } from '../../../src/ner/linear.ts';
import { N_TAGS, TAGS, TAG_INDEX, allowedTransition, iob1ToIob2, normaliseTag, spansFromTags } from '../../../src/ner/tags.ts';

describe('iob1ToIob2', () => {
  it('turns an entity-opening I- into B- and keeps continuations and explicit B-', () => {
    expect(iob1ToIob2(['I-ORG', 'O', 'I-MISC', 'O', 'I-PER', 'I-PER', 'I-LOC', 'B-LOC', 'I-LOC'])).toEqual([
      'B-ORG', 'O', 'B-MISC', 'O', 'B-PER', 'I-PER', 'B-LOC', 'B-LOC', 'I-LOC',
    ]);
  });

  it('leaves IOB2 input unchanged', () => {
    const iob2 = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC'];
    expect(iob1ToIob2(iob2)).toEqual(iob2);
  });

  it('normalises other schemes and unknown types', () => {
    expect(['S-PER', 'E-ORG', 'B-GPE', 'X', '-'].map(normaliseTag)).toEqual(['B-PER', 'I-ORG', 'B-MISC', 'O', 'O']);
  });
});

describe('spansFromTags', () => {
  it('reads spans, splitting at B- and at a type change', () => {
    expect(spansFromTags(['B-PER', 'I-PER', 'B-PER', 'O', 'I-LOC', 'I-ORG'])).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 2, end: 3, type: 'PER' },
      { start: 4, end: 5, type: 'LOC' },
      { start: 5, end: 6, type: 'ORG' },
    ]);
  });
});

describe('Viterbi constraint', () => {
  it('allows I-X only after B-X or I-X', () => {
    const i = (t: string) => TAG_INDEX.get(t)!;
    expect(allowedTransition(-1, i('I-PER'))).toBe(false);
    expect(allowedTransition(i('O'), i('I-PER'))).toBe(false);
    expect(allowedTransition(i('B-LOC'), i('I-PER'))).toBe(false);
    expect(allowedTransition(i('B-PER'), i('I-PER'))).toBe(true);
    expect(allowedTransition(i('I-PER'), i('I-PER'))).toBe(true);
    expect(allowedTransition(i('O'), i('B-PER'))).toBe(true);
  });

  it('never outputs I-X after O or at the start, even when emissions prefer it', () => {
    // Emissions strongly prefer I-PER everywhere and O at position 1: the unconstrained best path would be I-PER O I-PER.
    const n = 3;
    const emis = new Float64Array(n * N_TAGS);
    for (let k = 0; k < n; k++) emis[k * N_TAGS + TAG_INDEX.get('I-PER')!] = 10;
    emis[1 * N_TAGS + TAG_INDEX.get('O')!] = 30;
    const path = Array.from(viterbi(emis, new Float64Array((N_TAGS + 1) * N_TAGS), n), (t) => TAGS[t]!);
    expect(path[1]).toBe('O');
    for (let k = 0; k < n; k++) expect(ALLOWED[((k === 0 ? -1 : TAG_INDEX.get(path[k - 1]!)!) + 1) * N_TAGS + TAG_INDEX.get(path[k]!)!]).toBe(1);
    expect(path[0]).not.toBe('I-PER');
    expect(path[2]).not.toBe('I-PER');
  });
});

describe('hashParts', () => {
  it('hashes the pieces as hashString hashes them joined, so features keep the ids the models were trained on', async () => {
    const { hashParts, hashString } = await import('../../../src/ner/hash.ts');
    const pieces = [['l-1|l=', 'the', '|', 'Bank'], ['ss3=', 'Xx', '|', 'x', '|Xx'], ['g=', '0'], ['lex=', '1|', 'mid'], ['headline|l=', 'pekín'], ['x', '', '北京']];
    for (const p of pieces) expect(hashParts(...(p as [string, ...string[]]))).toBe(hashString(p.join('')));
    expect(hashParts('g=', '1')).not.toBe(hashParts('g=', '2'));
  });
});
