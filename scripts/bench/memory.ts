// Memory over a long batch: `radar extract --batch` over a folder of `count` pages (the corpus pages repeated, as
// symlinks), with the process's resident set size (main thread + workers) sampled every second. Flat means the RSS
// at the end is about what it was early on, not growing with the number of pages.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchPage } from './corpus.ts';
import { round } from './stats.ts';

export interface MemoryBenchResult {
  pages: number;
  seconds: number;
  pagesPerSec: number;
  /** RSS (MiB) after 10%, 50% and 100% of the pages, and the highest sample. */
  rssMb: { at10: number; at50: number; at100: number; peak: number };
  /** Mean, lowest and highest RSS sample in each tenth of the batch: V8's heaps make RSS a sawtooth, a leak a slope. */
  deciles: Array<{ pages: string; meanMb: number; minMb: number; maxMb: number }>;
  /** Least-squares slope of RSS over pages after the first 10% (warm-up), per 1,000 pages. */
  growthMbPer1000Pages: number;
  samples: Array<{ pages: number; rssMb: number }>;
}

function rssMbOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024, 0) : null;
  } catch {
    return null;
  }
}

/** Least-squares slope of rssMb over pages. */
function slope(xs: Array<{ pages: number; rssMb: number }>): number {
  if (xs.length < 2) return NaN;
  const mx = xs.reduce((a, s) => a + s.pages, 0) / xs.length;
  const my = xs.reduce((a, s) => a + s.rssMb, 0) / xs.length;
  const den = xs.reduce((a, s) => a + (s.pages - mx) ** 2, 0);
  return den ? xs.reduce((a, s) => a + (s.pages - mx) * (s.rssMb - my), 0) / den : NaN;
}

/** Runs the batch and samples its RSS; `log` receives progress lines. */
export async function benchMemory(projectDir: string, pages: BenchPage[], count: number, log: (msg: string) => void): Promise<MemoryBenchResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'radar-bench-mem-'));
  try {
    const srcDir = join(tmp, 'src');
    const batchDir = join(tmp, 'batch');
    mkdirSync(srcDir);
    mkdirSync(batchDir);
    pages.forEach((p, i) => writeFileSync(join(srcDir, `${i}.html`), p.html));
    for (let i = 0; i < count; i++) symlinkSync(join(srcDir, `${i % pages.length}.html`), join(batchDir, `${String(i).padStart(6, '0')}.html`));
    const child = spawn(process.execPath, [join(projectDir, 'bin', 'radar.js'), 'extract', '--batch', batchDir], { cwd: projectDir, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, LOG_LEVEL: 'warn' } });
    let done = 0;
    createInterface({ input: child.stdout! }).on('line', () => void done++);
    const samples: MemoryBenchResult['samples'] = [];
    const started = performance.now();
    let lastLog = 0;
    const timer = setInterval(() => {
      const rss = rssMbOf(child.pid!);
      if (rss !== null) samples.push({ pages: done, rssMb: rss });
      if (performance.now() - lastLog > 60_000) {
        lastLog = performance.now();
        log(`memory: ${done}/${count} pages, RSS ${rss ?? '?'} MiB`);
      }
    }, 1000);
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    clearInterval(timer);
    if (code !== 0) throw new Error(`radar extract --batch exited with ${code}`);
    const seconds = (performance.now() - started) / 1000;
    const at = (share: number) => samples.find((s) => s.pages >= share * count)?.rssMb ?? samples[samples.length - 1]?.rssMb ?? NaN;
    const deciles = Array.from({ length: 10 }, (_, d) => {
      const lo = (d * count) / 10;
      const hi = ((d + 1) * count) / 10;
      const xs = samples.filter((s) => s.pages >= lo && (s.pages < hi || (d === 9 && s.pages <= hi))).map((s) => s.rssMb);
      return { pages: `${lo}-${hi}`, meanMb: xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, 0) : NaN, minMb: Math.min(...xs), maxMb: Math.max(...xs) };
    });
    return {
      pages: count, seconds: round(seconds, 0), pagesPerSec: round(count / seconds),
      rssMb: { at10: at(0.1), at50: at(0.5), at100: samples[samples.length - 1]?.rssMb ?? NaN, peak: Math.max(...samples.map((s) => s.rssMb)) },
      deciles,
      growthMbPer1000Pages: round(slope(samples.filter((s) => s.pages >= count / 10)) * 1000, 1),
      // Keep the JSON short: about 50 evenly spaced samples.
      samples: samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 50)) === 0),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
