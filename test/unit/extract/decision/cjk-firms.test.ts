// Firm names found by their form in Chinese and Japanese text (src/extract/events/cjk-firms.ts).
import { describe, expect, it } from 'vitest';
import { cjkFirmRefs, grownToRepeat, standaloneEnding } from '../../../../src/extract/events/cjk-firms.ts';

const names = (text: string, lang: string) => cjkFirmRefs(text, lang, []).map((f) => f.name);

describe('cjkFirmRefs', () => {
  it('reads a name before a stock code and a name ending in a company word, without the clause before it', () => {
    expect(names('富春环保(002479)董事会于近日收到公司总经理的书面辞职报告', 'zh')).toContain('富春环保');
    expect(names('公告称，湖南裕能（301358）拟投资建设新工厂', 'zh')).toContain('湖南裕能');
    expect(names('近日宣布湖北能源将在宜昌建设抽水蓄能电站', 'zh')).toContain('湖北能源');
    // Beijing-exchange codes start with 8; a name may begin with 和, which is a conjunction only between two words.
    expect(names('挖贝网消息,近日和鼎科技(872941)发公告称董事会收到辞职报告', 'zh')).toContain('和鼎科技');
    expect(names('公告称，华为和宁德时代股份将合作', 'zh')).toContain('宁德时代股份');
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

  it('cuts a name to the ending the article also writes alone, never to the end of a company word', () => {
    const text = '挖贝网讯，近日希努尔(002485)董事会收到辞职报告。希努尔表示不影响经营。';
    expect(names(text, 'zh')).toContain('希努尔');
    expect(standaloneEnding('高调接受华大集团的邀请。华大集团表示。', '高调接受华大集团')).toBe('华大集团');
    // Written one way only: kept as read.
    expect(standaloneEnding('日丨圣莱达公告称', '日丨圣莱达')).toBe('日丨圣莱达');
    expect(standaloneEnding('重庆能源有限公司成立。另一家有限公司。', '重庆能源有限公司')).toBe('重庆能源有限公司');
    expect(standaloneEnding('Barrick表示，ck', 'Barrick')).toBe('Barrick');
    // Never to two characters: a common word the article repeats (光学元组件) is not the name's short form.
    expect(standaloneEnding('中润光学拟投建光学元组件基地，光学产品', '中润光学')).toBe('中润光学');
  });
  it('grows a name cut short by the characters next to it wherever the article writes it', () => {
    const text = '阿麦斯将扩产。阿麦斯表示，新工厂明年投产。';
    const at = text.indexOf('阿麦');
    const grown = grownToRepeat(text, at, at + 2, /[的，。]/g);
    expect(text.slice(grown.start, grown.end)).toBe('阿麦斯');
    // Named once: nothing to compare, so it stays.
    const once = '阿麦斯将扩产。';
    expect(grownToRepeat(once, 0, 2, /[，。]/g)).toEqual({ start: 0, end: 2 });
  });
});
