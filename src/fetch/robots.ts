// robots.txt, fetched once per origin and cached. Per RFC 9309: 4xx means no rules; 5xx or an unreachable host
// means "assume disallowed for now", cached briefly so a flaky server is not hammered.
import robotsParserModule from 'robots-parser';
import { SkipError } from '../errors.ts';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// The package is CommonJS whose typings declare an ES default export; at runtime the default import is the function.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robot;

export type RobotsFetcher = (url: string, signal?: AbortSignal) => Promise<{ status: number; text: string }>;

interface Entry {
  robot: Robot | 'allow-all' | 'disallow-all';
  expiresAt: number;
  reason?: string;
}

/** A per-origin robots.txt cache that answers "may this URL be fetched?". */
export class RobotsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();

  constructor(
    private readonly fetcher: RobotsFetcher,
    private readonly agentToken: string,
    private readonly ttlMs: number,
    private readonly failureTtlMs = 10 * 60_000,
  ) {}

  /**
   * Resolves to null when allowed; otherwise to the reason, and whether it is lasting ("disallowed": the site said no)
   * or temporary ("unavailable": robots.txt could not be read, so try again later).
   */
  async check(url: URL, signal?: AbortSignal): Promise<{ kind: 'disallowed' | 'unavailable'; reason: string } | null> {
    const entry = await this.entryFor(url.origin, signal);
    if (entry.robot === 'allow-all') return null;
    if (entry.robot === 'disallow-all') return { kind: 'unavailable', reason: `robots.txt for ${url.origin} unavailable (${entry.reason ?? 'error'}): not fetching for now` };
    return entry.robot.isAllowed(url.href, this.agentToken) === false ? { kind: 'disallowed', reason: `disallowed by ${url.origin}/robots.txt` } : null;
  }

  /** Crawl-delay for the origin in seconds, when the site set one and it has been fetched. */
  crawlDelaySeconds(origin: string): number | null {
    const entry = this.entries.get(origin);
    if (!entry || typeof entry.robot === 'string') return null;
    return entry.robot.getCrawlDelay(this.agentToken) ?? null;
  }

  private async entryFor(origin: string, signal?: AbortSignal): Promise<Entry> {
    const cached = this.entries.get(origin);
    if (cached && cached.expiresAt > Date.now()) return cached;
    let inflight = this.pending.get(origin);
    if (!inflight) {
      inflight = this.load(origin, signal).finally(() => this.pending.delete(origin));
      this.pending.set(origin, inflight);
    }
    return inflight;
  }

  private async load(origin: string, signal?: AbortSignal): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    let entry: Entry;
    try {
      const { status, text } = await this.fetcher(robotsUrl, signal);
      if (status >= 200 && status < 300) entry = { robot: robotsParser(robotsUrl, text), expiresAt: Date.now() + this.ttlMs };
      else if (status >= 400 && status < 500) entry = { robot: 'allow-all', expiresAt: Date.now() + this.ttlMs };
      else entry = { robot: 'disallow-all', expiresAt: Date.now() + this.failureTtlMs, reason: `HTTP ${status}` };
    } catch (err) {
      // An abort, a lasting refusal of the host itself (a blocked address), or a host that cannot be reached at all
      // (offline, unknown name): the request fails for that reason, not as "robots.txt unavailable".
      if (signal?.aborted || err instanceof SkipError || (err as { name?: string }).name === 'HostUnreachableError') throw err;
      entry = { robot: 'disallow-all', expiresAt: Date.now() + this.failureTtlMs, reason: (err as Error).message };
    }
    this.entries.set(origin, entry);
    return entry;
  }
}
