// `npm run bench [-- --json] [--pages N] [--quick] [--only SECTIONS] [--workers N] [--memory N]`: measures, in one run,
// clean+extract throughput of the real pipeline (worker threads, every core) against the naive single-thread
// jsdom + Readability loop on the same pages with the Zyte F1 of both, knowledge-base and NER speed, storage write
// throughput, an end-to-end ingest from a loopback server, and the review queue with 10,000 events.
// A readable table on stdout, or with --json one JSON object; progress logs go to stderr.
import { spawn } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createExtractor } from '../src/extract/extract.ts';
import { inlineProcessPage } from '../src/ingest/process-page.ts';
import { createLogger } from '../src/log.ts';
import { articlePage, kbFirmNames } from '../test/integration/queue/fixtures.ts';
import type { CleanRunResult, StageSplit } from './bench/clean-run.ts';
import { corpusDir, hasCorpus, loadPages } from './bench/corpus.ts';
import { benchIngest } from './bench/ingest.ts';
import { benchMemory } from './bench/memory.ts';
import { benchNlp } from './bench/nlp.ts';
import { printTable } from './bench/report.ts';
import { benchReview } from './bench/review.ts';
import { round } from './bench/stats.ts';
import { benchStartup } from './bench/startup.ts';
import { benchStore } from './bench/store.ts';

const PROJECT_DIR = resolve(import.meta.dirname, '..');
const CONFIG_DIR = join(PROJECT_DIR, 'config');
const SECTIONS = ['clean', 'nlp', 'store', 'ingest', 'review', 'memory', 'startup'] as const;
type Section = (typeof SECTIONS)[number];
const log = createLogger(process.env.LOG_LEVEL ?? 'info').child({ stage: 'bench' });

const USAGE = `usage: npm run bench -- [--json] [--pages N] [--quick] [--only ${SECTIONS.join(',')}] [--workers N] [--rounds N]
                          [--store-articles N] [--feeds N] [--review-events N] [--memory N]
  --pages N     corpus pages to use (default: all 311; --quick: 40)
  --workers N   clean/extract worker threads for the pipeline (default: one per core)
  --rounds N    naive/pipeline rounds, alternating (default 1); figures are the median round
  --memory N    also run radar extract --batch over N pages (e.g. 10000) and sample its RSS (long: ~N/3 s)
  --only startup  start-up of radar --help, extract, migrate, digest --dry-run and ingest as users run them, with the
                median of each --debug-timing phase (--rounds N runs each command N times; default 5, --quick 3)
  --startup-project DIR  time that checkout's bin/radar.js instead (e.g. an older commit, for a before/after figure)`;

function int(name: string, raw: string | undefined, dflt: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} ${raw}: expected a positive integer`);
  return n;
}

/** Runs one side of the clean comparison in a child process (its own peak RSS) and parses its JSON line. */
function runCleanChild<R = CleanRunResult>(mode: 'naive' | 'pipeline' | 'stages', pages: number, workers: number): Promise<R> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_DIR, 'scripts', 'bench', 'clean-run.ts'), mode, String(pages), String(workers)], {
      cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`clean-run ${mode} exited with ${code}`));
      resolveRun(JSON.parse(line) as R);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      pages: { type: 'string' }, only: { type: 'string' }, workers: { type: 'string' }, rounds: { type: 'string' },
      'store-articles': { type: 'string' }, feeds: { type: 'string' }, 'review-events': { type: 'string' }, memory: { type: 'string' },
      'startup-project': { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const quick = values.quick ?? false;
  const only = new Set((values.only?.split(',') ?? SECTIONS.filter((s) => s !== 'memory' || values.memory)) as Section[]);
  if (values.memory) only.add('memory');
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only ${s}: expected some of ${SECTIONS.join(',')}`);
  const workers = int('workers', values.workers, availableParallelism());
  const rounds = int('rounds', values.rounds, 1);
  const pgAlso = Boolean(process.env.DATABASE_URL);
  const engines: Array<'pglite' | 'postgres'> = pgAlso ? ['pglite', 'postgres'] : ['pglite'];

  const result: Record<string, unknown> = {
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', memoryGb: round(totalmem() / 2 ** 30, 1), node: process.version, loadAvgStart: loadavg().map((x) => round(x, 1)) },
    startedAt: new Date().toISOString(),
    skipped: [] as string[],
  };
  const skipped = result.skipped as string[];
  const dir = corpusDir(PROJECT_DIR);
  if (!hasCorpus(dir)) {
    const msg = `corpus not found at ${dir} (the ../shared folder next to the checkout): clean, nlp, store, ingest and memory are skipped`;
    log.warn({ corpus_dir: dir }, msg);
    skipped.push(msg);
    for (const s of ['clean', 'nlp', 'store', 'ingest', 'memory'] as const) only.delete(s);
  }
  const pageCount = int('pages', values.pages, quick ? 40 : 311);
  const needsPages = ['clean', 'nlp', 'store', 'ingest', 'memory'].some((s) => only.has(s as Section));
  const pages = needsPages && hasCorpus(dir) ? loadPages(dir, pageCount) : [];
  result.pages = pages.length;

  const errors: string[] = [];
  result.errors = errors;
  /** Runs one section; a failure is recorded and the other sections still run. */
  const section = async (name: Section, fn: () => Promise<void>) => {
    if (!only.has(name)) return;
    try {
      await fn();
    } catch (err) {
      log.error({ section: name, error: (err as Error).message }, 'bench section failed');
      errors.push(`${name}: ${(err as Error).message}`);
    }
  };

  await section('clean', async () => {
    const runs: Array<{ naive: CleanRunResult; pipeline: CleanRunResult; speedup: number }> = [];
    for (let r = 0; r < rounds; r++) {
      log.info({ round: r + 1, pages: pages.length }, 'clean: naive jsdom + Readability loop');
      const naive = await runCleanChild('naive', pages.length, 1);
      log.info({ round: r + 1, articles_per_s: naive.articlesPerSec, workers }, 'clean: pipeline (clean + extract on worker threads)');
      const pipeline = await runCleanChild('pipeline', pages.length, workers);
      runs.push({ naive, pipeline, speedup: round(pipeline.articlesPerSec / naive.articlesPerSec) });
      log.info({ round: r + 1, speedup: runs[r]!.speedup }, 'clean: round done');
    }
    const mid = runs.find((x) => x.speedup === median(runs.map((y) => y.speedup)))!;
    log.info({ pages: Math.min(pages.length, 100) }, 'clean: clean and extract stages timed apart, one thread');
    const stages = await runCleanChild<StageSplit>('stages', Math.min(pages.length, 100), 1);
    result.clean = { naive: mid.naive, pipeline: mid.pipeline, rounds: runs.map((x) => x.speedup), stages };
    result.speedup = mid.speedup;
    result.f1Delta = round(mid.pipeline.zyte.f1 - mid.naive.zyte.f1, 4);
  });
  await section('nlp', async () => {
    log.info({}, 'nlp: knowledge base, NER, extract on a 5,000-word article');
    result.nlp = await benchNlp(pages, CONFIG_DIR, quick ? 3 : 7);
  });
  await section('store', async () => {
    // Real pages (entities, few events) and synthetic hiring reports (one event each), cleaned and extracted once.
    const k = Math.min(pages.length, quick ? 10 : 30);
    const firms = kbFirmNames(k);
    const sample = [...pages.slice(0, k).map((p) => ({ html: p.html, url: p.url ?? `https://localhost/${p.name}.html` })),
      ...firms.map((firm, i) => ({ html: Buffer.from(articlePage(firm, i)), url: `https://localhost/hiring/${i}.html` }))];
    log.info({ pages: sample.length }, 'store: cleaning and extracting the input pages');
    const processPage = inlineProcessPage(await createExtractor(CONFIG_DIR));
    const processed = [];
    for (const p of sample) {
      processed.push({ ...(await processPage({ body: new Uint8Array(p.html), url: p.url, finalUrl: p.url, contentType: null, langHint: null })), body: new Uint8Array(p.html) });
    }
    const n = int('store-articles', values['store-articles'], quick ? 100 : 500);
    result.store = {};
    for (const engine of engines) {
      log.info({ engine, articles: n }, 'store: storeArticle throughput');
      (result.store as Record<string, unknown>)[engine] = await benchStore(engine, processed, n);
    }
  });
  await section('ingest', async () => {
    const feeds = int('feeds', values.feeds, quick ? 4 : 10);
    result.ingest = {};
    for (const engine of engines) {
      log.info({ engine, feeds, articles: pages.length, workers }, 'ingest: end-to-end cycle against a loopback server');
      (result.ingest as Record<string, unknown>)[engine] = await benchIngest(engine, pages, feeds, workers, CONFIG_DIR);
    }
  });
  await section('review', async () => {
    const events = int('review-events', values['review-events'], 10_000);
    result.review = {};
    for (const engine of engines) {
      log.info({ engine, events }, 'review: queue page with seeded events');
      (result.review as Record<string, unknown>)[engine] = await benchReview(engine, events, quick ? 5 : 10);
    }
  });
  await section('memory', async () => {
    const count = int('memory', values.memory, quick ? 500 : 10_000);
    log.info({ pages: count }, 'memory: radar extract --batch with RSS sampling');
    result.memory = await benchMemory(PROJECT_DIR, pages, count, (msg) => log.info({}, msg));
  });
  await section('startup', async () => {
    const n = values.rounds ? rounds : quick ? 3 : 5;
    log.info({ rounds: n }, 'startup: each command as a user runs it, against node -e 0');
    result.startup = await benchStartup(values['startup-project'] ? resolve(values['startup-project']) : PROJECT_DIR, CONFIG_DIR, n);
  });
  if (!pgAlso) skipped.push('DATABASE_URL not set: store and review measured on PGlite only');
  (result.machine as Record<string, unknown>).loadAvgEnd = loadavg().map((x) => round(x, 1));
  result.finishedAt = new Date().toISOString();

  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
  else printTable(result);
  return 0;
}

process.exitCode = await main();
