// `radar worker [--config DIR] [--concurrency N] [--threads N]`: a long-running queue worker. Any number of them, on
// any number of machines, share the article jobs that `radar ingest --enqueue` puts on the Postgres named by
// DATABASE_URL: each fetches, cleans, extracts and stores the articles it takes. SIGINT/SIGTERM stop taking jobs and
// let the ones in flight finish; a worker killed outright loses nothing (its jobs expire and are retried elsewhere).
import { parseCommandArgs } from '../src/cli-args.ts';
import { resolveConfigDir } from '../src/config/load.ts';
import { openDatabase } from '../src/db/client.ts';
import { InputError } from '../src/errors.ts';
import { loadFetchConfig } from '../src/fetch/fetch-config.ts';
import { createHttpClient } from '../src/fetch/http.ts';
import { lazyProcessPage } from '../src/ingest/cycle.ts';
import { createLogger } from '../src/log.ts';
import { startArticleWorker } from '../src/queue/article-worker.ts';
import { requireQueueDatabaseUrl, startQueue } from '../src/queue/boss.ts';
import { queueSettings } from '../src/queue/settings.ts';
import { createPagePool, defaultPoolSize } from '../src/workers/page-pool.ts';

const USAGE = `usage: radar worker [--config DIR] [--concurrency N] [--threads N]
  --concurrency N  jobs in flight in this process (default: 2 per clean/extract thread)
  --threads N      clean/extract worker threads (default: one per core; 0 = on the main thread)
environment: DATABASE_URL (required, postgres://...), RADAR_QUEUE_EXPIRE_SECONDS, RADAR_QUEUE_RETRY_LIMIT,
  RADAR_QUEUE_RETRY_DELAY_SECONDS, RADAR_QUEUE_MAINTENANCE_SECONDS, RADAR_QUEUE_POLL_SECONDS, LOG_LEVEL`;

function count(name: string, raw: string | undefined, dflt: number, min: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new InputError(`--${name} ${raw}: expected an integer >= ${min}`);
  return n;
}

/** Entry point for `radar worker`. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(USAGE, {
    args: argv,
    options: { config: { type: 'string' }, concurrency: { type: 'string' }, threads: { type: 'string' } },
  });
  const databaseUrl = requireQueueDatabaseUrl('radar worker');
  const settings = queueSettings();
  const configDir = resolveConfigDir(values.config);
  const fetchConfig = loadFetchConfig(configDir);
  const threads = count('threads', values.threads, defaultPoolSize(), 0);
  const concurrency = count('concurrency', values.concurrency, Math.max(2, threads * 2), 1);
  const log = createLogger().child({ stage: 'worker', pid: process.pid });

  const database = await openDatabase({ databaseUrl, purpose: 'radar worker', maxConnections: Math.max(4, concurrency + 1) });
  // Both build their extractors with the analysts' alias and merge decisions, refreshed as analysts change them.
  const pool = threads > 0 ? createPagePool({ configDir, size: threads, db: database.db }) : null;
  const processPage = pool ?? lazyProcessPage(configDir, database.db);
  const http = createHttpClient(fetchConfig, { log });
  const controller = new AbortController();
  let boss;
  try {
    boss = await startQueue(databaseUrl, settings, log);
    const worker = await startArticleWorker({ boss, settings, concurrency, log, database, http, config: fetchConfig, processPage, signal: controller.signal });
    log.info({ concurrency, threads, database: database.where, expire_s: settings.expireInSeconds }, 'worker started');
    console.log(`radar worker: taking article jobs from ${database.where} (${concurrency} at a time, ${threads || 'no'} clean/extract threads); Ctrl-C to stop`);
    await new Promise<void>((resolveStop) => {
      process.once('SIGINT', () => resolveStop());
      process.once('SIGTERM', () => resolveStop());
    });
    log.info({}, 'stopping: finishing jobs in flight');
    await worker.stop(Math.min(settings.expireInSeconds * 1000, 60_000));
    log.info({ ...worker.counts }, 'worker stopped');
    return 0;
  } finally {
    controller.abort();
    await boss?.stop({ graceful: true, wait: true, timeout: 5_000 }).catch(() => {});
    await pool?.close();
    await http.close().catch(() => {});
    await database.close();
  }
}
