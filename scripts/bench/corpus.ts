// The benchmark's pages: the Zyte article-extraction benchmark (with its true article bodies, for F1) and the
// Readability test pages, read from ../shared/corpus when it is there. Pages are chosen evenly over the whole set so
// a short run (--pages N) still mixes both sources.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface BenchPage {
  name: string;
  source: 'zyte' | 'readability';
  html: Buffer;
  /** The true article body (Zyte pages only). */
  truth: string | null;
  /** The page's URL when the benchmark records it. */
  url: string | null;
}

/** ../shared/corpus next to the checkout, or BENCH_CORPUS_DIR. */
export function corpusDir(projectDir: string): string {
  return resolve(process.env.BENCH_CORPUS_DIR ?? join(projectDir, '..', 'shared', 'corpus'));
}

const ZYTE = 'extraction/zyte-article-extraction-benchmark';
const READABILITY = 'readability-test-pages/pages';

/** True when both page sets are present. */
export function hasCorpus(dir: string): boolean {
  return existsSync(join(dir, ZYTE, 'ground-truth.json')) && existsSync(join(dir, READABILITY));
}

/** Every page (311 with the full corpus), or `limit` of them spread evenly; Zyte pages first in each stride. */
export function loadPages(dir: string, limit?: number): BenchPage[] {
  const truth = JSON.parse(readFileSync(join(dir, ZYTE, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url?: string }>;
  const all: Array<() => BenchPage> = [];
  for (const key of Object.keys(truth).sort()) {
    const t = truth[key]!;
    all.push(() => ({ name: `zyte/${key}`, source: 'zyte', html: gunzipSync(readFileSync(join(dir, ZYTE, 'html', `${key}.html.gz`))), truth: t.articleBody, url: t.url ?? null }));
  }
  for (const name of readdirSync(join(dir, READABILITY)).sort()) {
    const file = join(dir, READABILITY, name, 'source.html.gz');
    if (existsSync(file)) all.push(() => ({ name: `readability/${name}`, source: 'readability', html: gunzipSync(readFileSync(file)), truth: null, url: null }));
  }
  const n = Math.min(limit ?? all.length, all.length);
  const step = all.length / n;
  return Array.from({ length: n }, (_, i) => all[Math.floor(i * step)]!());
}
