// The job queue: pg-boss on the project's Postgres (its own "pgboss" schema next to ours). Only a Postgres server can
// be shared by processes on several machines; embedded PGlite is single-connection, so there everything runs in one
// process and no queue is needed.
import PgBoss from 'pg-boss';
import { ConfigError, RadarError } from '../errors.ts';
import { redactUrl } from '../db/client.ts';
import { silentLogger, type Logger } from '../log.ts';
import type { QueueSettings } from './settings.ts';

/** The queue of article URLs to fetch, clean, extract and store. */
export const ARTICLE_QUEUE = 'radar-article';

/** DATABASE_URL, or a ConfigError saying why the queue needs it; `what` names the command ("radar worker"). */
export function requireQueueDatabaseUrl(what: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new ConfigError(
      `${what} needs DATABASE_URL set to a postgres:// URL${url ? ` (got "${redactUrl(url)}")` : ''}: the job queue lives in a shared ` +
        'Postgres database. With the embedded database (no DATABASE_URL) everything runs in one process: use radar ingest or radar run.',
    );
  }
  return url;
}

/** Connects pg-boss (creating or migrating its schema), and creates or updates the article queue with `settings`. */
export async function startQueue(databaseUrl: string, settings: QueueSettings, log: Logger = silentLogger): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    application_name: 'radar-queue',
    max: 4,
    schedule: false,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
  });
  // pg-boss reports background failures (maintenance, polling) as events; without a listener they would be thrown.
  boss.on('error', (err) => log.warn({ error: err.message }, 'queue background error'));
  try {
    await boss.start();
    const queue = {
      // "stately": at most one queued and one running job per singletonKey (the canonical URL), so an article seen in
      // two feeds or two cycles before a worker got to it is fetched once.
      policy: 'stately' as const,
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: settings.expireInSeconds,
    };
    await boss.createQueue(ARTICLE_QUEUE, { name: ARTICLE_QUEUE, ...queue });
    await boss.updateQueue(ARTICLE_QUEUE, { name: ARTICLE_QUEUE, ...queue });
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw new RadarError(`cannot start the job queue on ${redactUrl(databaseUrl)}: ${(err as Error).message}`, { cause: err });
  }
  return boss;
}
