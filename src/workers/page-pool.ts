// A processPage backed by long-lived worker threads: the CPU-bound clean + extract of each page runs off the main
// thread (which keeps fetching and storing), one worker per core by default. Reuses the clean stage's WorkerPool.
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../clean/worker-pool.ts';
import { RetryLaterError, SkipError } from '../errors.ts';
import type { PageInput, ProcessedPage, ProcessPage } from '../ingest/process-page.ts';
import type { PageWorkerData } from './page-worker.ts';

/** Per-page budget: far above the p95 (~0.8 s) so only pathological pages hit it. */
export const DEFAULT_PAGE_TIMEOUT_MS = 20_000;

export interface PagePoolOptions {
  /** Config folder the workers load the knowledge base and lexicons from. */
  configDir: string;
  /** Worker threads (default: one per core). */
  size?: number;
  taskTimeoutMs?: number;
}

export interface PagePool {
  /** Cleans and extracts one page on a worker; rejects with SkipError when the page fails or runs over budget. */
  processPage: ProcessPage;
  size: number;
  /** Workers replaced after a crash or a page over budget. */
  replaced(): number;
  close(): Promise<void>;
}

/** The default pool size: every core, since the main thread only waits on I/O. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

/**
 * A pool of page workers, started on the first page (a cycle with nothing new never pays the seconds it takes to
 * load jsdom and the models); call close() when done, since live workers keep the process running.
 */
export function createPagePool(opts: PagePoolOptions): PagePool {
  const size = Math.max(1, opts.size ?? defaultPoolSize());
  const taskTimeoutMs = opts.taskTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  let pool: WorkerPool<PageInput, ProcessedPage> | null = null;
  let closed = false;
  const start = () =>
    new WorkerPool<PageInput, ProcessedPage>({
      workerUrl: new URL('./page-worker.ts', import.meta.url),
      workerData: { configDir: opts.configDir } satisfies PageWorkerData,
      size,
      taskTimeoutMs,
      tsxApiUrl: import.meta.resolve('tsx/esm/api'),
      // A page that blows up memory kills only its worker, which is replaced.
      maxOldGenerationSizeMb: 2048,
    });
  let nextId = 0;
  return {
    size,
    replaced: () => pool?.replaced ?? 0,
    processPage: async (input) => {
      if (closed) throw new RetryLaterError(`${input.finalUrl}: the page pool is closed`);
      pool ??= start();
      const outcome = await pool.run({ id: nextId++, payload: input });
      if (outcome.ok) return outcome.result;
      // The page's own fault (it threw, or ran over budget) is final; a crashed, unstartable or closed pool is not.
      const pageFault = outcome.error.startsWith('over the ') || /^\w*Error: /.test(outcome.error);
      const message = `${input.finalUrl}: clean/extract failed: ${outcome.error}`;
      throw pageFault ? new SkipError(message) : new RetryLaterError(message);
    },
    close: async () => {
      closed = true;
      await pool?.close();
    },
  };
}
