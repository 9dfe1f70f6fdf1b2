// End to end: one `radar ingest` cycle (runIngestCycle with the worker-thread page pool, as the command runs it)
// against a loopback HTTP server serving `feeds` RSS feeds whose items are the corpus pages, into a fresh embedded
// database. Politeness delays are off because every feed is on one host here; real crawls spread over many hosts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchConfigFrom } from '../../src/fetch/fetch-config.ts';
import { runIngestCycle } from '../../src/ingest/cycle.ts';
import { createPagePool } from '../../src/workers/page-pool.ts';
import { body, startTestServer } from '../../test/helpers/http-server.ts';
import type { BenchPage } from './corpus.ts';
import { round } from './stats.ts';
import { openBenchDatabase } from './store.ts';

export interface IngestBenchResult {
  engine: 'pglite' | 'postgres';
  feeds: number;
  articles: number;
  stored: number;
  failed: number;
  workers: number;
  seconds: number;
  articlesPerSec: number;
  articlesPerDay: number;
  /** CPU time of this process (fetch, store, workers) per stored article: what the cycle costs whatever the load. */
  cpuMsPerArticle: number;
  /** cores x 1000 / cpuMsPerArticle: the rate if every core did nothing else (an upper bound on an idle machine). */
  cpuBoundArticlesPerSec: number;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rss(title: string, links: string[]): string {
  const items = links.map((link, i) => `<item><title>Item ${i}</title><link>${escapeXml(link)}</link><guid>${escapeXml(link)}</guid><pubDate>Tue, 10 Jun 2025 09:00:00 GMT</pubDate></item>`);
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title><link>https://example.org/</link>\n${items.join('\n')}\n</channel></rss>`;
}

/** Serves the pages under `feeds` feeds and runs one forced ingest cycle over them; reports articles/s and per day. */
export async function benchIngest(engine: 'pglite' | 'postgres', pages: BenchPage[], feeds: number, workers: number, configDir: string): Promise<IngestBenchResult> {
  const server = await startTestServer();
  const { database, destroy } = await openBenchDatabase(engine);
  const pool = createPagePool({ configDir, size: workers, db: database.db });
  const tmp = mkdtempSync(join(tmpdir(), 'radar-bench-ingest-'));
  try {
    const links = pages.map((p, i) => {
      server.on(`/a/${i}.html`, body(p.html, { contentType: 'text/html' }));
      return `${server.origin}/a/${i}.html`;
    });
    const feedFile = join(tmp, 'feeds.yaml');
    const feedUrls = Array.from({ length: feeds }, (_, f) => {
      server.on(`/feed/${f}.xml`, body(rss(`Feed ${f}`, links.filter((_, i) => i % feeds === f)), { contentType: 'application/rss+xml' }));
      return `${server.origin}/feed/${f}.xml`;
    });
    writeFileSync(feedFile, `feeds:\n${feedUrls.map((u) => `  - { url: "${u}", language: en }\n`).join('')}`);
    const fetchConfig = fetchConfigFrom({
      allowHosts: [server.hostPort],
      politeness: { perHostConcurrency: 32, perHostDelayMs: 0, globalConcurrency: 32, respectRobots: false, robotsCacheMinutes: 60 },
      articles: { maxPerFeedPerCycle: 10_000, concurrency: 8 },
    });
    // Start and warm the workers off the clock, as a long-running `radar run` has them.
    const warm = pages.slice(0, workers * 2).map((p) => ({ body: new Uint8Array(p.html), url: 'https://localhost/warm', finalUrl: 'https://localhost/warm', contentType: null, langHint: null }));
    await Promise.all(warm.map((w) => pool(w).catch(() => null)));
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await runIngestCycle({ database, configDir, fetchConfig, feedsFile: feedFile, force: true, processPage: pool, feedConcurrency: 4 });
    const seconds = (performance.now() - started) / 1000;
    const cpuUsed = process.cpuUsage(cpu);
    const c = summary.counts;
    const stored = c.articlesNew + c.articlesUpdated + c.articlesUnchanged;
    const perSec = stored / seconds;
    const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000 / Math.max(1, stored);
    return {
      engine, feeds, articles: links.length, stored, failed: c.articlesFailed, workers, seconds: round(seconds, 1),
      articlesPerSec: round(perSec), articlesPerDay: Math.round(perSec * 86_400),
      cpuMsPerArticle: Math.round(cpuMs), cpuBoundArticlesPerSec: round((availableParallelism() * 1000) / cpuMs),
    };
  } finally {
    await pool.close();
    await server.close();
    await destroy();
    rmSync(tmp, { recursive: true, force: true });
  }
}
