import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, normalizeCharset } from '../../../src/fetch/encoding.ts';
import { CORPUS_DIR, HAS_SHARED } from '../../helpers/shared.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/clean');
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('decodeBytes', () => {
  it('maps labels the WHATWG way', () => {
    expect(normalizeCharset('GB2312')).toBe('gbk');
    expect(normalizeCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeCharset('x-sjis')).toBe('shift_jis');
    expect(normalizeCharset('no-such-charset')).toBeNull();
  });

  it('reads <meta charset> (gb2312 -> gbk)', () => {
    const d = decodeBytes(read('gbk-meta.html'), { kind: 'html' });
    expect(d).toMatchObject({ charset: 'gbk', source: 'meta' });
    expect(d.text).toContain('阿里巴巴在硅谷招聘工程师');
  });

  it('reads http-equiv Content-Type', () => {
    const d = decodeBytes(read('shift_jis-http-equiv.html'), { kind: 'html' });
    expect(d).toMatchObject({ charset: 'shift_jis', source: 'meta' });
    expect(d.text).toContain('日本語のニュース記事です');
  });

  it('prefers the HTTP header over <meta>', () => {
    const d = decodeBytes(read('gbk-meta.html'), { kind: 'html', contentType: 'text/html; charset=GB18030' });
    expect(d).toMatchObject({ charset: 'gb18030', source: 'header' });
  });

  it('prefers a BOM over everything', () => {
    const d = decodeBytes(read('utf8-bom.html'), { kind: 'html', contentType: 'text/html; charset=windows-1252' });
    expect(d).toMatchObject({ charset: 'utf-8', source: 'bom', text: '<p>Überraschung für Müller</p>' });
    expect(decodeBytes(read('utf16le-bom.txt'), { kind: 'text' }).text).toBe('Hola España');
  });

  it('reads the XML prolog', () => {
    const d = decodeBytes(read('latin1-xml.xml'), { kind: 'xml' });
    expect(d).toMatchObject({ charset: 'windows-1252', source: 'xml-prolog' });
    expect(d.text).toContain('Notícias de São Paulo');
  });

  it('sniffs undeclared legacy bytes', () => {
    expect(decodeBytes(read('windows-1251-nodecl.html'), { kind: 'html' })).toMatchObject({ charset: 'windows-1251', source: 'sniffed' });
    const kr = decodeBytes(read('euc-kr-nodecl.html'), { kind: 'html' });
    expect(kr.charset).toBe('euc-kr');
    expect(kr.text).toContain('삼성전자는');
  });

  it('does not trust a utf-8 declaration the bytes contradict', () => {
    const d = decodeBytes(read('utf8-declared-but-latin1.html'), { kind: 'html' });
    expect(d.source).toBe('sniffed');
    expect(d.text).toContain('compañía anunció contrataciones en España');
  });

  it('defaults to utf-8 for plain ASCII', () => {
    expect(decodeBytes(new TextEncoder().encode('<p>plain</p>'), { kind: 'html' })).toMatchObject({ charset: 'utf-8', source: 'default' });
  });
});

// File names start with the true encoding ("KOI8-R___...", "windows-1251-russian___..."); the chardet test files.
const trueCharset = (name: string) => {
  const label = name.split('___')[0]!.replace(/-(russian|arabic|greek|turkish|hebrew)$/, '');
  return label === 'ascii' ? 'windows-1252' : label === 'TIS-620' ? 'windows-874' : label;
};

describe.skipIf(!HAS_SHARED)('decodeBytes on the chardet corpus', () => {
  it('decodes every HTML edge case to the same text as its true encoding (tiny 8-byte sample excepted)', () => {
    const dir = join(CORPUS_DIR, 'html/encoding-edge-cases-chardet');
    let wrong = 0;
    for (const name of readdirSync(dir)) {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      const expected = new TextDecoder(normalizeCharset(trueCharset(name))!).decode(bytes);
      if (decodeBytes(bytes, { kind: 'html' }).text !== expected) wrong++;
    }
    // One page holds only 8 bytes of EUC-JP text, which no statistical detector can tell from Big5.
    expect(wrong).toBeLessThanOrEqual(1);
  });

  it('decodes the legacy-encoded feeds', () => {
    const dir = join(CORPUS_DIR, 'feeds/legacy-encodings-chardet');
    if (!existsSync(dir)) return;
    for (const enc of readdirSync(dir)) {
      for (const name of readdirSync(join(dir, enc))) {
        const bytes = new Uint8Array(readFileSync(join(dir, enc, name)));
        const expected = new TextDecoder(normalizeCharset(trueCharset(`${enc}___`))!).decode(bytes);
        expect(decodeBytes(bytes, { kind: 'xml' }).text, `${enc}/${name}`).toBe(expected);
      }
    }
  });
});
