// `radar serve [--port N] [--host H]`: the review web UI alone. Opens the database once (PGlite is single-connection,
// so one-shot commands must not open the same data folder meanwhile), serves until SIGINT/SIGTERM, then closes.
import { parseCommandArgs } from '../src/cli-args.ts';
import { openDatabase } from '../src/db/client.ts';
import { InputError } from '../src/errors.ts';
import { createLogger } from '../src/log.ts';
import { createApp, startServer } from '../src/web/app.ts';

const USAGE = 'usage: radar serve [--port N] [--host H] [--config DIR]';

/** Web options from the environment: RADAR_COOKIE_SECURE=1 (or an https RADAR_PUBLIC_URL) and RADAR_TRUST_PROXY=1. */
export function webEnvOptions(env: NodeJS.ProcessEnv = process.env): { cookieSecure: boolean; trustProxy: boolean } {
  const yes = (v: string | undefined) => v === '1' || v === 'true' || v === 'yes';
  return {
    cookieSecure: yes(env.RADAR_COOKIE_SECURE) || (env.RADAR_PUBLIC_URL ?? '').startsWith('https://'),
    trustProxy: yes(env.RADAR_TRUST_PROXY),
  };
}

/** Parses --port (default PORT or 8080), --host (default RADAR_HOST or 127.0.0.1) and --config. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): { port: number; host: string; configDir: string | undefined } {
  const { values } = parseCommandArgs(USAGE, { args: argv, options: { port: { type: 'string' }, host: { type: 'string' }, config: { type: 'string' } } });
  const raw = values.port ?? env.PORT ?? '8080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port "${raw}" is not a port number (0-65535)`);
  return { port, host: values.host ?? env.RADAR_HOST ?? '127.0.0.1', configDir: values.config };
}

/** Entry point for `radar serve`. */
export async function main(argv: string[]): Promise<number> {
  const { port, host, configDir } = parseServeArgs(argv);
  const log = createLogger();
  const database = await openDatabase({ purpose: 'radar serve' });
  const app = createApp({ db: database.db, log: log.child({ stage: 'web' }), configDir, ...webEnvOptions() });
  const server = await startServer(app, { port, host });
  log.info({ url: server.url, database: database.kind }, 'review UI listening');
  console.log(`review UI on ${server.url} (database: ${database.kind} ${database.where})`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log.info({}, 'shutting down');
  await server.close();
  await database.close();
  return 0;
}
