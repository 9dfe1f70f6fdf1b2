import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../../../src/extract/gazetteer.ts';

const gaz = new Gazetteer([
  { alias: 'United States', entityId: 'loc:us' },
  { alias: 'US', entityId: 'loc:us' },
  { alias: 'EE. UU.', entityId: 'loc:us' },
  { alias: 'Meta', entityId: 'firm:meta' },
  { alias: 'Nvidia', entityId: 'firm:nvidia' },
  { alias: 'Pekín', entityId: 'loc:beijing' },
  { alias: '北京', entityId: 'loc:beijing' },
  { alias: '字节跳动', entityId: 'firm:bytedance' },
  { alias: '阿里', entityId: 'firm:alibaba' },
  { alias: '阿里巴巴', entityId: 'firm:alibaba' },
  { alias: 'San Francisco', entityId: 'loc:sf' },
  { alias: 'Área de la Bahía de San Francisco', entityId: 'loc:bay-area' },
  { alias: '삼성전자', entityId: 'firm:samsung' },
  { alias: 'Island', entityId: 'loc:iceland', langs: ['de'] },
]);

const ids = (text: string, lang?: string) => gaz.match(text, lang).map((m) => [m.text, m.entityIds[0]]);

describe('Gazetteer', () => {
  it('keeps acronyms apart from words: upper-case letters of an alias must be upper-case in the text', () => {
    expect(ids('Let us go to the US now')).toEqual([['US', 'loc:us']]);
    expect(ids('la meta del gobierno')).toEqual([]);
    expect(ids('Trabajó en Meta y luego')).toEqual([['Meta', 'firm:meta']]);
    expect(ids('NVIDIA and nvidia')).toEqual([['NVIDIA', 'firm:nvidia']]);
  });

  it('matches whole words only in spaced scripts', () => {
    expect(ids('Metaverse and USB and Nvidias')).toEqual([]);
  });

  it('ignores accents and case on Latin letters (Pekin = Pekín) and keeps offsets in the original text', () => {
    const text = 'Viajó a PEKIN y a Pekín.';
    const found = gaz.match(text);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['PEKIN', 'Pekín']);
  });

  it('matches CJK aliases without word boundaries, longest first', () => {
    expect(ids('字节跳动在北京招聘')).toEqual([['字节跳动', 'firm:bytedance'], ['北京', 'loc:beijing']]);
    const m = gaz.match('阿里巴巴集团');
    expect(m.map((x) => x.text)).toEqual(['阿里巴巴']);
  });

  it('lets Korean particles follow a name', () => {
    expect(ids('삼성전자가 채용한다')).toEqual([['삼성전자', 'firm:samsung']]);
  });

  it('prefers the longest match and maps UTF-16 offsets past astral characters', () => {
    const text = '🚀 Alibaba contrata en el Área de la Bahía de San Francisco y en EE. UU.';
    const found = gaz.match(text);
    expect(found.map((m) => m.text)).toEqual(['Área de la Bahía de San Francisco', 'EE. UU.']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('stops at possessives and punctuation', () => {
    const text = "Nvidia's chips; the US's rules.";
    expect(gaz.match(text).map((m) => text.slice(m.start, m.end))).toEqual(['Nvidia', 'US']);
  });

  it('applies language-scoped aliases only in their language', () => {
    expect(ids('Rhode Island hires', 'en')).toEqual([]);
    expect(ids('Firmen in Island', 'de')).toEqual([['Island', 'loc:iceland']]);
  });

  it('collapses whitespace runs in the text', () => {
    expect(ids('in the United\n  States')).toEqual([['United\n  States', 'loc:us']]);
  });
});
