// The ingest cycle end to end against a real loopback HTTP server and a real database (PGlite, or Postgres when
// DATABASE_URL is set): storing once, 304s, Retry-After, the error budget, HTML instead of a feed, legacy charsets,
// overlapping cycles, and interruption at every point of a cycle followed by a clean re-run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import { fetchConfigFrom, type FetchConfig } from '../../../src/fetch/fetch-config.ts';
import { createHttpClient, type HttpClient } from '../../../src/fetch/http.ts';
import { lazyProcessPage, runIngestCycle, type IngestContext } from '../../../src/ingest/cycle.ts';
import type { ProcessPage } from '../../../src/ingest/process-page.ts';
import { storeArticle } from '../../../src/store/store-article.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { body, conditional, startTestServer, status, type TestServer } from '../../helpers/http-server.ts';
import { articleTexts, atom, rss, wrapArticle } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let config: FetchConfig;
let http: HttpClient;
let processPage: ProcessPage;
const tmp = mkdtempSync(join(tmpdir(), 'radar-ingest-'));

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer();
  config = fetchConfigFrom({
    allowHosts: [server.hostPort],
    politeness: { perHostConcurrency: 4, perHostDelayMs: 0, globalConcurrency: 8, respectRobots: true, robotsCacheMinutes: 60 },
    errorBudget: { maxConsecutiveFailures: 2, backoffBaseMinutes: 15, backoffCapHours: 24 },
    // Generous: the first page loads the knowledge base, which blocks the event loop for seconds on a busy machine.
    timeouts: { connectMs: 30_000, headersMs: 30_000, idleMs: 30_000, totalMs: 60_000 },
  });
  http = createHttpClient(config);
  processPage = lazyProcessPage(DEFAULT_CONFIG_DIR);
});
afterAll(async () => {
  await http?.close();
  await server?.close();
  await database?.destroy();
});

let fileNo = 0;
/** Runs one forced cycle over the given feed paths on the test server. */
async function cycle(paths: string[], extra: Partial<IngestContext> = {}) {
  const file = join(tmp, `feeds-${fileNo++}.yaml`);
  writeFileSync(file, `feeds:\n${paths.map((p) => `  - url: "${server.origin}${p}"\n`).join('')}`);
  return runIngestCycle({ database, configDir: DEFAULT_CONFIG_DIR, fetchConfig: config, http, processPage, feedsFile: file, force: true, ...extra });
}

const count = async (query: ReturnType<typeof sql>) => Number((await database.rows<{ n: number | string }>(query))[0]?.n ?? 0);
const feedRow = async (path: string) =>
  (await database.rows<{ etag: string | null; error_count: number; paused: boolean; last_error: string | null; next_check_at: string; title: string | null; last_status: number | null }>(
    sql`select etag, error_count, paused, last_error, next_check_at, title, last_status from feeds where url = ${server.origin + path}`,
  ))[0]!;

describe('ingest cycle', () => {
  const texts = articleTexts();

  beforeAll(() => {
    texts.forEach((t, i) => {
      const page = wrapArticle(t.text, { canonical: `${server.origin}/news/${i}`, lang: t.lang });
      server.on(`/news/${i}`, body(page.html));
    });
    const items = texts.flatMap((t, i) => [
      { title: wrapArticle(t.text).title, link: `${server.origin}/news/${i}`, guid: `http://127.0.0.1:${server.port}/news/${i}` },
    ]);
    // The same stories again under tracking parameters, in a second feed with https-less GUIDs: stored once.
    const again = texts.map((t, i) => ({ title: wrapArticle(t.text).title, link: `${server.origin}/news/${i}?utm_source=rss&utm_medium=feed` }));
    server.on('/feed-a.xml', conditional(rss('Feed A', items), { etag: '"a1"', contentType: 'application/rss+xml' }));
    server.on('/feed-b.xml', body(rss('Feed B', again), { contentType: 'application/rss+xml' }));
  });

  it('stores each article once across two feeds and two URLs, and records the run', async () => {
    const first = await cycle(['/feed-a.xml', '/feed-b.xml']);
    expect(first.ran).toBe(true);
    expect(first.counts.feedsFetched).toBe(2);
    expect(first.counts.articlesNew).toBe(texts.length);
    expect(await count(sql`select count(*) as n from articles where canonical_url like ${server.origin + '/news/%'}`)).toBe(texts.length);
    const run = (await database.rows<{ status: string; counts: Record<string, number> }>(sql`select status, counts from runs where id = ${first.runId}`))[0]!;
    expect(run.status).toBe('ok');
    expect(run.counts.articlesNew).toBe(texts.length);
    expect((await feedRow('/feed-a.xml')).etag).toBe('"a1"');
  });

  it('answers an unchanged feed with a 304 and refetches no page', async () => {
    const pageHits = server.hits('/news/0');
    const again = await cycle(['/feed-a.xml']);
    expect(again.counts.feedsNotModified).toBe(1);
    expect(again.counts.feedsFetched).toBe(0);
    expect(server.hits('/news/0')).toBe(pageHits);
    expect(server.requests.filter((r) => r.path === '/feed-a.xml').at(-1)?.headers['if-none-match']).toBe('"a1"');
  });

  it('does not refetch known pages from a re-served feed, but refetches an item whose <updated> is newer', async () => {
    const pageHits = server.hits('/news/0');
    const known = await cycle(['/feed-b.xml']);
    expect(known.counts.itemsKnown).toBe(texts.length);
    expect(server.hits('/news/0')).toBe(pageHits);
    const future = new Date(Date.now() + 3600_000).toISOString();
    server.on('/feed-atom.xml', body(atom('Atom', [{ id: 'urn:x:0', title: 'updated story', link: `${server.origin}/news/0`, updated: future }]), { contentType: 'application/atom+xml' }));
    const updated = await cycle(['/feed-atom.xml']);
    expect(server.hits('/news/0')).toBe(pageHits + 1);
    expect(updated.counts.articlesNew).toBe(0);
    expect(updated.counts.articlesUnchanged + updated.counts.articlesUpdated).toBe(1);
    expect(await count(sql`select count(*) as n from articles`)).toBe(texts.length);
  });

  it('reschedules a 429 with Retry-After without spending the error budget', async () => {
    server.on('/busy.xml', status(429, '3600'));
    const before = Date.now();
    const res = await cycle(['/busy.xml']);
    expect(res.counts.feedsRateLimited).toBe(1);
    expect(res.counts.feedsFailed).toBe(0);
    const row = await feedRow('/busy.xml');
    expect(row.error_count).toBe(0);
    expect(row.last_status).toBe(429);
    expect(new Date(row.next_check_at).getTime()).toBeGreaterThanOrEqual(before + 3600_000 - 5000);
  });

  it('backs off a failing feed and pauses it over budget with its last error visible', async () => {
    server.on('/broken.xml', status(500));
    const one = await cycle(['/broken.xml']);
    expect(one.counts.feedsFailed).toBe(1);
    let row = await feedRow('/broken.xml');
    expect(row.error_count).toBe(1);
    expect(row.paused).toBe(false);
    expect(new Date(row.next_check_at).getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
    await cycle(['/broken.xml']);
    row = await feedRow('/broken.xml');
    expect(row.paused).toBe(true);
    expect(row.last_error).toMatch(/paused after 2 consecutive failures; last: .*broken\.xml: HTTP 500/);
    const hits = server.hits('/broken.xml');
    const third = await cycle(['/broken.xml']);
    expect(third.counts.feedsDue).toBe(0);
    expect(server.hits('/broken.xml')).toBe(hits);
  });

  it('records HTML served in place of a feed, with the advertised feed, and carries on', async () => {
    server.on('/page.html', body('<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed-a.xml"></head><body>hi</body></html>'));
    const res = await cycle(['/page.html', '/feed-a.xml']);
    expect(res.counts.feedsFailed).toBe(1);
    expect(res.counts.feedsNotModified).toBe(1);
    expect((await feedRow('/page.html')).last_error).toContain(`not a feed; the page advertises ${server.origin}/feed-a.xml`);
  });

  it('decodes a windows-1251 feed served with its charset header', async () => {
    const xml = '<?xml version="1.0"?><rss version="2.0"><channel><title>Новости технологий</title><item><title>Заголовок</title><link>/nope</link></item></channel></rss>';
    server.on('/cp1251.xml', body(new TextEncoderCp1251().encode(xml), { contentType: 'application/rss+xml; charset=windows-1251' }));
    await cycle(['/cp1251.xml']);
    expect((await feedRow('/cp1251.xml')).title).toBe('Новости технологий');
  });

  it('refuses to run two cycles at once; the second says so', async () => {
    const [a, b] = await Promise.all([cycle(['/feed-a.xml']), cycle(['/feed-a.xml'])]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect((a.ran ? b : a).reason).toMatch(/another ingest cycle is running/);
  });
});

describe('interrupted cycles', () => {
  it('leaves no duplicate and no missing article when aborted at any point and run again', async () => {
    const texts = articleTexts();
    const n = texts.length;
    for (let stopAt = 0; stopAt <= n; stopAt++) {
      const prefix = `/crash${stopAt}`;
      texts.forEach((t, i) => server.on(`${prefix}/a/${i}`, body(wrapArticle(`${t.text}\n\nEdition ${stopAt}.`, { lang: t.lang }).html)));
      server.on(`${prefix}/feed.xml`, conditional(rss('Crash', texts.map((t, i) => ({ title: `t${i}`, link: `${server.origin}${prefix}/a/${i}` }))), { etag: `"c${stopAt}"` }));
      const controller = new AbortController();
      let stored = 0;
      // Abort right after the stopAt-th article is stored (stopAt = 0: before any store commits).
      const store: typeof storeArticle = async (db, input) => {
        if (stored >= stopAt) controller.abort(new Error('killed'));
        controller.signal.throwIfAborted();
        const result = await storeArticle(db, input);
        stored++;
        if (stored >= stopAt) controller.abort(new Error('killed'));
        return result;
      };
      const interrupted = await cycle([`${prefix}/feed.xml`], { signal: controller.signal, store });
      expect(interrupted.aborted || stored === n).toBe(true);
      // Unless every item was handled, the feed's validators were not saved: the next cycle reads the whole feed again.
      const rerun = await cycle([`${prefix}/feed.xml`]);
      expect(rerun.counts.feedsFetched + rerun.counts.feedsNotModified).toBe(1);
      if (stored < n) expect(rerun.counts.feedsFetched, `stopAt=${stopAt}`).toBe(1);
      const rows = await database.rows<{ canonical_url: string; n: number | string }>(
        sql`select canonical_url, count(*) as n from articles where canonical_url like ${server.origin + prefix + '/%'} group by canonical_url`,
      );
      expect(rows.length, `stopAt=${stopAt}`).toBe(n);
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    }
  });
});

/** windows-1251 encoder for the Cyrillic block (enough for the fixture). */
class TextEncoderCp1251 {
  encode(s: string): Uint8Array {
    return new Uint8Array([...s].map((ch) => {
      const c = ch.charCodeAt(0);
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (c === 0x401) return 0xa8;
      if (c === 0x451) return 0xb8;
      return 0x3f;
    }));
  }
}

describe.skipIf(!process.env.DATABASE_URL)('cycle lock across processes (Postgres)', () => {
  it('refuses a cycle while another connection pool holds the advisory lock', async () => {
    const { openDatabase } = await import('../../../src/db/client.ts');
    const { tryAcquireCycleLock } = await import('../../../src/ingest/cycle-lock.ts');
    const other = await openDatabase({ databaseUrl: database.url!, migrate: false, maxConnections: 2 });
    try {
      const release = await tryAcquireCycleLock(other);
      expect(release).not.toBeNull();
      const blocked = await cycle(['/feed-a.xml']);
      expect(blocked.ran).toBe(false);
      await release!();
      expect((await cycle(['/feed-a.xml'])).ran).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('startScheduler', () => {
  it('runs cycles until its signal aborts, then resolves', async () => {
    const { startScheduler } = await import('../../../src/ingest/scheduler.ts');
    const file = join(tmp, 'sched.yaml');
    writeFileSync(file, `feeds:\n  - url: "${server.origin}/feed-a.xml"\n`);
    const controller = new AbortController();
    const summaries: boolean[] = [];
    await startScheduler(
      { database, configDir: DEFAULT_CONFIG_DIR, fetchConfig: config, http, processPage, feedsFile: file, force: true, signal: controller.signal },
      { minSleepMs: 1, maxSleepMs: 5, onCycle: (s) => { summaries.push(s.ran); if (summaries.length === 2) controller.abort(); } },
    );
    expect(summaries).toEqual([true, true]);
  });
});
