import { describe, expect, it } from 'vitest';
import { findHeadcounts, parseNumber } from '../../../../src/extract/events/headcount.ts';
import { foldText } from '../../../../src/extract/events/patterns.ts';
import { lexicon } from './helpers.ts';

const hc = (text: string, lang: string) => findHeadcounts(foldText(text), 0, text.length, lexicon.get(lang)).map((f) => f.value);

describe('parseNumber', () => {
  it('reads thousands separators of either kind', () => {
    expect(parseNumber('1,200')).toBe(1200);
    expect(parseNumber('1.200')).toBe(1200);
    expect(parseNumber('23.640.000')).toBe(23640000);
  });
  it('reads decimals', () => {
    expect(parseNumber('2.5')).toBe(2.5);
    expect(parseNumber('2,5')).toBe(2.5);
  });
  it('rejects words', () => expect(parseNumber('jobs')).toBeNull());
});

describe('findHeadcounts', () => {
  it('counts jobs and people', () => {
    expect(hc('The move will add 300 jobs at Bridgend.', 'en')).toEqual([300]);
    expect(hc('it will hire 1,900 temporary clerical and technical employees', 'en')).toEqual([1900]);
    expect(hc('creará 1.200 empleos en Zaragoza', 'es')).toEqual([1200]);
    expect(hc('las diez plazas para desempleados', 'es')).toEqual([10]);
    expect(hc('reduce its German workforce by 1,920', 'en')).toEqual([1920]);
    expect(hc('up to 2.5 million jobs', 'en')).toEqual([2500000]);
  });
  it('ignores money, percentages and sizes', () => {
    expect(hc('una inversión de 2.500 millones de pesetas', 'es')).toEqual([]);
    expect(hc('ha invertido cuatro mil millones de pesetas para dar empleo a 370 trabajadores', 'es')).toEqual([370]);
    expect(hc('reduced its payroll by 10 pct', 'en')).toEqual([]);
    expect(hc('an expansion of 30 mln stg', 'en')).toEqual([]);
  });
});
