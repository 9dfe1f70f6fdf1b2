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
  /** RSS change from 10% to 100% of the batch, per 1,000 pages. */
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
    const at10 = at(0.1);
    const at100 = samples[samples.length - 1]?.rssMb ?? NaN;
    return {
      pages: count, seconds: round(seconds, 0), pagesPerSec: round(count / seconds),
      rssMb: { at10, at50: at(0.5), at100, peak: Math.max(...samples.map((s) => s.rssMb)) },
      growthMbPer1000Pages: round(((at100 - at10) / (0.9 * count)) * 1000, 1),
      // Keep the JSON short: about 20 evenly spaced samples.
      samples: samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 20)) === 0),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
