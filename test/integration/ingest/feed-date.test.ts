// The feed item's date reaches the store: a page without a date of its own is dated by its feed item (a real loopback
// server, the real cleaner, a real database), and a page with neither stays undated instead of taking the fetch time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import { fetchConfigFrom, type FetchConfig } from '../../../src/fetch/fetch-config.ts';
import { createHttpClient, type HttpClient } from '../../../src/fetch/http.ts';
import { runIngestCycle } from '../../../src/ingest/cycle.ts';
import { inlineProcessPage } from '../../../src/ingest/process-page.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { body, startTestServer, type TestServer } from '../../helpers/http-server.ts';

let database: TestDatabase;
let server: TestServer;
let http: HttpClient;
let config: FetchConfig;
const tmp = mkdtempSync(join(tmpdir(), 'radar-feed-date-'));

const page = (title: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><article><h1>${title}</h1><p>${title}. ${'The company said it would add staff to its research team over the coming months, according to a statement. '.repeat(6)}</p></article></main></body></html>`;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer();
  config = fetchConfigFrom({ allowHosts: [server.hostPort], politeness: { perHostConcurrency: 2, perHostDelayMs: 0, globalConcurrency: 4, respectRobots: false, robotsCacheMinutes: 60 } });
  http = createHttpClient(config);
});
afterAll(async () => {
  await http?.close();
  await server?.close();
  await database?.destroy();
});

describe('feed dates in ingest', () => {
  it('dates an undated page by its feed item, and leaves a page with neither date undated', async () => {
    server.on('/old', body(page('An archive story')));
    server.on('/none', body(page('A story with no date anywhere')));
    server.on('/feed.xml', body(`<?xml version="1.0"?><rss version="2.0"><channel><title>Archive</title>
      <item><title>Old</title><link>${server.origin}/old</link><pubDate>Mon, 19 Oct 1987 14:00:00 GMT</pubDate></item>
      <item><title>None</title><link>${server.origin}/none</link></item></channel></rss>`, { contentType: 'application/rss+xml' }));
    const file = join(tmp, 'feeds.yaml');
    writeFileSync(file, `feeds:\n  - url: "${server.origin}/feed.xml"\n`);
    const noEvents = { extract: () => ({ entities: [], exportControls: [], events: [] }) };
    const result = await runIngestCycle({
      database, configDir: DEFAULT_CONFIG_DIR, fetchConfig: config, http,
      processPage: inlineProcessPage(noEvents), feedsFile: file, force: true,
    });
    expect(result.counts.articlesNew).toBe(2);
    const rows = await database.rows<{ url: string; published: string | null; date_source: string }>(
      sql`select canonical_url as url, to_char(published_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as published, date_source from articles order by canonical_url`,
    );
    expect(rows.map((r) => [new URL(r.url).pathname, r.published, r.date_source])).toEqual([['/none', null, 'undated'], ['/old', '1987-10-19 14:00', 'feed']]);
  });
});
