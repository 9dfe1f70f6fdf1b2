// Firm names found by their form in Chinese and Japanese text (src/extract/events/cjk-firms.ts).
import { describe, expect, it } from 'vitest';
import { cjkFirmRefs } from '../../../../src/extract/events/cjk-firms.ts';

const names = (text: string, lang: string) => cjkFirmRefs(text, lang, []).map((f) => f.name);

describe('cjkFirmRefs', () => {
  it('reads a name before a stock code and a name ending in a company word, without the clause before it', () => {
    expect(names('富春环保(002479)董事会于近日收到公司总经理的书面辞职报告', 'zh')).toContain('富春环保');
    expect(names('公告称，湖南裕能（301358）拟投资建设新工厂', 'zh')).toContain('湖南裕能');
    expect(names('近日宣布湖北能源将在宜昌建设抽水蓄能电站', 'zh')).toContain('湖北能源');
  });
  it('reads Japanese company forms and leaves head office, joining and "the company" alone', () => {
    expect(names('トヨタ自動車は愛知県に新工場を建設する。', 'ja')).toContain('トヨタ自動車');
    expect(names('株式会社ソラリスが人材を募集している。', 'ja')).toContain('ソラリス');
    const plain = names('同社は東京本社で説明した。彼は昨年入社した。', 'ja');
    expect(plain.some((n) => /本社$|入社$|同社$/.test(n))).toBe(false);
  });
  it('finds nothing in other languages, and nothing over a firm already found', () => {
    expect(names('湖南裕能（301358）', 'en')).toEqual([]);
    const known = [{ key: 'x', name: '湖南裕能', start: 0, end: 4, fromKb: true }];
    expect(cjkFirmRefs('湖南裕能（301358）拟投资', 'zh', known)).toEqual([]);
  });
});
