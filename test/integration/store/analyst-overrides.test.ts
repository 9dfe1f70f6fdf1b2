// Analyst entity decisions reach extraction: an alias added in the review UI makes `radar reprocess` resolve the
// mention to that firm, a removed alias stops matching (even one from config/kb), a merge makes reprocess and new
// articles attribute the loser's events to the survivor with the analyst's status kept, and the ingest extractor
// picks a change up at its next warm() (one per cycle). Real knowledge base and extractor; both database engines.
import { resolve } from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CleanInput } from '../../../src/clean/clean-document.ts';
import { analystOverridesVersion, loadAnalystOverrides } from '../../../src/db/queries/analyst-overrides.ts';
import { addAlias, mergeEntities, removeAlias } from '../../../src/db/queries/entities.ts';
import { setEventStatus } from '../../../src/db/queries/events.ts';
import { articles, entities, eventArticles, events, mentions } from '../../../src/db/schema.ts';
import { createExtractor, type Extractor } from '../../../src/extract/extract.ts';
import { lazyProcessPage } from '../../../src/ingest/cycle.ts';
import { reprocessArticles } from '../../../src/store/reprocess-articles.ts';
import { storeArticle } from '../../../src/store/store-article.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { FILLER, cleanOf, inputOf, type ArticleSpec } from './build.ts';

const CONFIG_DIR = resolve(import.meta.dirname, '../../../config');

let database: TestDatabase;
let plain: Extractor;
beforeAll(async () => {
  database = await openTestDatabase();
  plain = await createExtractor(CONFIG_DIR);
}, 60_000);
afterAll(async () => {
  await database?.destroy();
});
beforeEach(async () => {
  await database.rows(sql`truncate articles, article_urls, entities, mentions, events, event_articles, review_actions, runs restart identity cascade`);
});

const article = (n: number, sentence: string): ArticleSpec => ({ url: `https://news.example.com/a-${n}`, text: `${sentence}${FILLER}`, publishedAt: `2026-02-0${n}T10:00:00Z` });
const ZORBLAX = article(1, 'Zorblax Robotics is hiring 200 engineers in Austin, the company said on Monday.');
const NVIDIA = article(2, 'Nvidia Corp is hiring 100 engineers in Austin.');
// A knowledge-base alias of Nvidia in another script: removing it must stop it matching, whatever else the KB holds.
const NVIDIA_ZH = article(3, '英伟达 is hiring 50 engineers in Austin.');
const BAIDU = article(4, 'Baidu will cut 500 jobs at its Beijing lab, the company said.');
const TENCENT = article(5, 'Tencent Holdings is hiring 300 engineers in Austin, the company said.');
const SPECS = [ZORBLAX, NVIDIA, NVIDIA_ZH, BAIDU, TENCENT];

/** Cleaner stand-in: the stored page maps back to its spec by URL (the real cleaner is tested elsewhere). */
const clean = (input: CleanInput) => cleanOf(SPECS.find((s) => s.url === input.source)!);

async function store(...specs: ArticleSpec[]): Promise<void> {
  for (const s of specs) await storeArticle(database, inputOf(s, { extraction: plain.extract(cleanOf(s)) }));
}

async function entityId(key: string): Promise<number> {
  const [row] = await database.db.select({ id: entities.id }).from(entities).where(eq(entities.key, key));
  if (!row) throw new Error(`no entity ${key}`);
  return row.id;
}

async function reprocessWithOverrides() {
  const overrides = await loadAnalystOverrides(database.db);
  return reprocessArticles(database, () => createExtractor(CONFIG_DIR, { overrides }), { clean, batchSize: 10 });
}

/** Entity keys of the mentions covering `surface` in the stored article of `spec`. */
async function mentionKeys(spec: ArticleSpec, surface: string): Promise<string[]> {
  const start = spec.text.indexOf(surface);
  const rows = await database.db.select({ key: entities.key, start: mentions.start }).from(mentions)
    .innerJoin(entities, eq(entities.id, mentions.entityId))
    .innerJoin(articles, eq(articles.id, mentions.articleId))
    .where(and(eq(articles.canonicalUrl, spec.url), eq(mentions.surface, surface)));
  return [...new Set(rows.filter((r) => r.start === start).map((r) => r.key))].sort();
}

/** The events an article supports: firm entity key, firm name, status. */
async function eventsOf(spec: ArticleSpec) {
  return database.db.select({ id: events.id, key: entities.key, firm: events.firm, status: events.status }).from(events)
    .innerJoin(eventArticles, eq(eventArticles.eventId, events.id))
    .innerJoin(articles, eq(articles.id, eventArticles.articleId))
    .leftJoin(entities, eq(entities.id, events.firmEntityId))
    .where(eq(articles.canonicalUrl, spec.url))
    .orderBy(asc(events.id));
}

describe('analyst entity decisions reach extraction and reprocess', () => {
  it('an alias added to a firm makes reprocess resolve the mention to that firm', async () => {
    await store(ZORBLAX, NVIDIA);
    expect(await mentionKeys(ZORBLAX, 'Zorblax Robotics')).toEqual(['new:firm:zorblax-robotics']);
    expect(await addAlias(database.db, await entityId('firm:nvidia'), 'und', 'Zorblax Robotics', null)).toBe(true);
    const s = await reprocessWithOverrides();
    expect(s).toMatchObject({ status: 'ok', failed: 0 });
    expect(await mentionKeys(ZORBLAX, 'Zorblax Robotics')).toEqual(['firm:nvidia']);
    expect((await eventsOf(ZORBLAX)).map((e) => [e.key, e.firm])).toEqual([['firm:nvidia', 'Nvidia']]);
  }, 60_000);

  it('an alias removed from a firm stops the knowledge-base alias matching it', async () => {
    await store(NVIDIA_ZH);
    expect(await mentionKeys(NVIDIA_ZH, '英伟达')).toEqual(['firm:nvidia']);
    // The store recorded the surface under the article's language; the analyst removes it there.
    expect(await removeAlias(database.db, await entityId('firm:nvidia'), 'en', '英伟达', null)).toBe(true);
    const overrides = await loadAnalystOverrides(database.db);
    const fresh = await createExtractor(CONFIG_DIR, { overrides });
    expect(fresh.extract(cleanOf(NVIDIA_ZH)).entities.map((e) => e.id)).not.toContain('firm:nvidia');
    expect(fresh.extract(cleanOf(NVIDIA)).entities.map((e) => e.id)).toContain('firm:nvidia'); // other aliases still match
    await reprocessWithOverrides();
    expect(await mentionKeys(NVIDIA_ZH, '英伟达')).not.toContain('firm:nvidia');
    expect((await eventsOf(NVIDIA_ZH)).map((e) => e.key)).not.toContain('firm:nvidia');
  }, 60_000);

  it('a merge makes reprocess and new articles attribute the loser\'s events to the survivor, status kept', async () => {
    await store(BAIDU, TENCENT);
    const [baiduEvent] = await eventsOf(BAIDU);
    expect(baiduEvent).toMatchObject({ key: 'firm:baidu', firm: 'Baidu' });
    await setEventStatus(database.db, baiduEvent!.id, 'approved', null);
    await mergeEntities(database.db, await entityId('firm:baidu'), await entityId('firm:tencent'), null);
    const overrides = await loadAnalystOverrides(database.db);
    expect(overrides.actions).toEqual([{ kind: 'entity.merge', from: { key: 'firm:baidu', type: 'firm', name: 'Baidu' }, into: { key: 'firm:tencent', type: 'firm', name: 'Tencent' } }]);
    // The extractor itself now says Tencent, so new articles and reprocess produce the survivor directly.
    const merged = await createExtractor(CONFIG_DIR, { overrides });
    const out = merged.extract(cleanOf(BAIDU));
    expect(out.entities.map((e) => e.id)).toContain('firm:tencent');
    expect(out.entities.map((e) => e.id)).not.toContain('firm:baidu');
    expect(out.events.map((e) => e.firm)).toEqual(['Tencent']);
    const s = await reprocessWithOverrides();
    expect(s).toMatchObject({ status: 'ok', failed: 0 });
    const after = await eventsOf(BAIDU);
    expect(after.map((e) => [e.id, e.key, e.firm, e.status])).toEqual([[baiduEvent!.id, 'firm:tencent', 'Tencent', 'approved']]);
    expect(await mentionKeys(BAIDU, 'Baidu')).toEqual(['firm:tencent']);
    expect(await database.db.select({ id: events.id }).from(events).where(eq(events.firmEntityId, await entityId('firm:baidu')))).toEqual([]);
  }, 60_000);

  it('the ingest extractor picks an analyst change up at its next warm()', async () => {
    const db = database.db;
    await store(NVIDIA);
    const page = lazyProcessPage(CONFIG_DIR, db);
    const input = {
      body: new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Zorblax</title></head><body><article><p>${ZORBLAX.text}</p></article></body></html>`),
      url: ZORBLAX.url, finalUrl: ZORBLAX.url, contentType: 'text/html; charset=utf-8', langHint: 'en',
    };
    await page.warm();
    const ids = async () => (await page(input)).extraction.entities.map((e) => e.id);
    expect(await ids()).toContain('new:firm:zorblax-robotics');
    const before = await analystOverridesVersion(db);
    await addAlias(db, await entityId('firm:nvidia'), 'und', 'Zorblax Robotics', null);
    expect(await analystOverridesVersion(db)).not.toBe(before);
    expect(await ids()).toContain('new:firm:zorblax-robotics'); // unchanged until the next cycle's warm()
    await page.warm();
    expect(await ids()).toContain('firm:nvidia');
    expect(await ids()).not.toContain('new:firm:zorblax-robotics');
  }, 60_000);
});
