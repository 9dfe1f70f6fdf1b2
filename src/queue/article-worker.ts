// The consuming side of the article queue: `concurrency` pg-boss polling loops in this process, each taking one job
// at a time, so fetches overlap with the CPU-bound clean + extract on the page pool. Logs a line when a job starts and
// when it ends (job_id, article_url), which is also how tests find a worker that is mid-job.
import type PgBoss from 'pg-boss';
import type { Logger } from '../log.ts';
import { ARTICLE_QUEUE } from './boss.ts';
import { processArticleJob, type ArticleJobData, type ArticleJobDeps, type ArticleJobResult } from './article-job.ts';
import type { QueueSettings } from './settings.ts';

/** How often a worker checks whether analysts changed aliases or merged entities (the extractor is rebuilt then). */
const REFRESH_MS = 30_000;

export interface ArticleWorkerOptions extends ArticleJobDeps {
  /** May have warm() (lazyProcessPage, the page pool): called before the first job and every 30 s after. */
  processPage: ArticleJobDeps['processPage'] & { warm?: () => Promise<void> };
  boss: PgBoss;
  settings: QueueSettings;
  /** Jobs in flight in this process. */
  concurrency: number;
  log: Logger;
}

export interface ArticleWorker {
  /** Jobs finished by this process so far, by outcome. */
  counts: Record<ArticleJobResult['status'] | 'failed', number>;
  /** Stops taking jobs and waits (up to timeoutMs) for the ones in flight. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Starts consuming the article queue; resolves once every polling loop is registered. */
export async function startArticleWorker(opts: ArticleWorkerOptions): Promise<ArticleWorker> {
  const { boss, log } = opts;
  const counts: ArticleWorker['counts'] = { new: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  let inFlight = 0;
  let warmedAt = 0;
  let warming: Promise<void> | null = null;
  const refresh = async () => {
    if (!opts.processPage.warm || Date.now() - warmedAt < REFRESH_MS) return;
    warming ??= opts.processPage.warm().then(() => void (warmedAt = Date.now())).finally(() => (warming = null));
    await warming;
  };
  const handler = async ([job]: PgBoss.Job<ArticleJobData>[]): Promise<ArticleJobResult | undefined> => {
    if (!job) return undefined;
    const started = Date.now();
    inFlight++;
    log.info({ job_id: job.id, article_url: job.data.url }, 'job started');
    try {
      await refresh();
      const result = await processArticleJob(job.data, opts);
      counts[result.status]++;
      log.info({ job_id: job.id, article_url: job.data.url, status: result.status, duration_ms: Date.now() - started, ...(result.status === 'skipped' ? { error: result.reason } : { article_id: result.articleId, events: result.events }) }, 'job done');
      return result;
    } catch (err) {
      counts.failed++;
      log.warn({ job_id: job.id, article_url: job.data.url, error: (err as Error).message, duration_ms: Date.now() - started }, 'job failed; the queue will retry it');
      throw err;
    } finally {
      inFlight--;
    }
  };
  for (let i = 0; i < opts.concurrency; i++) {
    await boss.work<ArticleJobData>(ARTICLE_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.settings.pollingIntervalSeconds }, handler);
  }
  return {
    counts,
    stop: async (timeoutMs = 30_000) => {
      await boss.offWork(ARTICLE_QUEUE);
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    },
  };
}
