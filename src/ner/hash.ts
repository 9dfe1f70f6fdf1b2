// String hashing for hashed features: FNV-1a over UTF-16 code units with a murmur3 finaliser for good low bits.

/** Hashes a string to an unsigned 32-bit integer (deterministic across runs and platforms). */
export function hashString(s: string): number {
  return finish(fnv(0x811c9dc5, s));
}

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * hashString(a + b + c + d + e) without building the string: the tagger hashes some twenty features per token, and
 * the concatenated strings were most of its allocation (and garbage collection).
 */
export function hashParts(a: string, b = '', c = '', d = '', e = ''): number {
  return finish(fnv(fnv(fnv(fnv(fnv(0x811c9dc5, a), b), c), d), e));
}

/** The murmur3 finaliser: spreads FNV's weak low bits. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small seeded PRNG (mulberry32) so that training order is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
