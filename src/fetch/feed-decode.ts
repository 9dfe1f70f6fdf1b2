// Bytes of a feed to text. decodeBytes (encoding.ts) applies the browser precedence; in front of it this adds what
// XML (Appendix F of the XML spec) needs and HTML does not: UTF-16/UTF-32 recognised from the first "<?" bytes
// without a BOM, UTF-32 decoding (TextDecoder has none), and gzip bytes served without Content-Encoding.
import { gunzipSync } from 'node:zlib';
import { SkipError } from '../errors.ts';
import { decodeBytes, isValidUtf8, type Decoded } from './encoding.ts';

function utf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp === 0xfeff && i === 0) continue;
    out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
  }
  return out;
}

/** The UTF-16/32 flavour announced by the first four bytes (BOM or "<?" pattern), per XML Appendix F. */
export function wideEncoding(b: Uint8Array): 'utf-32be' | 'utf-32le' | 'utf-16be' | 'utf-16le' | null {
  const [a = -1, c = -1, d = -1, e = -1] = b;
  if (a === 0 && c === 0 && d === 0xfe && e === 0xff) return 'utf-32be';
  if (a === 0xff && c === 0xfe && d === 0 && e === 0) return 'utf-32le';
  if (a === 0 && c === 0 && d === 0 && e === 0x3c) return 'utf-32be';
  if (a === 0x3c && c === 0 && d === 0 && e === 0) return 'utf-32le';
  if (a === 0 && c === 0x3c && d === 0 && e === 0x3f) return 'utf-16be';
  if (a === 0x3c && c === 0 && d === 0x3f && e === 0) return 'utf-16le';
  return null;
}

/** Decodes a fetched feed body; `maxBytes` bounds a gunzip of mislabelled gzip bytes. */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null, url: string, maxBytes = 30 * 1024 * 1024): Decoded {
  let body = bytes;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      body = new Uint8Array(gunzipSync(body, { maxOutputLength: maxBytes }));
    } catch (err) {
      throw new SkipError(`${url}: gzip bytes without Content-Encoding that do not decompress: ${(err as Error).message}`, { cause: err });
    }
  }
  const wide = wideEncoding(body);
  if (wide?.startsWith('utf-32')) return { text: utf32(body, wide === 'utf-32le'), charset: wide, source: 'bom' };
  if (wide && !(body[0] === 0xfe || body[0] === 0xff)) {
    return { text: new TextDecoder(wide).decode(body), charset: wide, source: 'xml-prolog' };
  }
  const json = /json/i.test(contentType ?? '') || /^\s*[{[]/.test(Buffer.from(body.subarray(0, 64)).toString('latin1').replace(/^\uFEFF|^ï»¿/, ''));
  const decoded = decodeBytes(body, { contentType, kind: json ? 'text' : 'xml' });
  // The bytes are ASCII-compatible (no UTF-16 pattern above), so a "utf-16" label is a leftover of a conversion.
  if (decoded.charset.startsWith('utf-16') && decoded.source !== 'bom') {
    return isValidUtf8(body)
      ? { text: new TextDecoder('utf-8').decode(body), charset: 'utf-8', source: 'sniffed' }
      : { text: new TextDecoder('windows-1252').decode(body), charset: 'windows-1252', source: 'sniffed' };
  }
  return decoded;
}
