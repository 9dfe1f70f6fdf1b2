// A firm found once is the same firm wherever else the article writes its name (repeat-firms.ts).
import { describe, expect, it } from 'vitest';
import { repeatedFirmRefs } from '../../../../src/extract/events/repeat-firms.ts';
import type { FirmRef } from '../../../../src/extract/events/firms.ts';

const ref = (text: string, name: string, key = name.toLowerCase(), from = 0): FirmRef => {
  const start = text.indexOf(name, from);
  return { key, name, start, end: start + name.length, fromKb: false };
};

describe('repeatedFirmRefs', () => {
  it('adds the later occurrences of a Chinese name the tagger found once, with the found name and key', () => {
    const text = '霸王茶姬在上海开店。8月，霸王茶姬还进入了菲律宾市场。';
    const found = [ref(text, '霸王茶姬', 'chagee')];
    const refs = repeatedFirmRefs(text, found, found);
    expect(refs.map((r) => [r.start, r.key, r.source])).toEqual([[text.lastIndexOf('霸王茶姬'), 'chagee', 'repeat']]);
  });

  it('matches Latin names as whole words only and never where a reference already stands', () => {
    const text = 'Tier will hire. Tiering is not Tier. Frontier hires too.';
    const found = [ref(text, 'Tier')];
    expect(repeatedFirmRefs(text, found, found).map((r) => r.start)).toEqual([text.indexOf('Tier.')]);
    const taken = { ...found[0]!, start: text.indexOf('Tier.'), end: text.indexOf('Tier.') + 4 };
    expect(repeatedFirmRefs(text, found, [...found, taken])).toEqual([]);
  });

  it('repeats the words the article wrote, under the canonical name', () => {
    const text = 'Les salariés de GE Power protestent. GE Power supprime 500 postes.';
    const found = [{ ...ref(text, 'GE Power'), name: 'General Electric', key: 'general electric' }];
    expect(repeatedFirmRefs(text, found, found).map((r) => [text.slice(r.start, r.end), r.name])).toEqual([['GE Power', 'General Electric']]);
  });
});
