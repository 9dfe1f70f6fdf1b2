// Input that is not text or HTML (a PDF, an image, an archive, a program) decodes to garbage "text" that the extractor
// reads happily; it is refused before cleaning, naming what it looks like. Known formats by their magic bytes, anything
// else by control characters that text never holds.
import { InputError } from '../errors.ts';

interface Signature {
  kind: string;
  /** Bytes at `offset` (default 0); strings stand for their Latin-1 bytes. */
  magic: string;
  offset?: number;
}

// Only magic strings that plain text cannot plausibly start with; formats whose headers hold NUL bytes (executables,
// tar, MP4, TIFF) are caught by the NUL check below with a generic name.
const SIGNATURES: Signature[] = [
  { kind: 'a PDF document', magic: '%PDF-' },
  { kind: 'a PNG image', magic: '\x89PNG\r\n\x1a\n' },
  { kind: 'a JPEG image', magic: '\xff\xd8\xff' },
  { kind: 'a GIF image', magic: 'GIF87a' },
  { kind: 'a GIF image', magic: 'GIF89a' },
  { kind: 'a WebP image', magic: 'WEBPVP8', offset: 8 },
  { kind: 'a ZIP archive (or an Office / EPUB document)', magic: 'PK\x03\x04' },
  { kind: 'gzip-compressed data', magic: '\x1f\x8b\x08' },
  { kind: 'xz-compressed data', magic: '\xfd7zXZ\x00' },
  { kind: 'zstd-compressed data', magic: '\x28\xb5\x2f\xfd' },
  { kind: 'a 7-Zip archive', magic: '7z\xbc\xaf\x27\x1c' },
  { kind: 'a RAR archive', magic: 'Rar!\x1a\x07' },
  { kind: 'an ELF executable', magic: '\x7fELF' },
  { kind: 'an SQLite database', magic: 'SQLite format 3\x00' },
  { kind: 'a legacy Office document (OLE)', magic: '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' },
];

const SAMPLE_BYTES = 8192;

function startsWith(bytes: Uint8Array, { magic, offset = 0 }: Signature): boolean {
  if (bytes.length < offset + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[offset + i] !== magic.charCodeAt(i)) return false;
  return true;
}

/** UTF-16 and UTF-32 text carries NUL bytes; with a byte-order mark it is still text. */
function hasWideBom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * What non-text input looks like ("a PDF document", "binary data"), or null for text and HTML in any encoding. Binary
 * data without a known signature is told by NUL bytes, or by more than 10% control characters other than whitespace
 * in the first 8 KB (legacy encodings use bytes >= 0x80, never these).
 */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const s of SIGNATURES) if (startsWith(bytes, s)) return s.kind;
  if (hasWideBom(bytes)) return null;
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return 'binary data (NUL bytes)';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  return sample.length && control / sample.length > 0.1 ? 'binary data (control characters)' : null;
}

/** Throws an InputError naming `source` and the detected type when `bytes` are not text or HTML. */
export function assertTextInput(bytes: Uint8Array, source: string): void {
  const kind = binaryKind(bytes);
  if (kind) throw new InputError(`${source}: not text or HTML: it looks like ${kind}`);
}
