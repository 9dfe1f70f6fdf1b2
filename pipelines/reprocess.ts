// `radar reprocess [--since DATE] [--config DIR] [--batch N]`: re-cleans and re-extracts stored articles with the
// current knowledge base and lexicons, without refetching and without undoing analyst decisions; resumable.
import { parseCommandArgs } from '../src/cli-args.ts';
import { resolveConfigDir } from '../src/config/load.ts';
import { openDatabase } from '../src/db/client.ts';
import { loadAnalystOverrides } from '../src/db/queries/analyst-overrides.ts';
import { InputError } from '../src/errors.ts';
import { createExtractor } from '../src/extract/extract.ts';
import { createLogger } from '../src/log.ts';
import { reprocessArticles, type ReprocessProgress } from '../src/store/reprocess-articles.ts';

const USAGE = 'usage: radar reprocess [--since YYYY-MM-DD] [--config DIR] [--batch N]';

function parseSince(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new InputError(`--since "${value}": not a date (use YYYY-MM-DD or an ISO 8601 timestamp)`);
  return d;
}

/** A progress reporter: a bar on a terminal, a log line per batch otherwise (the logger already does that). */
async function progressReporter(): Promise<{ update: (p: ReprocessProgress) => void; stop: () => void }> {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'reprocess [{bar}] {value}/{total} articles | updated {updated} | failed {failed} | eta {eta_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p) => {
      if (!started) {
        bar.start(p.total, p.done, { updated: p.updated, failed: p.failed });
        started = true;
      } else bar.update(p.done, { updated: p.updated, failed: p.failed });
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** Entry point for `radar reprocess`. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(USAGE, { args: argv, options: { since: { type: 'string' }, config: { type: 'string' }, batch: { type: 'string' } } });
  const since = parseSince(values.since);
  const batchSize = values.batch ? Number.parseInt(values.batch, 10) : 50;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(`--batch "${values.batch}": must be a positive integer`);
  const configDir = resolveConfigDir(values.config);
  const log = createLogger().child({ stage: 'reprocess' });
  // Load the rules first: a bad config file fails before the database is touched.
  await createExtractor(configDir);
  const database = await openDatabase({ purpose: 'radar reprocess' });
  // The analysts' alias and merge decisions from the review UI apply on top of config/kb (the KB itself is cached).
  const overrides = await loadAnalystOverrides(database.db).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  const extractor = await createExtractor(configDir, { overrides });
  log.info({ actions: overrides.actions.length, version: overrides.version }, 'analyst overrides loaded');
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = await progressReporter();
  try {
    const s = await reprocessArticles(database, () => extractor, { since, signal: controller.signal, onProgress: progress.update, batchSize, log });
    progress.stop();
    console.log(
      `reprocess ${s.status === 'ok' ? 'done' : 'interrupted (run it again to finish)'}${s.resumed ? ' (resumed)' : ''}: ` +
        `${s.done}/${s.total} articles, ${s.updated} updated, ${s.unchanged} unchanged, ${s.failed} failed; ` +
        `${s.newEvents} new events, ${s.removedEvents} pending events without support removed (run ${s.runId})`,
    );
    return s.status === 'ok' ? 0 : 130;
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database.close();
  }
}
