// `radar migrate`: applies pending migrations to the configured database; running it again changes nothing.
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.ts';
import { createLogger } from '../src/log.ts';

/** Entry point for `radar migrate`. */
export async function main(argv: string[]): Promise<number> {
  parseArgs({ args: argv, options: { config: { type: 'string' } }, strict: true });
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
