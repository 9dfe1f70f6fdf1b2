// The human-readable form of the benchmark result: one aligned table per section on stdout.
import type { CleanRunResult } from './clean-run.ts';
import type { IngestBenchResult } from './ingest.ts';
import type { MemoryBenchResult } from './memory.ts';
import type { NlpResult } from './nlp.ts';
import type { ReviewBenchResult } from './review.ts';
import type { StartupBenchResult } from './startup.ts';
import type { StoreBenchResult } from './store.ts';

function table(title: string, head: string[], rows: Array<Array<string | number>>): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [`\n${title}`, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const n = (x: number | undefined, digits = 2) => (x === undefined || Number.isNaN(x) ? '-' : x.toLocaleString('en-US', { maximumFractionDigits: digits }));

/** Prints every section present in `r` (the object `--json` prints). */
export function printTable(r: Record<string, any>): void {
  const m = r.machine;
  const out: string[] = [`Hiring Radar benchmark: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}; load average ${m.loadAvgStart.join(' ')} at start, ${m.loadAvgEnd.join(' ')} at end; ${r.pages} corpus pages`];
  if (r.clean) {
    const c = r.clean as { naive: CleanRunResult; pipeline: CleanRunResult; rounds: number[] };
    const row = (label: string, x: CleanRunResult) => [label, x.workers, n(x.articlesPerSec), n(x.mbPerSec), n(x.p50Ms, 0), n(x.p95Ms, 0), n(x.peakRssMb, 0), n(x.cpuMsPerArticle, 0), n(x.zyte.f1, 4), x.failed];
    out.push(table('Clean + extract throughput (same pages, same run)', ['path', 'threads', 'articles/s', 'MB/s', 'p50 ms', 'p95 ms', 'peak RSS MiB', 'CPU ms/article', 'Zyte F1', 'failed'], [
      row('naive: new JSDOM + Readability, 1 thread', c.naive),
      row('pipeline: clean + extract, worker threads', c.pipeline),
    ]));
    if (r.clean.stages) out.push(`one thread, CPU per page over ${r.clean.stages.pages} pages: clean ${r.clean.stages.cleanCpuMs} ms, extract ${r.clean.stages.extractCpuMs} ms (naive jsdom + Readability: ${n(c.naive.cpuMsPerArticle, 0)} ms)`);
    out.push(`speedup ${n(r.speedup)}x (rounds: ${c.rounds.join(', ')}); Zyte F1 ${n(c.pipeline.zyte.f1, 4)} vs ${n(c.naive.zyte.f1, 4)} (${r.f1Delta >= 0 ? '+' : ''}${n(r.f1Delta, 4)}) on ${c.naive.zyte.pages} Zyte pages`);
  }
  if (r.nlp) {
    const x = r.nlp as NlpResult;
    out.push(table(`Entities on a ${x.words}-word English article`, ['stage', 'ms per 5,000 words', 'words/s'], [
      ['knowledge-base matching (gazetteer)', n(x.kbMsPer5000Words, 1), n(x.kbWordsPerSec, 0)],
      ['NER (recognizeNames)', n(x.nerMsPer5000Words, 1), n(x.nerWordsPerSec, 0)],
      ['whole extract stage', n(x.extractMsPer5000Words, 1), n(x.extractWordsPerSec, 0)],
    ]));
    out.push(table('Extract pipeline components, same article', ['component', 'ms per 5,000 words'],
      Object.entries(x.componentMsPer5000Words).map(([name, ms]) => [name, n(ms, 1)])));
  }
  if (r.store) {
    const rows = Object.values(r.store as Record<string, StoreBenchResult>).map((x) => [x.engine, x.articles, n(x.articlesPerSec, 1), n(x.eventsPerSec, 1), x.newEvents]);
    out.push(table('Storage (storeArticle, 4 at a time)', ['database', 'articles', 'articles/s', 'event links/s', 'new events'], rows));
  }
  if (r.ingest) {
    // On Postgres the server's own CPU is not in "CPU ms/article" (it is another process): compare articles/s there.
    const rows = Object.values(r.ingest as Record<string, IngestBenchResult>).map((x) => [
      x.engine, x.feeds, x.articles, x.stored, x.failed, x.workers, n(x.seconds, 1), n(x.articlesPerSec), n(x.articlesPerDay, 0), n(x.cpuMsPerArticle, 0), n(x.cpuBoundArticlesPerSec),
    ]);
    out.push(table('End-to-end ingest cycle from a loopback server', ['database', 'feeds', 'articles', 'stored', 'failed', 'threads', 'seconds', 'articles/s', 'articles/day', 'radar CPU ms/article', 'CPU-bound articles/s'], rows));
  }
  if (r.review) {
    const rows = Object.values(r.review as Record<string, ReviewBenchResult>).flatMap((x) => x.paths.map((p) => [x.engine, x.events, p.path, n(p.p50Ms, 1), n(p.p95Ms, 1)]));
    out.push(table('Review queue (signed in, server-side render)', ['database', 'events', 'path', 'p50 ms', 'p95 ms'], rows));
  }
  if (r.memory) {
    const x = r.memory as MemoryBenchResult;
    out.push(table(`Memory: radar extract --batch over ${x.pages} pages (${n(x.pagesPerSec)} pages/s)`, ['RSS MiB at 10%', 'at 50%', 'at 100%', 'peak', 'slope MiB / 1,000 pages'], [
      [x.rssMb.at10, x.rssMb.at50, x.rssMb.at100, x.rssMb.peak, n(x.growthMbPer1000Pages, 1)],
    ]));
    if (x.deciles) out.push(table('RSS by tenth of the batch (MiB)', ['pages', 'mean', 'min', 'max'], x.deciles.map((d) => [d.pages, d.meanMb, d.minMb, d.maxMb])));
  }
  if (r.startup) {
    const x = r.startup as StartupBenchResult;
    out.push(table(`Start-up (median of ${x.rounds} runs from ${x.runsFrom}; node -e 0 = ${x.nodeMs} ms)`, ['command', 'wall ms', 'x node -e 0', 'goal'],
      x.scenarios.map((s) => [s.command, s.wallMs, n(s.ratio, 1), s.goal ?? ''])));
    out.push(`first feed request ${x.firstFeedRequestMs} ms after radar ingest started (goal: within 3,000 ms)`);
    for (const s of x.scenarios) out.push(table(`phases of ${s.command} (--debug-timing, median ms)`, ['phase', 'ms'], s.phases.map((p) => [p.phase, n(p.ms, 1)])));
  }
  for (const s of r.skipped as string[]) out.push(`\nnote: ${s}`);
  for (const e of (r.errors ?? []) as string[]) out.push(`\nFAILED: ${e}`);
  console.log(out.join('\n'));
}
