// Password hashing with node:crypto scrypt: a slow, salted, memory-hard hash stored with its own parameters so the
// cost can be raised later without invalidating old hashes ("scrypt$N$r$p$salt$hash", base64url parts).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Default cost: N=2^15, r=8, p=1 (about 32 MiB and 50-100 ms per hash on a modest core; OWASP's scrypt minimum is 2^17/8/1 with less memory trade-off). */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    scrypt(password.normalize('NFKC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolvePromise(key)));
  });
}

function memFor(N: number, r: number): number {
  // Node refuses by default above 32 MiB; scrypt needs 128 * N * r bytes plus headroom.
  return 128 * N * r * 2;
}

/** Hashes a password with a fresh random salt; returns the self-describing hash string stored in users.password_hash. */
export async function hashPassword(password: string, cost: { N: number; r: number; p: number } = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_LENGTH, { ...cost, maxmem: memFor(cost.N, cost.r) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; false (never a throw) for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await scryptAsync(password, salt, expected.length, { N, r, p, maxmem: memFor(N, r) });
  return timingSafeEqual(actual, expected);
}

// A real hash of a random password, computed once, so that a login for an unknown account costs as much as one for
// a known account and response time does not reveal which emails exist.
let dummyHash: Promise<string> | null = null;

/** Spends the same time as verifyPassword on a hash that never matches (for unknown or disabled accounts). */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}
