// Random tokens and their digests: the session cookie carries the token, the database only its sha256.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit random token, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** sha256 of a token, hex: what the sessions table stores as the session id. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets without leaking where they differ; false when either is missing. */
export function safeEqual(a: string | undefined | null, b: string | undefined | null): boolean {
  if (!a || !b) return false;
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
