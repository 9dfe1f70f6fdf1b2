// PatternSet runs only the patterns whose required literal occurs in the text it is given; these check that the
// shortcut never changes what is found, including when the same set reads different texts in turn.
import { describe, expect, it } from 'vitest';
import { foldText, PatternSet, requiredLiteral } from '../../../../src/extract/events/patterns.ts';
import { wholeWordOffsets } from '../../../../src/extract/fold.ts';

describe('requiredLiteral', () => {
  it('takes the longest plain word, the stem of a wildcard word, and nothing from raw regexes', () => {
    expect(requiredLiteral('cut* ... jobs')).toBe('jobs');
    expect(requiredLiteral('contrat* # ingenieros')).toBe('ingenieros');
    expect(requiredLiteral('Recortará')).toBe('recortara');
    expect(requiredLiteral('re:\\bhir(e|ing)\\b')).toBeNull();
  });
});

describe('PatternSet', () => {
  const set = new PatternSet(['cut* ... jobs', 'hire*', 're:\\bslash(?:es|ed)?\\b', '裁员']);
  const hits = (text: string) => set.find(foldText(text)).map((h) => [h.pattern, foldText(text).slice(h.start, h.end)]);

  it('finds literal, wildcard, raw and CJK patterns, and again after reading a text without them', () => {
    expect(hits('Acme will cut 300 jobs and hire engineers.')).toEqual([['cut* ... jobs', 'cut 300 jobs'], ['hire*', 'hire']]);
    expect(hits('Nothing here.')).toEqual([]);
    expect(hits('Acme slashes costs; 某公司裁员。')).toEqual([['re:\\bslash(?:es|ed)?\\b', 'slashes'], ['裁员', '裁员']]);
    // "hire*" is the stem "hire" plus letters: "hiring" does not hold it.
    expect(hits('Acme is hiring; it hired 5.')).toEqual([['hire*', 'hired']]);
  });

  it('reads only the window asked for, with offsets in the whole text', () => {
    const folded = foldText('They hired. Then they cut 40 jobs.');
    const found = set.find(folded, 12);
    expect(found).toHaveLength(1);
    expect(folded.slice(found[0]!.start, found[0]!.end)).toBe('cut 40 jobs');
    expect(set.test(folded, 0, 11)).toBe(true);
    expect(set.test(folded, 12, 16)).toBe(false);
  });
});

describe('wholeWordOffsets', () => {
  it('finds a name only where no letter or digit of any script touches it', () => {
    const text = 'Meta, Metaverse, metal; Meta2 and (Meta) 北京Meta Meta';
    expect(wholeWordOffsets(text, 'Meta')).toEqual([0, 35, 48]);
    expect(wholeWordOffsets('Ñandú Ñandú', 'Ñandú')).toEqual([0, 6]);
    expect(wholeWordOffsets('abc', '')).toEqual([]);
  });
});
