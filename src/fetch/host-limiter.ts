// Politeness: at most N requests in flight per host and overall, and a minimum gap between request starts on one
// host. Slots are reserved synchronously so two callers can never both see a free slot and overshoot.
import { setTimeout as sleep } from 'node:timers/promises';

export interface HostLimits {
  perHostConcurrency: number;
  perHostDelayMs: number;
  globalConcurrency: number;
}

interface HostState {
  active: number;
  nextStartAt: number;
}

/** Per-host and global request slots with a minimum start interval per host. */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private globalActive = 0;
  private waiters = new Set<() => void>();

  constructor(private readonly limits: HostLimits) {}

  /**
   * Waits for a slot on `host` (and the start gap), then returns the release function; rejects when `signal` aborts.
   * `delayMs` overrides the gap for this host when it asks for more (robots.txt Crawl-delay).
   */
  async acquire(host: string, signal?: AbortSignal, delayMs = this.limits.perHostDelayMs): Promise<() => void> {
    const key = host.toLowerCase();
    for (;;) {
      signal?.throwIfAborted();
      const state = this.hosts.get(key) ?? { active: 0, nextStartAt: 0 };
      if (state.active < this.limits.perHostConcurrency && this.globalActive < this.limits.globalConcurrency) {
        state.active++;
        this.globalActive++;
        const now = Date.now();
        const startAt = Math.max(now, state.nextStartAt);
        state.nextStartAt = startAt + Math.max(delayMs, this.limits.perHostDelayMs);
        this.hosts.set(key, state);
        const release = this.releaser(key, state);
        if (startAt > now) {
          try {
            await sleep(startAt - now, undefined, signal ? { signal } : undefined);
          } catch (err) {
            release();
            throw signal?.aborted ? signal.reason : err;
          }
        }
        return release;
      }
      await this.waitForRelease(signal);
    }
  }

  /** Requests currently in flight (for tests and progress). */
  get inFlight(): number {
    return this.globalActive;
  }

  private releaser(key: string, state: HostState): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      state.active--;
      this.globalActive--;
      // Forget idle hosts whose start gap has passed so the map does not grow with every host ever seen.
      if (state.active === 0 && state.nextStartAt <= Date.now()) this.hosts.delete(key);
      const woken = [...this.waiters];
      this.waiters.clear();
      for (const wake of woken) wake();
    };
  }

  private waitForRelease(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiters.delete(wake);
        reject(signal?.reason);
      };
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiters.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
