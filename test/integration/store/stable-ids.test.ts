// radar reprocess keeps event ids: an event whose identity changes under new rules (the knowledge base now knows its
// firm, so the key goes from "new:firm:..." to "firm:..."), is the same event, and links to it must keep working.
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventArticles, events } from '../../../src/db/schema.ts';
import { setEventStatus } from '../../../src/db/queries/events.ts';
import type { CleanInput } from '../../../src/clean/clean-document.ts';
import type { Extractor } from '../../../src/extract/extract.ts';
import { reprocessArticles } from '../../../src/store/reprocess-articles.ts';
import { storeArticle } from '../../../src/store/store-article.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { FILLER, cleanOf, extractionOf, inputOf, type ArticleSpec, type EntitySpec } from './build.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(async () => {
  await database.rows(sql`truncate articles, article_urls, entities, mentions, events, event_articles, review_actions, runs restart identity cascade`);
});

const unknownFirm = (name: string): EntitySpec => ({ id: `new:firm:${name.toLowerCase()}`, type: 'firm', name, surfaces: [name] });
const kbFirm = (name: string): EntitySpec => ({ id: `firm:${name.toLowerCase()}`, type: 'firm', name, surfaces: [name] });

function spec(n: number, firm: string, type: 'hiring' | 'expansion', sentence: string, day = n): ArticleSpec {
  return {
    url: `https://news.example.com/r-${n}`, text: `${sentence} (${n}).${FILLER}`, publishedAt: `2026-02-0${day}T10:00:00Z`,
    entities: [unknownFirm(firm)], events: [{ type, firm, evidence: sentence, confidence: 0.7 }],
  };
}

const SPECS = [
  spec(1, 'Zeekr', 'hiring', 'Zeekr is hiring battery engineers'),
  // Two reports of one Zeekr expansion.
  spec(2, 'Zeekr', 'expansion', 'Zeekr opens a lab in Munich', 2),
  spec(3, 'Zeekr', 'expansion', 'Zeekr opens a lab in Munich', 3),
  spec(4, 'Nio', 'hiring', 'Nio is hiring designers'),
];

const byUrl = (url: string) => SPECS.find((s) => s.url === url)!;
const clean = (input: CleanInput) => cleanOf(byUrl(input.source));
/** The new rules: the knowledge base now knows both firms. */
const kbKnowsThem: Extractor = { extract: (a) => { const s = byUrl(a.source); return extractionOf({ ...s, entities: s.entities!.map((e) => kbFirm(e.name)) }); } };

async function snapshot() {
  const rows = await database.db.select().from(events).orderBy(asc(events.id));
  const out = [];
  for (const r of rows) {
    const links = await database.db.select({ a: eventArticles.articleId }).from(eventArticles).where(eq(eventArticles.eventId, r.id)).orderBy(asc(eventArticles.articleId));
    out.push({ id: r.id, type: r.type, firm: r.firm, status: r.status, articles: links.map((l) => l.a) });
  }
  return out;
}

describe('event ids across radar reprocess', () => {
  it('keeps the id of every event, pending or reviewed, when the firm key changes; no duplicates appear', async () => {
    for (const s of SPECS) await storeArticle(database, inputOf(s));
    const before = await snapshot();
    expect(before.map((e) => [e.type, e.firm, e.articles])).toEqual([['hiring', 'Zeekr', [1]], ['expansion', 'Zeekr', [2, 3]], ['hiring', 'Nio', [4]]]);
    await setEventStatus(database.db, before[2]!.id, 'approved', null, 'checked with the source');

    const summary = await reprocessArticles(database, () => kbKnowsThem, { clean, batchSize: 2 });
    expect(summary).toMatchObject({ status: 'ok', updated: 4, newEvents: 0, removedEvents: 0 });
    const after = await snapshot();
    expect(after).toEqual([
      { ...before[0]!, status: 'pending' },
      { ...before[1]!, status: 'pending' },
      { ...before[2]!, status: 'approved' },
    ]);
    // Later reports under the new key join the same events.
    const again = await reprocessArticles(database, () => kbKnowsThem, { clean });
    expect(again).toMatchObject({ updated: 0, unchanged: 4, newEvents: 0 });
    expect(await snapshot()).toEqual(after);
  });
});
