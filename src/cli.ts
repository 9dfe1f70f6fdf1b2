// The `radar` command: parses the command name and hands the rest of argv to one pipeline module.
// Pipelines are imported lazily so that `radar --help` answers without loading jsdom, the database or the models.
import { describeArgsError, HelpRequested, isArgsError } from './cli-args.ts';
import { RadarError } from './errors.ts';
import { enableTiming, mark, TIMING_FLAG } from './timing.ts';

interface Command {
  summary: string;
  load: () => Promise<{ main: (argv: string[]) => Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  migrate: { summary: 'apply pending database migrations (safe to repeat)', load: () => import('../pipelines/migrate.ts') },
  ingest: { summary: 'one ingest cycle: fetch due feeds and new articles, clean, extract, store', load: () => import('../pipelines/ingest.ts') },
  run: { summary: 'long-running: ingest scheduler, weekly digest and the review web UI', load: () => import('../pipelines/run.ts') },
  serve: { summary: 'the review web UI alone [--port N]', load: () => import('../pipelines/serve.ts') },
  extract: { summary: 'clean and extract one article (PATH|URL|-) or --batch DIR; prints JSON', load: () => import('../pipelines/extract.ts') },
  ner: { summary: 'tag a CoNLL file with the statistical NER model (--conll FILE)', load: () => import('../pipelines/ner.ts') },
  reprocess: { summary: 're-extract stored articles without refetching [--since DATE]', load: () => import('../pipelines/reprocess.ts') },
  digest: { summary: 'weekly digest of approved events [--week YYYY-Www] [--dry-run] [--send]', load: () => import('../pipelines/digest.ts') },
  users: { summary: 'manage review accounts: users add EMAIL --role analyst|admin', load: () => import('../pipelines/users.ts') },
  worker: { summary: 'queue worker sharing fetch/clean/extract work through Postgres (needs DATABASE_URL)', load: () => import('../pipelines/worker.ts') },
  'config:check': { summary: 'validate every file under config/ and print a redacted summary', load: () => import('../pipelines/config-check.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'radar: Hiring Radar, hiring-signal events from the world\'s news',
    '',
    'usage: radar <command> [options]   (every command accepts --config DIR)',
    '',
    ...lines,
    '',
    `${TIMING_FLAG} (any command) prints each start-up phase on stderr`,
    'environment: DATABASE_URL (Postgres; unset = embedded PGlite), RADAR_DATA_DIR (default ./data), SMTP_URL, LOG_LEVEL',
    'see README.md for every option',
  ].join('\n');
}

async function main(args: string[]): Promise<number> {
  const argv = args.filter((a) => a !== TIMING_FLAG);
  if (argv.length < args.length) enableTiming();
  mark('cli loaded (bin/radar.js, src/cli)');
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`radar: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  mark(`${name}: command module loaded`);
  try {
    return await mod.main(rest);
  } finally {
    mark(`${name}: done`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Errors reach here only when a command could not run at all; one readable line, the cause chain when asked.
  if (err instanceof HelpRequested) console.log(err.message);
  else if (err instanceof RadarError) console.error(`radar: ${err.message}`);
  // A parseArgs failure that a command did not turn into an InputError itself: still one line, never a stack.
  else if (isArgsError(err)) console.error(`radar: ${describeArgsError(err)} (radar --help lists the commands)`);
  else console.error(err);
  if (process.env.RADAR_DEBUG && err instanceof Error && err.cause) console.error(err.cause);
  process.exitCode = err instanceof RadarError ? err.exitCode : isArgsError(err) ? 2 : 1;
}
