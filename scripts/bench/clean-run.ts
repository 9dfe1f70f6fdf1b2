// One side of the clean+extract comparison, run in its own child process so that its peak RSS is its own:
//   naive     the single-thread loop `new JSDOM(html)` + Readability (with window.close() and a yield per page, without
//             which jsdom holds every window and the loop runs out of memory; PERFORMANCE.md §1);
//   pipeline  the real clean + extract path (src/workers/page-pool.ts: long-lived worker threads, one per core);
//   stages    the same two stages timed apart on one thread (CPU ms per page), to show where the pipeline's time goes.
// Usage: tsx scripts/bench/clean-run.ts naive|pipeline|stages PAGES WORKERS; prints one JSON object on stdout.
import { resolve } from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { createPagePool } from '../../src/workers/page-pool.ts';
import { corpusDir, loadPages, type BenchPage } from './corpus.ts';
import { zyteF1, type F1Score } from './shingle-f1.ts';
import { mapLimit, peakRssMb, quantile, round } from './stats.ts';

export interface CleanRunResult {
  mode: 'naive' | 'pipeline';
  pages: number;
  workers: number;
  seconds: number;
  articlesPerSec: number;
  mbPerSec: number;
  p50Ms: number;
  p95Ms: number;
  peakRssMb: number;
  /** CPU time of the whole process (every thread) per article: the load-independent cost. */
  cpuMsPerArticle: number;
  failed: number;
  zyte: F1Score;
}

const PROJECT_DIR = resolve(import.meta.dirname, '..', '..');
const pageUrl = (p: BenchPage) => p.url ?? `https://localhost/${p.name}.html`;
/** CPU milliseconds (user + system, all threads of the process) since `from`. */
const cpuMsSince = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
const tick = () => new Promise<void>((r) => setImmediate(r));

function summarise(mode: CleanRunResult['mode'], pages: BenchPage[], workers: number, ms: number, cpuMs: number, latencies: number[], texts: Array<string | null>): CleanRunResult {
  const bytes = pages.reduce((n, p) => n + p.html.length, 0);
  const pairs = pages.flatMap((p, i) => (p.truth === null ? [] : [{ truth: p.truth, predicted: texts[i] ?? '' }]));
  const f1 = zyteF1(pairs);
  return {
    mode, pages: pages.length, workers, seconds: round(ms / 1000, 1),
    articlesPerSec: round(pages.length / (ms / 1000)), mbPerSec: round(bytes / 1048576 / (ms / 1000)),
    p50Ms: round(quantile(latencies, 0.5), 0), p95Ms: round(quantile(latencies, 0.95), 0), peakRssMb: peakRssMb(), cpuMsPerArticle: round(cpuMs / pages.length, 0),
    failed: texts.filter((t) => t === null).length,
    zyte: { pages: f1.pages, precision: round(f1.precision, 4), recall: round(f1.recall, 4), f1: round(f1.f1, 4) },
  };
}

const quiet = new VirtualConsole();

/** The baseline: one thread, one fresh jsdom window per page, Readability's textContent as the text. */
async function runNaive(pages: BenchPage[]): Promise<CleanRunResult> {
  const one = (p: BenchPage): string | null => {
    let dom: JSDOM | null = null;
    try {
      dom = new JSDOM(p.html.toString('utf8'), { url: pageUrl(p), virtualConsole: quiet });
      return new Readability(dom.window.document).parse()?.textContent ?? '';
    } catch {
      return null; // jsdom 29 throws on some real pages' CSS (PERFORMANCE.md §1)
    } finally {
      dom?.window.close();
    }
  };
  for (const p of pages.slice(0, 3)) {
    one(p);
    await tick();
  }
  const latencies: number[] = [];
  const texts: Array<string | null> = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const p of pages) {
    const t = performance.now();
    texts.push(one(p));
    latencies.push(performance.now() - t);
    await tick();
  }
  return summarise('naive', pages, 1, performance.now() - started, cpuMsSince(cpu), latencies, texts);
}

/** The real path: clean + extract on the worker-thread pool, two pages per worker in flight (as ingest keeps it fed). */
async function runPipeline(pages: BenchPage[], workers: number): Promise<CleanRunResult> {
  let latencies: number[] = [];
  // Latency is each page's time on its worker; the queue wait of the second page in flight is not counted.
  const pool = createPagePool({ configDir: resolve(PROJECT_DIR, 'config'), size: workers, onPageDone: (ms) => latencies.push(ms) });
  try {
    const input = (p: BenchPage) => ({ body: new Uint8Array(p.html), url: pageUrl(p), finalUrl: pageUrl(p), contentType: null, langHint: null });
    // Waits for every worker to load and warm up, off the clock.
    await Promise.all(pages.slice(0, workers * 2).map((p) => pool(input(p)).catch(() => null)));
    latencies = [];
    const texts: Array<string | null> = new Array(pages.length).fill(null);
    const started = performance.now();
    const cpu = process.cpuUsage();
    await mapLimit(pages, workers * 2, async (p, i) => {
      try {
        texts[i] = (await pool(input(p))).clean.text;
      } catch {
        texts[i] = null;
      }
    });
    return summarise('pipeline', pages, workers, performance.now() - started, cpuMsSince(cpu), latencies, texts);
  } finally {
    await pool.close();
  }
}

export interface StageSplit {
  pages: number;
  /** CPU ms per page of cleanDocument (decode, DOM, Readability, metadata, language, sentences). */
  cleanCpuMs: number;
  /** CPU ms per page of the extract stage (entities, NER, export controls, events). */
  extractCpuMs: number;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Clean and extract timed apart on this thread (after a warm-up), CPU time per page. */
async function runStages(pages: BenchPage[]): Promise<StageSplit> {
  const { cleanDocument } = await import('../../src/clean/clean-document.ts');
  const extractor = await (await import('../../src/extract/extract.ts')).createExtractor(resolve(PROJECT_DIR, 'config'));
  const one = (p: BenchPage) => cleanDocument({ body: p.html, source: pageUrl(p), url: pageUrl(p) });
  for (const p of pages.slice(0, 5)) extractor.extract(one(p));
  let clean = 0;
  let extract = 0;
  for (const p of pages) {
    let t = cpuNow();
    const c = one(p);
    clean += cpuNow() - t;
    t = cpuNow();
    extractor.extract(c);
    extract += cpuNow() - t;
    await tick();
  }
  return { pages: pages.length, cleanCpuMs: round(clean / pages.length, 0), extractCpuMs: round(extract / pages.length, 0) };
}

async function main(): Promise<void> {
  const [mode, pagesArg, workersArg] = process.argv.slice(2);
  const pages = loadPages(corpusDir(PROJECT_DIR), pagesArg ? Number(pagesArg) : undefined);
  const result = mode === 'naive' ? await runNaive(pages) : mode === 'stages' ? await runStages(pages) : await runPipeline(pages, Math.max(1, Number(workersArg) || 1));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
