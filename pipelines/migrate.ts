// `radar migrate`: applies pending migrations to the configured database; running it again changes nothing.
import { parseCommandArgs } from '../src/cli-args.ts';
import { openDatabase } from '../src/db/client.ts';
import { createLogger } from '../src/log.ts';

const USAGE = 'usage: radar migrate [--config DIR]';

/** Entry point for `radar migrate`. */
export async function main(argv: string[]): Promise<number> {
  parseCommandArgs(USAGE, { args: argv, options: { config: { type: 'string' } } });
  const log = createLogger();
  const started = Date.now();
  const database = await openDatabase({ purpose: 'radar migrate' });
  try {
    log.info({ database: database.kind, where: database.where, duration_ms: Date.now() - started }, 'migrations applied');
    console.log(`migrated ${database.kind} database at ${database.where}`);
  } finally {
    await database.close();
  }
  return 0;
}
