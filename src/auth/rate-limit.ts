// A fixed-window, in-memory attempt counter for login throttling (per IP and per account). In memory is enough for a
// single review server; restarting the process resets it, which is acceptable for a brute-force brake.

export interface RateLimitOptions {
  /** Attempts allowed inside one window. */
  max: number;
  windowMs: number;
  now?: () => number;
}

interface Bucket {
  count: number;
  resetAt: number;
}

/** Counts attempts per key and says when a key has used up its window. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until the key may try again, or 0 when it is not blocked. */
  blockedForMs(key: string): number {
    const b = this.buckets.get(key);
    const now = this.now();
    if (!b || b.resetAt <= now) return 0;
    return b.count >= this.options.max ? b.resetAt - now : 0;
  }

  /** Records one attempt for the key. */
  hit(key: string): void {
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b || b.resetAt <= now) {
      b = { count: 0, resetAt: now + this.options.windowMs };
      this.buckets.set(key, b);
    }
    b.count += 1;
    if (this.buckets.size > 50_000) this.sweep(now);
  }

  /** Forgets a key (after a successful login for the account key). */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, b] of this.buckets) if (b.resetAt <= now) this.buckets.delete(k);
  }
}
