// Reads a response body with two caps: bytes on the wire (checked while streaming, before buffering more) and
// bytes after gzip/deflate/br decoding, so a small compressed "bomb" cannot expand into gigabytes of memory.
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createUnzip } from 'node:zlib';
import { SkipError } from '../errors.ts';

export interface BodyLimits {
  maxBytes: number;
  maxDecompressedBytes: number;
}

/** Raised when a body passes a cap; a SkipError because refetching the same oversized resource will not help. */
export class BodyTooLargeError extends SkipError {}

function decoderFor(coding: string, url: string): Transform | null {
  switch (coding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
    case 'deflate':
      // Truncated streams are common on the web; flush what we have rather than fail, as browsers do.
      return createUnzip({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'br':
      return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default:
      throw new SkipError(`${url}: unsupported Content-Encoding "${coding}"`);
  }
}

function capper(limit: number, message: () => string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      total += chunk.length;
      if (total > limit) callback(new BodyTooLargeError(message()));
      else callback(null, chunk);
    },
  });
}

/** Reads `body` to bytes, decoding `contentEncoding` (comma list, applied in order) and enforcing both caps. */
export async function readBody(body: Readable | AsyncIterable<Uint8Array>, contentEncoding: string | null, limits: BodyLimits, url: string): Promise<Uint8Array> {
  const codings = (contentEncoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  const decoders = codings.reverse().map((c) => decoderFor(c, url)).filter((d): d is Transform => d !== null);
  const chunks: Buffer[] = [];
  const source = body instanceof Readable ? body : Readable.from(body);
  const stages: unknown[] = [
    source,
    capper(limits.maxBytes, () => `${url}: body larger than ${limits.maxBytes} bytes`),
    ...decoders,
  ];
  if (decoders.length) stages.push(capper(limits.maxDecompressedBytes, () => `${url}: decompressed body larger than ${limits.maxDecompressedBytes} bytes`));
  try {
    const run = pipeline as unknown as (...streams: unknown[]) => Promise<void>;
    await run(...stages, async function collect(src: AsyncIterable<Buffer>) {
      for await (const chunk of src) chunks.push(chunk);
    });
  } catch (err) {
    if (err instanceof SkipError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || /incorrect header|invalid|unexpected end/i.test((err as Error).message)) {
      throw new SkipError(`${url}: cannot decode ${codings.join('+')} body: ${(err as Error).message}`, { cause: err });
    }
    throw err;
  }
  return new Uint8Array(Buffer.concat(chunks));
}
