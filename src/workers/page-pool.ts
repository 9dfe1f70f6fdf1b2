// A processPage backed by long-lived worker threads: the CPU-bound clean + extract of each page runs off the main
// thread (which keeps fetching and storing), one worker per core by default. Reuses the clean stage's WorkerPool.
// Like lazyProcessPage (src/ingest/cycle.ts), it starts on first use and, given the database, builds the workers'
// extractors with the analysts' alias and merge decisions, replacing the workers when an analyst changes something.
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../clean/worker-pool.ts';
import type { Db } from '../db/client.ts';
import { analystOverridesVersion, loadAnalystOverrides } from '../db/queries/analyst-overrides.ts';
import { RetryLaterError, SkipError } from '../errors.ts';
import { siblingModule, workerTsxApiUrl } from '../paths.ts';
import type { PageInput, ProcessedPage, ProcessPage } from '../ingest/process-page.ts';
import type { PageWorkerData } from './page-worker.ts';

/** Per-page budget: far above the p95 (~0.8 s) so only pathological pages hit it. */
export const DEFAULT_PAGE_TIMEOUT_MS = 20_000;

export interface PagePoolOptions {
  /** Config folder the workers load the knowledge base and lexicons from. */
  configDir: string;
  /** When given, the analysts' decisions are loaded from it and checked for changes on every warm(). */
  db?: Db;
  /** Worker threads (default: one per core). */
  size?: number;
  taskTimeoutMs?: number;
  /** Called with each page's time on its worker (queue wait excluded), e.g. for latency figures. */
  onPageDone?: (durationMs: number) => void;
}

/** A ProcessPage running on worker threads, started by the first page; `warm()` replaces them after an analyst change. */
export type PagePool = ProcessPage & {
  size: number;
  warm(): Promise<void>;
  /** Workers replaced after a crash or a page over budget. */
  replaced(): number;
  /** Stops every worker; pages in flight fail with RetryLaterError. */
  close(): Promise<void>;
};

/** The default pool size: every core, since the main thread only waits on I/O. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

interface Generation {
  pool: WorkerPool<PageInput, ProcessedPage>;
  version: string | null;
  inFlight: number;
  retired: boolean;
}

/** Creates the pool; no thread starts before the first page. Call close() when done. */
export function createPagePool(opts: PagePoolOptions): PagePool {
  const size = Math.max(1, opts.size ?? defaultPoolSize());
  let current: Generation | null = null;
  let starting: Promise<Generation> | null = null;
  let closed = false;
  let replaced = 0;
  let nextId = 0;

  const spawn = async (): Promise<Generation> => {
    const overrides = opts.db ? await loadAnalystOverrides(opts.db) : null;
    const pool = new WorkerPool<PageInput, ProcessedPage>({
      workerUrl: siblingModule('./page-worker', import.meta.url),
      workerData: { configDir: opts.configDir, overrides } satisfies PageWorkerData,
      size,
      taskTimeoutMs: opts.taskTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
      tsxApiUrl: workerTsxApiUrl(),
      // A page that blows up memory kills only its worker, which is replaced. The cap also bounds RSS: with 2 GB V8
      // lets each heap grow to ~1.5 GB before collecting; at 1 GB, 10,000 pages on two workers stayed at 1.7-2.3 GB
      // RSS per thousand pages with no worker lost (issue 9), and the largest corpus pages still fit.
      maxOldGenerationSizeMb: 1024,
    });
    return { pool, version: overrides?.version ?? null, inFlight: 0, retired: false };
  };
  // An older generation finishes the pages it holds, then stops.
  const retire = (g: Generation) => {
    g.retired = true;
    replaced += g.pool.replaced;
    if (g.inFlight === 0) void g.pool.close();
  };
  const ensure = async (): Promise<Generation> => {
    if (current) return current;
    starting ??= spawn().then((g) => (current = g)).finally(() => (starting = null));
    return starting;
  };

  const processPage = async (input: PageInput): Promise<ProcessedPage> => {
    if (closed) throw new RetryLaterError(`${input.finalUrl}: the page pool is closed`);
    const g = await ensure();
    g.inFlight++;
    const outcome = await g.pool.run({ id: nextId++, payload: input });
    if (--g.inFlight === 0 && g.retired) void g.pool.close();
    opts.onPageDone?.(outcome.durationMs);
    if (outcome.ok) return outcome.result;
    // The page's own fault (it threw, or ran over budget) is final; a crashed, unstartable or closed pool is not.
    const pageFault = outcome.error.startsWith('over the ') || /^\w*Error: /.test(outcome.error);
    const message = `${input.finalUrl}: clean/extract failed: ${outcome.error}`;
    throw pageFault ? new SkipError(message) : new RetryLaterError(message);
  };

  return Object.assign(processPage, {
    size,
    warm: async () => {
      // Not started yet: the workers start with the first page, with the analysts' current decisions. Starting them
      // here made every cycle load jsdom, the models and the knowledge base on every core before its first feed
      // request, also when no feed had anything new (issue 14: time to first feed request).
      if (!current && !starting) return;
      const g = await ensure();
      if (!opts.db || (await analystOverridesVersion(opts.db)) === g.version) return;
      const next = await spawn();
      if (closed) return void next.pool.close();
      current = next;
      retire(g);
    },
    replaced: () => replaced + (current?.pool.replaced ?? 0),
    close: async () => {
      closed = true;
      const g = current ?? (starting ? await starting.catch(() => null) : null);
      current = null;
      await g?.pool.close();
    },
  });
}
