// `radar run` (`npm start`): the long-running process. It opens the database once (PGlite allows one process) and
// shares it between the ingest scheduler, the weekly digest timer and the review web UI. SIGINT/SIGTERM stop all three.
import { parseCommandArgs } from '../src/cli-args.ts';
import { resolveConfigDir } from '../src/config/load.ts';
import { openDatabase } from '../src/db/client.ts';
import { loadDigestConfig, publicUrlNotice } from '../src/digest/config.ts';
import { runDigestTimer } from '../src/digest/timer.ts';
import { loadFetchConfig } from '../src/fetch/fetch-config.ts';
import { loadFeedsConfig } from '../src/ingest/feeds-config.ts';
import { startScheduler } from '../src/ingest/scheduler.ts';
import { createLogger } from '../src/log.ts';
import { createApp, startServer } from '../src/web/app.ts';
import { parseServeArgs, webEnvOptions } from './serve.ts';

const USAGE = 'usage: radar run [--config DIR] [--port N] [--host H] [--no-web]';

/** Entry point for `radar run`. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(USAGE, {
    args: argv,
    options: { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'no-web': { type: 'boolean', default: false } },
  });
  const configDir = resolveConfigDir(values.config);
  // Validate every file once, before anything starts.
  const fetchConfig = loadFetchConfig(configDir);
  loadFeedsConfig(configDir);
  const digestConfig = loadDigestConfig(configDir);
  const { port, host } = parseServeArgs([...(values.port ? ['--port', values.port] : []), ...(values.host ? ['--host', values.host] : [])]);

  const log = createLogger();
  const database = await openDatabase({ purpose: 'radar run' });
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('shutting down'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const server = values['no-web']
    ? null
    : await startServer(createApp({ db: database.db, log: log.child({ stage: 'web' }), configDir, ...webEnvOptions() }), { port, host });
  if (server) console.log(`review UI on ${server.url} (database: ${database.kind} ${database.where})`);
  const publicUrl = publicUrlNotice(digestConfig);
  if (publicUrl) console.log(publicUrl);
  log.info({ database: database.kind, url: server?.url ?? null }, 'radar run started');
  try {
    await Promise.all([
      startScheduler({ database, configDir, fetchConfig, log: log.child({ stage: 'ingest' }), signal: controller.signal }),
      runDigestTimer({ database, config: digestConfig, signal: controller.signal, log: log.child({ stage: 'digest' }) }),
    ]);
  } finally {
    log.info({}, 'shutting down');
    await server?.close();
    await database.close();
  }
  return 0;
}
