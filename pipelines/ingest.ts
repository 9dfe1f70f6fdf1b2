// `radar ingest [--feeds FILE] [--since DATE] [--config DIR] [--force] [--enqueue]`: one ingest cycle for cron. Exit 0 when the
// cycle ran (feed failures are recorded, not fatal) or when another cycle is already running; non-zero only when it
// could not run at all (bad config, database unreachable).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandArgs } from '../src/cli-args.ts';
import { resolveConfigDir } from '../src/config/load.ts';
import { defaultDataDir, openDatabase } from '../src/db/client.ts';
import { DatabaseBusyError, InputError } from '../src/errors.ts';
import { loadFetchConfig } from '../src/fetch/fetch-config.ts';
import { formatSummary, runIngestCycle } from '../src/ingest/cycle.ts';
import { loadFeedsConfig, loadFeedsFile } from '../src/ingest/feeds-config.ts';
import { createProgress } from '../src/ingest/progress.ts';
import { createLogger } from '../src/log.ts';
import { mark } from '../src/timing.ts';
import { createPagePool } from '../src/workers/page-pool.ts';

const USAGE = 'usage: radar ingest [--feeds FILE] [--since DATE] [--config DIR] [--force] [--enqueue]';

/** Who holds the embedded data folder, from its lock file ("radar ingest", "radar run", ...), or null. */
function lockHolder(): string | null {
  try {
    return (JSON.parse(readFileSync(join(defaultDataDir(), 'radar.lock'), 'utf8')) as { purpose?: string }).purpose ?? null;
  } catch {
    return null;
  }
}

function parseSince(value: string | undefined): Date | null {
  if (!value) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InputError(`--since ${value}: not a date (use YYYY-MM-DD or an ISO 8601 timestamp)`);
  return new Date(t);
}

/** Entry point for `radar ingest`. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(USAGE, {
    args: argv,
    options: {
      feeds: { type: 'string' }, since: { type: 'string' }, config: { type: 'string' }, force: { type: 'boolean', default: false },
      enqueue: { type: 'boolean', default: false },
    },
  });
  const configDir = resolveConfigDir(values.config);
  const since = parseSince(values.since);
  // Validate config before opening the database, so a typo fails fast with the file and key.
  const fetchConfig = loadFetchConfig(configDir);
  if (values.feeds) loadFeedsFile(values.feeds);
  else loadFeedsConfig(configDir);
  mark('ingest: config validated');

  // --enqueue: new article URLs become jobs for `radar worker` processes sharing the Postgres (see src/queue/).
  // The queue modules (pg-boss) load only for --enqueue: a plain cycle does not need them.
  const queueModules = values.enqueue
    ? await Promise.all([import('../src/queue/boss.ts'), import('../src/queue/article-job.ts'), import('../src/queue/settings.ts')])
    : null;
  const queueUrl = queueModules ? queueModules[0].requireQueueDatabaseUrl('radar ingest --enqueue') : null;
  const tty = Boolean(process.stderr.isTTY);
  // On a terminal the progress bar owns stderr: only warnings and errors are logged over it.
  const log = createLogger(process.env.LOG_LEVEL ?? (tty ? 'warn' : 'info'));
  let database;
  try {
    database = await openDatabase({ purpose: 'radar ingest' });
  } catch (err) {
    const holder = err instanceof DatabaseBusyError ? lockHolder() : null;
    if (holder === 'radar ingest' || holder === 'radar run') {
      console.log(`ingest: skipped: another ingest cycle is running (${holder} holds the data folder)`);
      return 0;
    }
    throw err;
  }
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Clean + extract run on worker threads (one per core) while this thread fetches and stores.
  const pool = queueUrl ? null : createPagePool({ configDir, db: database.db });
  let boss: Awaited<ReturnType<typeof import('../src/queue/boss.ts').startQueue>> | null = null;
  try {
    if (queueUrl && queueModules) boss = await queueModules[0].startQueue(queueUrl, queueModules[2].queueSettings(), log);
    const queue = boss;
    const enqueueArticle = queueModules?.[1].enqueueArticle;
    const summary = await runIngestCycle({
      database, configDir, log, signal: controller.signal, fetchConfig, since, force: values.force,
      feedsFile: values.feeds ?? null,
      progress: createProgress(log, { tty }),
      ...(pool ? { processPage: pool } : {}),
      ...(queue && enqueueArticle ? { enqueue: (job) => enqueueArticle(queue, job) } : {}),
    });
    console.log(formatSummary(summary));
    return summary.aborted ? 130 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await pool?.close();
    await boss?.stop({ graceful: false, wait: true }).catch(() => {});
    await database.close();
  }
}
