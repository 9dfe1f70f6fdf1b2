// Ingest reliability against a real loopback server and a real database: one known-item query per feed however long
// the feed, a cap on items read per cycle, backoff for a page that always times out, a warning for a malformed feed,
// per-feed progress counts, and a plain "no network" summary when no feed host resolves.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import type { Database, Db } from '../../../src/db/client.ts';
import { feeds, pageFailures } from '../../../src/db/schema.ts';
import { fetchConfigFrom, type FetchConfig } from '../../../src/fetch/fetch-config.ts';
import { createHttpClient, type HttpClient } from '../../../src/fetch/http.ts';
import { formatSummary, runIngestCycle, type IngestContext } from '../../../src/ingest/cycle.ts';
import type { ProcessPage } from '../../../src/ingest/process-page.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { body, slow, startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { rss } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let config: FetchConfig;
let http: HttpClient;
const tmp = mkdtempSync(join(tmpdir(), 'radar-reliability-'));
// Pages are never processed in these tests (queue mode, or pages that fail): processing would be a sign of a bug.
const noProcessing: ProcessPage = async () => {
  throw new Error('no page should be processed here');
};

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer();
  config = fetchConfigFrom({
    allowHosts: [server.hostPort],
    politeness: { perHostConcurrency: 4, perHostDelayMs: 0, globalConcurrency: 8, respectRobots: true, robotsCacheMinutes: 60 },
    timeouts: { connectMs: 2000, headersMs: 1000, idleMs: 1000, totalMs: 1500 },
    errorBudget: { maxConsecutiveFailures: 8, backoffBaseMinutes: 15, backoffCapHours: 24 },
    articles: { maxPerFeedPerCycle: 5, maxItemsPerFeed: 300, maxPageFailures: 2, concurrency: 4 },
  });
  http = createHttpClient(config);
});
afterAll(async () => {
  await http?.close();
  await server?.close();
  await database?.destroy();
});

let fileNo = 0;
function feedsFile(urls: string[]): string {
  const file = join(tmp, `feeds-${fileNo++}.yaml`);
  writeFileSync(file, `feeds:\n${urls.map((u) => `  - url: "${u}"\n`).join('')}`);
  return file;
}
function cycle(urls: string[], extra: Partial<IngestContext> = {}) {
  return runIngestCycle({ database, configDir: DEFAULT_CONFIG_DIR, fetchConfig: config, http, processPage: noProcessing, feedsFile: feedsFile(urls), force: true, ...extra });
}

/** The database with every statement started through the drizzle handle counted (select, insert, update, delete, execute). */
function counting(db: Database): { database: Database; statements: () => number } {
  let n = 0;
  const counted = new Set(['select', 'insert', 'update', 'delete', 'execute', 'transaction']);
  const proxy = new Proxy(db.db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop === 'string' && counted.has(prop) && typeof value === 'function') {
        return (...args: unknown[]) => {
          n++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  }) as Db;
  return { database: { ...db, db: proxy }, statements: () => n };
}

const items = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({
  title: `${prefix} ${i}`, link: `${server.origin}/${prefix}/${i}`, guid: `urn:${prefix}:${i}`,
  pubDate: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toUTCString(),
}));

describe('a very long feed', () => {
  it('costs the same number of queries for 40 items as for 3,000, and reads at most maxItemsPerFeed of them', async () => {
    server.on('/short.xml', body(rss('Short', items('short', 40)), { contentType: 'application/rss+xml' }));
    server.on('/long.xml', body(rss('Long', items('long', 3000)), { contentType: 'application/rss+xml' }));
    const enqueue = async () => true;
    const short = counting(database);
    const a = await cycle([`${server.origin}/short.xml`], { database: short.database, enqueue });
    const long = counting(database);
    const b = await cycle([`${server.origin}/long.xml`], { database: long.database, enqueue });
    expect(a.counts.itemsSeen).toBe(40);
    expect(b.counts.itemsSeen).toBe(300);
    expect(b.counts.itemsOverCap).toBe(2700);
    expect(b.counts.articlesQueued).toBe(5);
    expect(long.statements()).toBe(short.statements());
    expect(formatSummary(b)).toContain('2700 items over the per-feed cap');
  });
});

describe('a page that always times out', () => {
  it('is retried with backoff instead of every cycle, and marked failed after maxPageFailures', async () => {
    server.on('/stuck.xml', body(rss('Stuck', [{ title: 'stuck', link: `${server.origin}/stuck/page`, guid: 'urn:stuck' }]), { contentType: 'application/rss+xml' }));
    server.on('/stuck/page', slow(60_000, body('never')));
    const url = `${server.origin}/stuck.xml`;
    const failure = async () => (await database.db.select().from(pageFailures).where(eq(pageFailures.url, `${server.origin}/stuck/page`)))[0];

    const first = await cycle([url]);
    expect(first.counts.articlesFailed).toBe(1);
    expect(server.hits('/stuck/page')).toBe(1);
    expect(await failure()).toMatchObject({ errorCount: 1, failedAt: null });
    expect((await failure())!.lastError).toMatch(/timed out|Timeout/);

    const second = await cycle([url]);
    expect(server.hits('/stuck/page')).toBe(1);
    expect(second.counts.articlesWaiting).toBe(1);
    expect(formatSummary(second)).toContain('1 waiting to retry');

    // A day later the backoff has passed: one more attempt, which reaches the budget.
    const later = new Date(Date.now() + 24 * 3600_000);
    const third = await cycle([url], { now: () => later });
    expect(server.hits('/stuck/page')).toBe(2);
    expect(third.counts.articlesMarkedFailed).toBe(1);
    const row = await failure();
    expect(row).toMatchObject({ errorCount: 2 });
    expect(row!.failedAt).toBeInstanceOf(Date);
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(later.getTime());
  });
});

describe('a malformed feed', () => {
  it('records a warning with the line where the XML breaks, and clears it once the feed is clean', async () => {
    const broken = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</title>\n' +
      `<item><title>One</title><link>${server.origin}/b/1</link></item>\n` +
      `<item><title>Two & three</title><link>${server.origin}/b/2</link></item>\n</channel></rss>`;
    server.on('/broken.xml', body(broken, { contentType: 'application/rss+xml' }));
    const url = `${server.origin}/broken.xml`;
    await cycle([url], { enqueue: async () => true });
    const [row] = await database.db.select().from(feeds).where(eq(feeds.url, url));
    expect(row!.errorCount).toBe(0);
    expect(row!.lastWarning).toMatch(/^parsed 2 items; the XML is broken at line 4: /);
    server.on('/broken.xml', body(rss('Fixed', [{ title: 'One', link: `${server.origin}/b/1` }]), { contentType: 'application/rss+xml' }));
    await cycle([url], { enqueue: async () => true });
    expect((await database.db.select().from(feeds).where(eq(feeds.url, url)))[0]!.lastWarning).toBeNull();
  });
});

describe('ingest output', () => {
  it('gives progress each feed\'s own counts, whose sum is the cycle\'s', async () => {
    server.on('/p1.xml', body(rss('P1', items('p1', 3)), { contentType: 'application/rss+xml' }));
    server.on('/p2.xml', body(rss('P2', items('p2', 2)), { contentType: 'application/rss+xml' }));
    for (const [p, n] of [['p1', 3], ['p2', 2]] as const) for (let i = 0; i < n; i++) server.on(`/${p}/${i}`, body(`<html><body><p>${p} ${i}</p></body></html>`));
    const seen: Array<{ url: string; newArticles: number }> = [];
    const progress = { start: () => {}, stop: () => {}, feedDone: (url: string, _o: string, c: { newArticles: number }) => void seen.push({ url, newArticles: c.newArticles }) };
    let stored = 0;
    const summary = await cycle([`${server.origin}/p1.xml`, `${server.origin}/p2.xml`], {
      progress,
      processPage: async () => ({}) as never,
      store: async () => ({ status: 'new', articleId: ++stored, events: 1, newEvents: 1 }) as never,
    });
    expect(summary.counts.articlesNew).toBe(5);
    expect(Object.fromEntries(seen.map((s) => [s.url.split('/').pop(), s.newArticles]))).toEqual({ 'p1.xml': 3, 'p2.xml': 2 });
    expect(formatSummary(summary)).toContain('events: 5 new, 5 article-event links');
  });

  it('says "no network" once when no feed host resolves, instead of one robots.txt failure per feed', async () => {
    const summary = await cycle(['http://feeds-one.radar-test.invalid/rss', 'https://feeds-two.radar-test.invalid/atom']);
    expect(summary.counts.feedsUnreachable).toBe(2);
    expect(formatSummary(summary)).toMatch(/^ingest: no network: 2 feeds could not be reached \(DNS lookup failed\); /);
    const rows = await database.rows<{ last_error: string }>(sql`select last_error from feeds where url like '%radar-test.invalid%'`);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.last_error).toMatch(/cannot reach feeds-(one|two)\.radar-test\.invalid: DNS lookup failed \(ENOTFOUND|EAI_AGAIN\)/);
      expect(r.last_error).not.toMatch(/robots/);
    }
  });
});
