import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../../src/config/load.ts';
import { loadKnowledgeBase } from '../../../../src/extract/kb.ts';
import { recognizeEntities } from '../../../../src/extract/entities.ts';

const kb = loadKnowledgeBase(DEFAULT_CONFIG_DIR);
const names = (text: string) => recognizeEntities(text, 'ja', kb).entities.map((e) => `${e.type}:${e.name}`);

describe('Japanese names in the knowledge base', () => {
  it('finds the canonical firm and place in a Japanese sentence', () => {
    expect(names('トヨタ自動車は愛知県に新工場を建設すると発表した。')).toEqual(['firm:Toyota', 'location:Aichi']);
    expect(names('NTTドコモは名古屋で採用を増やす。')).toEqual(['firm:NTT Docomo', 'location:Nagoya']);
  });

  it('resolves katakana and kanji aliases, short forms and unlisted banks to one firm each', () => {
    for (const [alias, name] of [
      ['グーグル', 'Google'], ['エヌビディア', 'Nvidia'], ['サムスン電子', 'Samsung Electronics'], ['ソニーグループ', 'Sony'],
      ['日立製作所', 'Hitachi'], ['日本電気', 'NEC'], ['全日空', 'ANA Holdings'], ['日本航空', 'Japan Airlines'],
      ['東京電力', 'TEPCO'], ['三菱UFJ銀行', 'Mitsubishi UFJ Financial Group'], ['ゴールドマン・サックス', 'Goldman Sachs'],
    ]) expect(kb.resolveName(alias!)?.name, alias).toBe(name);
  });

  it('keeps 財務省 for Japan and 米財務省 for the US Treasury', () => {
    expect(names('米財務省と財務省が協議した。')).toEqual(['agency:US Department of the Treasury', 'agency:Ministry of Finance (Japan)']);
  });

  it('does not read ion, green or Halloween as firms or places', () => {
    expect(names('リチウムイオン電池とグリーン水素、ハロウィーンの売り上げ。')).toEqual([]);
  });
});
