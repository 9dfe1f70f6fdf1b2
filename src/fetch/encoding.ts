// Charset detection and decoding with the browser's precedence: BOM > HTTP header > XML prolog / <meta> > sniffing > utf-8.
// Labels go through TextDecoder, which implements the WHATWG label table (gb2312 -> gbk, iso-8859-1 -> windows-1252, ...);
// Node ships full ICU, so every legacy encoding a news site may still use is available.
import chardet from 'chardet';

export type CharsetSource = 'bom' | 'header' | 'xml-prolog' | 'meta' | 'sniffed' | 'default';

export interface DecodeOptions {
  contentType?: string | null;
  kind: 'html' | 'xml' | 'text';
}

export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used ("utf-8", "gbk", "windows-1252", ...). */
  charset: string;
  source: CharsetSource;
}

/** How far into the document a <meta charset> or XML prolog may sit (browsers scan 1024 bytes; real pages overshoot). */
const PRESCAN_BYTES = 4096;
/** Bytes given to the statistical sniffer; enough for a reliable guess, small enough to stay cheap. */
const SNIFF_BYTES = 64 * 1024;

/** Returns the WHATWG encoding name for a label, or null when TextDecoder does not know it. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!clean) return null;
  try {
    return new TextDecoder(clean).encoding;
  } catch {
    // Labels seen in the wild that are outside the WHATWG table but have an obvious meaning.
    const alias: Record<string, string> = { 'win-1251': 'windows-1251', cp1251: 'windows-1251', 'x-gbk': 'gbk', utf8: 'utf-8', 'tis-620': 'windows-874' };
    const mapped = alias[clean];
    return mapped ? new TextDecoder(mapped).encoding : null;
  }
}

/** Reads the charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType?.match(/charset\s*=\s*["']?([^"';,\s]+)/i);
  return m ? normalizeCharset(m[1]) : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

/** ASCII view of the first bytes, enough for regexes over markup (non-ASCII bytes become '?'). */
function asciiHead(bytes: Uint8Array, max = PRESCAN_BYTES): string {
  const n = Math.min(bytes.length, max);
  let s = '';
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    s += b < 0x80 ? String.fromCharCode(b) : '?';
  }
  return s;
}

function prologCharset(head: string): string | null {
  const m = head.match(/^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i);
  return m ? normalizeCharset(m[1]) : null;
}

function metaCharset(head: string): string | null {
  // Comments can hold a stale <meta>; drop them before looking.
  const visible = head.replace(/<!--[\s\S]*?(-->|$)/g, '');
  for (const tag of visible.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = tag.match(/\bcharset\s*=\s*["']?([^"'\s/>;]+)/i);
    if (direct && !/http-equiv/i.test(tag)) return normalizeCharset(direct[1]);
    if (/http-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = tag.match(/\bcontent\s*=\s*(["'])(.*?)\1/i)?.[2] ?? tag.match(/\bcontent\s*=\s*([^\s>]+)/i)?.[1];
      const cs = charsetFromContentType(content);
      if (cs) return cs;
    }
  }
  return null;
}

/** True when the bytes are well-formed UTF-8 (a truncated final sequence is tolerated). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, trimPartialUtf8(bytes)));
    return true;
  } catch {
    return false;
  }
}

function trimPartialUtf8(bytes: Uint8Array): number {
  let end = bytes.length;
  // Walk back over at most 3 continuation bytes to the lead byte of a possibly truncated sequence.
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > i ? end - i : end;
  }
  return end;
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Drops markup bytes so the sniffer sees mostly text; ASCII tags would otherwise dilute the statistics. */
function textBytes(bytes: Uint8Array, kind: DecodeOptions['kind']): Uint8Array {
  const sample = bytes.subarray(0, SNIFF_BYTES * 2);
  if (kind === 'text') return sample.subarray(0, SNIFF_BYTES);
  const out = new Uint8Array(Math.min(sample.length, SNIFF_BYTES));
  let n = 0;
  let inTag = false;
  for (let i = 0; i < sample.length && n < out.length; i++) {
    const b = sample[i]!;
    if (b === 0x3c) inTag = true;
    else if (b === 0x3e) inTag = false;
    else if (!inTag) out[n++] = b;
  }
  // A page whose text is all inside attributes would leave nothing: fall back to the raw sample.
  return n >= 64 ? out.subarray(0, n) : sample.subarray(0, SNIFF_BYTES);
}

function sniff(bytes: Uint8Array, kind: DecodeOptions['kind']): string | null {
  if (!hasHighBytes(bytes.subarray(0, SNIFF_BYTES * 2))) return null;
  if (isValidUtf8(bytes)) return 'utf-8';
  const sample = textBytes(bytes, kind);
  for (const match of chardet.analyse(sample)) {
    const cs = normalizeCharset(match.name);
    // chardet may answer utf-8 on a sample even though the full bytes are not; never pick a decoder known to fail.
    if (cs && cs !== 'utf-8' && !cs.startsWith('utf-16') && !cs.startsWith('utf-32')) return cs;
  }
  return 'windows-1252';
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset).decode(bytes);
}

/** Decodes bytes to text, choosing the charset with browser precedence and saying where the choice came from. */
export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions): Decoded {
  const bom = bomCharset(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };

  const declared = (charset: string | null, source: CharsetSource): Decoded | null => {
    if (!charset) return null;
    // A page that says utf-8 but is not is common (templates copied across sites): trust the bytes instead.
    if (charset === 'utf-8' && !isValidUtf8(bytes)) return null;
    // The HTML spec maps a utf-16 <meta> to utf-8: a byte-oriented prescan could not have read it otherwise.
    if (source === 'meta' && charset.startsWith('utf-16')) charset = 'utf-8';
    // x-user-defined is never what a news page means.
    if (charset === 'x-user-defined') charset = 'windows-1252';
    return { text: decodeWith(bytes, charset), charset, source };
  };

  const fromHeader = declared(charsetFromContentType(opts.contentType), 'header');
  if (fromHeader) return fromHeader;
  if (opts.kind !== 'text') {
    const head = asciiHead(bytes);
    const fromProlog = declared(prologCharset(head), 'xml-prolog');
    if (fromProlog) return fromProlog;
    if (opts.kind === 'html' || !/^\s*<\?xml/i.test(head)) {
      const fromMeta = declared(metaCharset(head), 'meta');
      if (fromMeta) return fromMeta;
    } else if (opts.kind === 'xml' && /^\s*<\?xml/i.test(head) && isValidUtf8(bytes)) {
      // XML without an encoding declaration is utf-8 by definition.
      return { text: decodeWith(bytes, 'utf-8'), charset: 'utf-8', source: 'default' };
    }
  }
  const sniffed = sniff(bytes, opts.kind);
  if (sniffed) return { text: decodeWith(bytes, sniffed), charset: sniffed, source: 'sniffed' };
  return { text: decodeWith(bytes, 'utf-8'), charset: 'utf-8', source: 'default' };
}
