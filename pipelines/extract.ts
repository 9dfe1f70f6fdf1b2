// `radar extract PATH|URL|- [--lang xx] [--format json|jsonl]` and `radar extract --batch DIR [--format jsonl]`:
// clean + extract without a database, printing the CONTRACT's JSON. Both run on worker threads with a per-page time
// budget and heap cap (batch: one worker per core, each loading jsdom and the extractor once), so one pathological page
// becomes a recorded `{source, error}` line (batch) or a one-line error (single) instead of a stalled or crashed
// process. A URL is fetched by the one guarded HTTP client with fetch.yaml's policy (address guard, robots.txt, size
// caps, timeouts). Input that is not text or HTML is refused. This same file is the worker's entry point.
import { readdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { CleanDetail } from '../src/clean/clean-document.ts';
import { parseCommandArgs } from '../src/cli-args.ts';
import { WorkerPool, type WorkerMessage } from '../src/clean/worker-pool.ts';
import { resolveConfigDir } from '../src/config/load.ts';
import { assertTextInput } from '../src/clean/input-kind.ts';
import { InputError, RadarError } from '../src/errors.ts';
import type { Extraction } from '../src/extract/types.ts';
import { createLogger } from '../src/log.ts';
import { workerTsxApiUrl } from '../src/paths.ts';
import { enableTiming, mark, timingEnabled } from '../src/timing.ts';

const WORKER_ROLE = 'radar-extract-worker';
const WARM_UP_HTML = '<html><body><article><p>Alibaba is hiring engineers in Sunnyvale, the company said on Monday.</p></article></body></html>';
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_HEAP_MB = 2048;

/** What the main thread hands each worker; `warmUp` is for long batches (a single page skips it to start sooner). */
interface WorkerConfig {
  role: typeof WORKER_ROLE;
  configDir: string;
  lang: string | null;
  cleanOnly: boolean;
  warmUp: boolean;
  /** performance.timeOrigin of the main thread when --debug-timing is on, so the worker's phases line up. */
  timingOrigin: number | null;
}

type ProcessorConfig = Pick<WorkerConfig, 'configDir' | 'lang' | 'cleanOnly'>;

/** One document: a file the worker reads (batch), or bytes already read or fetched (single). */
interface Job {
  source: string;
  path?: string;
  body?: Uint8Array;
  contentType?: string | null;
  url?: string | null;
}

const USAGE = `usage: radar extract PATH|URL|- [--lang xx] [--format json|jsonl] [--config DIR] [--timeout-ms N] [--clean-only]
       radar extract --batch DIR [--format jsonl] [--config DIR] [--timeout-ms N] [--workers N] [--clean-only]`;

/** The printed object: the CONTRACT fields first, then clean-stage detail (extra fields are allowed). */
function toOutput(clean: CleanDetail, extraction: Extraction | null): Record<string, unknown> {
  return {
    source: clean.source,
    title: clean.title,
    language: clean.language,
    publishedAt: clean.publishedAt,
    text: clean.text,
    ...(extraction ? { entities: extraction.entities, exportControls: extraction.exportControls, events: extraction.events } : {}),
    byline: clean.byline,
    siteName: clean.siteName,
    canonicalUrl: clean.canonicalUrl,
    declaredLanguage: clean.declaredLanguage,
    detectedLanguage: clean.detectedLanguage,
    dateCandidates: clean.dateCandidates,
    path: clean.path,
    pathDetail: clean.pathDetail,
    charset: clean.charset,
    sentenceCount: clean.sentences.length,
  };
}

/**
 * Loads the heavy modules once per process (or worker) and returns a function that processes one document.
 * `onCleaned` receives the clean-only output before extraction starts, so a page whose extraction runs over the time
 * budget can still be reported with its text and metadata.
 */
async function createProcessor(cfg: ProcessorConfig) {
  const { cleanDocument } = await import('../src/clean/clean-document.ts');
  mark('extract: clean modules loaded');
  const { createExtractor } = await import('../src/extract/extract.ts');
  mark('extract: extract modules loaded');
  const extractor = cfg.cleanOnly ? null : await createExtractor(cfg.configDir);
  mark('extract: knowledge base and lexicons loaded');
  return (body: Uint8Array, source: string, contentType: string | null, url: string | null, onCleaned?: (out: Record<string, unknown>) => void) => {
    assertTextInput(body, source);
    const clean = cleanDocument({ body, source, contentType, url, langHint: cfg.lang });
    mark('extract: document cleaned');
    if (extractor && onCleaned) onCleaned(toOutput(clean, null));
    const out = toOutput(clean, extractor ? extractor.extract(clean) : null);
    mark('extract: entities and events extracted');
    return out;
  };
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Fetches one page through the project's guarded HTTP client with the config folder's fetch.yaml: the same address
 * guard (no loopback or private addresses unless allowHosts says so), robots.txt, size caps and timeouts as ingest.
 */
async function fetchInput(url: string, configDir: string): Promise<{ body: Uint8Array; contentType: string | null; url: string }> {
  const [{ loadFetchConfig }, { createHttpClient }, { fetchPage }] = await Promise.all([
    import('../src/fetch/fetch-config.ts'), import('../src/fetch/http.ts'), import('../src/fetch/page.ts'),
  ]);
  const config = loadFetchConfig(configDir);
  const http = createHttpClient(config);
  try {
    const page = await fetchPage(http, url, config);
    return { body: page.body, contentType: page.contentType, url: page.finalUrl };
  } catch (err) {
    // The client's errors already name the URL and the reason (refused address, robots.txt, too large, timeout).
    if (err instanceof RadarError) throw new InputError(`cannot fetch: ${err.message}`, { cause: err });
    throw err;
  } finally {
    await http.close();
  }
}

/** Reads a path, URL or "-" into bytes; every failure is an InputError naming the input. */
async function readInput(spec: string, configDir: string): Promise<{ body: Uint8Array; contentType: string | null; url: string | null }> {
  if (spec === '-') return { body: await readStdin(), contentType: null, url: null };
  if (/^https?:\/\//i.test(spec)) return fetchInput(spec, configDir);
  try {
    return { body: await readFile(spec), contentType: null, url: null };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory (use --batch DIR)' : code ?? String(err);
    throw new InputError(`${spec}: cannot read: ${reason}`, { cause: err });
  }
}

/** A pool of extract workers running this file, with the batch's time budget and heap cap per page. */
function extractPool(cfg: ProcessorConfig, size: number, timeoutMs: number, warmUp: boolean): WorkerPool<Job, Record<string, unknown>> {
  return new WorkerPool<Job, Record<string, unknown>>({
    workerUrl: new URL(import.meta.url),
    workerData: { role: WORKER_ROLE, ...cfg, warmUp, timingOrigin: timingEnabled() ? performance.timeOrigin : null } satisfies WorkerConfig,
    size,
    taskTimeoutMs: timeoutMs,
    // This file is the worker's entry: from the TypeScript sources each worker registers tsx first.
    tsxApiUrl: workerTsxApiUrl(),
    maxOldGenerationSizeMb: MAX_HEAP_MB,
  });
}

/** One document, on one worker thread with the same time budget and heap cap as a page of --batch. */
async function runSingle(spec: string, cfg: ProcessorConfig, format: string, timeoutMs: number): Promise<number> {
  const name = spec === '-' ? 'stdin' : spec;
  const input = await readInput(spec, cfg.configDir);
  mark('extract: input read');
  if (input.body.length === 0 || !new TextDecoder().decode(input.body.subarray(0, 4096)).trim()) throw new InputError(`${name}: input is empty`);
  assertTextInput(input.body, name);
  const pool = extractPool(cfg, 1, timeoutMs, false);
  try {
    const outcome = await pool.run({ id: 0, payload: { source: spec, body: input.body, contentType: input.contentType, url: input.url } });
    if (!outcome.ok) {
      const budget = outcome.error.startsWith('over the ') ? ' (--timeout-ms sets the budget)' : '';
      throw new InputError(`${name}: clean/extract stopped: ${outcome.error.replace(/^InputError: /, '')}${budget}`);
    }
    process.stdout.write(`${format === 'jsonl' ? JSON.stringify(outcome.result) : JSON.stringify(outcome.result, null, 2)}\n`);
    return 0;
  } finally {
    await pool.close();
  }
}

async function listBatch(dir: string): Promise<Job[]> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new InputError(`${dir}: not a directory`);
    names = await readdir(dir, { recursive: true });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${dir}: cannot read directory: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  const jobs: Job[] = [];
  for (const name of names.sort()) {
    if (name.split(/[\\/]/).some((part) => part.startsWith('.'))) continue;
    const path = join(dir, name);
    if ((await stat(path)).isFile()) jobs.push({ source: path, path });
  }
  return jobs;
}


/** Waits for stdout to drain so a slow reader cannot make the batch buffer every result in memory. */
function writeLine(line: string): Promise<void> {
  return process.stdout.write(`${line}\n`) ? Promise.resolve() : new Promise((r) => process.stdout.once('drain', () => r()));
}

/** A progress bar on stderr when a person is watching; otherwise null (structured log lines report progress). */
async function createProgress(total: number): Promise<{ update(n: number): void; stop(): void } | null> {
  if (!process.stderr.isTTY) return null;
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ stream: process.stderr, format: 'extract [{bar}] {value}/{total} pages | {eta_formatted} left', hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (n) => bar.update(n), stop: () => bar.stop() };
}

async function runBatch(dir: string, cfg: ProcessorConfig, timeoutMs: number, workers: number): Promise<number> {
  const log = createLogger().child({ stage: 'extract' });
  const jobs = await listBatch(resolve(dir));
  if (!jobs.length) throw new InputError(`${dir}: no files to extract`);
  const size = Math.max(1, Math.min(workers, jobs.length));
  const pool = extractPool(cfg, size, timeoutMs, true);
  const progress = await createProgress(jobs.length);
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let maxMs = 0;
  let lastLog = Date.now();
  log.info({ count: jobs.length, workers: size, timeout_ms: timeoutMs }, 'batch started');
  await Promise.all(
    jobs.map(async (job, id) => {
      const outcome = await pool.run({ id, payload: job });
      maxMs = Math.max(maxMs, outcome.durationMs);
      done++;
      if (outcome.ok) await writeLine(JSON.stringify({ ...outcome.result, durationMs: outcome.durationMs }));
      else {
        failed++;
        log.warn({ source: job.source, error: outcome.error, duration_ms: outcome.durationMs }, 'page skipped');
        // Cleaned but not extracted in time: keep the text and metadata, and say extraction did not finish.
        const partial = outcome.partial ? { ...outcome.partial, source: job.source } : { source: job.source };
        await writeLine(JSON.stringify({ ...partial, error: outcome.partial ? `extraction ${outcome.error}` : outcome.error }));
      }
      progress?.update(done);
      if (!progress && Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log.info({ count: done, total: jobs.length, failed, pages_per_s: +(done / ((Date.now() - started) / 1000)).toFixed(2) }, 'batch progress');
      }
    }),
  );
  progress?.stop();
  await pool.close();
  const seconds = (Date.now() - started) / 1000;
  log.info({ count: done, failed, replaced_workers: pool.replaced, max_ms: maxMs, duration_ms: Math.round(seconds * 1000), pages_per_s: +(done / seconds).toFixed(2) }, 'batch finished');
  return 0;
}

/** Entry point for `radar extract`; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(USAGE, {
    args: argv,
    allowPositionals: true,
    options: {
      batch: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      config: { type: 'string' },
      'timeout-ms': { type: 'string' },
      workers: { type: 'string' },
      'clean-only': { type: 'boolean', default: false },
    },
  });
  const format = values.format ?? (values.batch ? 'jsonl' : 'json');
  if (format !== 'json' && format !== 'jsonl') throw new InputError(`--format ${format}: expected json or jsonl`);
  if (values.lang && !/^[a-z]{2}$/i.test(values.lang)) throw new InputError(`--lang ${values.lang}: expected an ISO 639-1 code such as "es"`);
  const cfg = { configDir: resolveConfigDir(values.config), lang: values.lang?.toLowerCase() ?? null, cleanOnly: values['clean-only'] ?? false };
  const positiveInt = (name: string, raw: string | undefined, dflt: number) => {
    if (raw === undefined) return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new InputError(`--${name} ${raw}: expected a positive integer`);
    return n;
  };
  const timeoutMs = positiveInt('timeout-ms', values['timeout-ms'], DEFAULT_TIMEOUT_MS);
  if (values.batch) {
    if (positionals.length) throw new InputError(`unexpected argument "${positionals[0]}" with --batch\n${USAGE}`);
    return runBatch(values.batch, cfg, timeoutMs, positiveInt('workers', values.workers, availableParallelism()));
  }
  const [spec, extra] = positionals;
  if (!spec) throw new InputError(`missing input: give a file path, a URL or "-" for stdin\n${USAGE}`);
  if (extra) throw new InputError(`unexpected argument "${extra}": give one input, or --batch DIR\n${USAGE}`);
  return runSingle(spec, cfg, format, timeoutMs);
}

/** Worker side: load once, answer 'ready', then clean + extract one document per message. */
async function runWorker(cfg: WorkerConfig): Promise<void> {
  const port = parentPort!;
  if (cfg.timingOrigin !== null) enableTiming({ originMs: cfg.timingOrigin, thread: 'worker' });
  const processOne = await createProcessor(cfg);
  if (cfg.warmUp) {
    // Loading jsdom and compromise (on first use otherwise), jsdom's first window and the JIT make the first page
    // several times slower; keep that off the time budget. The sentence carries an English event trigger.
    const { preloadDomLibraries } = await import('../src/clean/html-clean.ts');
    preloadDomLibraries();
    processOne(new TextEncoder().encode(WARM_UP_HTML), 'warm-up.html', null, null);
  }
  port.on('message', async (msg: { id: number; payload: Job }) => {
    let reply: WorkerMessage<Record<string, unknown>>;
    try {
      const job = msg.payload;
      const body = job.body ?? (await readFile(job.path!));
      const onCleaned = (result: Record<string, unknown>) => port.postMessage({ kind: 'partial', id: msg.id, result } satisfies WorkerMessage<Record<string, unknown>>);
      reply = { kind: 'done', id: msg.id, ok: true, result: processOne(body, job.source, job.contentType ?? null, job.url ?? null, onCleaned) };
    } catch (err) {
      reply = { kind: 'done', id: msg.id, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage<never>);
}

if (!isMainThread && (workerData as WorkerConfig | undefined)?.role === WORKER_ROLE) await runWorker(workerData as WorkerConfig);
