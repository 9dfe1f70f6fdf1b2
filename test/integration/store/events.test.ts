// Cross-article events: one event per identity within the merge window, in any language, best evidence kept,
// analyst decisions (status, edited slots) never undone by later reports or article updates.
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventArticles, events } from '../../../src/db/schema.ts';
import { setEventStatus, updateEventSlots } from '../../../src/db/queries/events.ts';
import { storeArticle } from '../../../src/store/store-article.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { ALIBABA, FILLER, SUNNYVALE, inputOf, type ArticleSpec } from './build.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(async () => {
  await database.rows(sql`truncate articles, article_urls, entities, mentions, events, event_articles, review_actions restart identity cascade`);
});

const CALIFORNIA = { id: 'loc:california', type: 'location' as const, name: 'California', surfaces: ['California'] };

function english(day: string, over: Partial<ArticleSpec> = {}): ArticleSpec {
  return {
    url: `https://en.example.com/${day}/alibaba-hiring`, language: 'en', publishedAt: `${day}T09:00:00Z`,
    text: `Alibaba is hiring 200 machine learning engineers in California, the company said on ${day}.${FILLER}`,
    entities: [ALIBABA, CALIFORNIA],
    events: [{ type: 'hiring', firm: 'Alibaba', location: 'California', headcount: 200, roles: ['machine learning engineer'], evidence: 'Alibaba is hiring 200 machine learning engineers in California', confidence: 0.8 }],
    ...over,
  };
}

function spanish(day: string, confidence = 0.95): ArticleSpec {
  return {
    url: `https://es.example.com/${day}/alibaba-contrata`, language: 'es', publishedAt: `${day}T12:00:00Z`,
    text: `Alibaba contratará a 200 ingenieros de aprendizaje automático en Sunnyvale, según la empresa (${day}). Más detalles se esperan pronto, dijeron fuentes del sector a este diario esta semana.${FILLER}`,
    entities: [ALIBABA, SUNNYVALE],
    events: [{ type: 'hiring', firm: 'Alibaba', location: 'Sunnyvale', headcount: 200, roles: ['machine learning engineer', 'data scientist'], evidence: 'Alibaba contratará a 200 ingenieros de aprendizaje automático en Sunnyvale', confidence }],
  };
}

async function allEvents() {
  return database.db.select().from(events).orderBy(asc(events.id));
}
async function links(eventId: number) {
  return database.db.select().from(eventArticles).where(eq(eventArticles.eventId, eventId)).orderBy(asc(eventArticles.articleId));
}

describe('events across articles', () => {
  it('merges the same event reported in English and Spanish into one event with both articles, best evidence first', async () => {
    const en = await storeArticle(database, inputOf(english('2026-03-02')));
    const es = await storeArticle(database, inputOf(spanish('2026-03-04')));
    expect(en.newEvents).toBe(1);
    expect(es).toMatchObject({ events: 1, newEvents: 0 });
    const [ev, ...rest] = await allEvents();
    expect(rest).toHaveLength(0);
    expect((await links(ev!.id)).map((l) => l.articleId)).toEqual([en.articleId, es.articleId]);
    // The Spanish report is more confident: its evidence and place win, lists are unions, the date is the first report's.
    expect(ev).toMatchObject({ evidenceArticleId: es.articleId, location: 'Sunnyvale', language: 'es', headcount: 200 });
    expect(ev!.roles).toEqual(['machine learning engineer', 'data scientist']);
    expect(ev!.occurredAt?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('gives the same result whichever report arrives first', async () => {
    await storeArticle(database, inputOf(spanish('2026-03-04')));
    await storeArticle(database, inputOf(english('2026-03-02')));
    const evs = await allEvents();
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({ location: 'Sunnyvale', language: 'es', occurredAt: new Date('2026-03-02T09:00:00Z') });
  });

  it('opens a new event outside the window and joins through a chain of close reports', async () => {
    await storeArticle(database, inputOf(english('2026-03-01')));
    await storeArticle(database, inputOf(english('2026-04-15')));
    expect(await allEvents()).toHaveLength(2);
    // 10 days after the first: joins it; then 20 days after the first but 10 after that one: still the same event.
    await storeArticle(database, inputOf(english('2026-03-11')));
    await storeArticle(database, inputOf(english('2026-03-21')));
    const evs = await allEvents();
    expect(evs).toHaveLength(2);
    expect((await links(evs[0]!.id))).toHaveLength(3);
    const custom = await storeArticle(database, inputOf(english('2026-04-20')));
    expect(custom.newEvents).toBe(0);
    const narrow = await storeArticle(database, inputOf(english('2026-04-25', { url: 'https://en.example.com/narrow' })));
    expect(narrow.newEvents).toBe(0);
    const zero = await storeArticle(database, { ...inputOf(english('2026-05-02', { url: 'https://en.example.com/zero' })), mergeWindowDays: 0 });
    expect(zero.newEvents).toBe(1);
  });

  it('keeps leadership events about different people apart', async () => {
    const text = `Alibaba named Jane Doe head of its Sunnyvale lab and John Roe chief technology officer.${FILLER}`;
    const r = await storeArticle(database, inputOf({
      url: 'https://en.example.com/people', text, entities: [ALIBABA, SUNNYVALE],
      events: [
        { type: 'leadership', firm: 'Alibaba', person: 'Jane Doe', evidence: 'Alibaba named Jane Doe head of its Sunnyvale lab' },
        { type: 'leadership', firm: 'Alibaba', person: 'John Roe', evidence: 'John Roe chief technology officer' },
      ],
    }));
    expect(r).toMatchObject({ events: 2, newEvents: 2 });
  });

  it('never undoes a review: an approved event keeps its status and slots, and only gains the new article', async () => {
    const en = await storeArticle(database, inputOf(english('2026-03-02')));
    const [ev] = await allEvents();
    await setEventStatus(database.db, ev!.id, 'approved', null, 'looks right');
    const es = await storeArticle(database, inputOf(spanish('2026-03-03')));
    const [after] = await allEvents();
    expect(after).toMatchObject({ status: 'approved', location: 'California', evidenceArticleId: en.articleId, language: 'en' });
    expect((await links(ev!.id)).map((l) => l.articleId)).toEqual([en.articleId, es.articleId]);
  });

  it('keeps an analyst-edited slot when later reports arrive', async () => {
    await storeArticle(database, inputOf(english('2026-03-02')));
    const [ev] = await allEvents();
    await updateEventSlots(database.db, ev!.id, { location: 'Palo Alto', headcount: 250 }, null);
    await storeArticle(database, inputOf(spanish('2026-03-03')));
    const [after] = await allEvents();
    expect(after).toMatchObject({ edited: true, status: 'pending', location: 'Palo Alto', headcount: 250 });
    expect(await links(ev!.id)).toHaveLength(2);
  });

  it('drops a pending event an updated article no longer reports, but keeps a rejected one and its link', async () => {
    const first = await storeArticle(database, inputOf(english('2026-03-02')));
    const other = { ...english('2026-03-02'), url: 'https://en.example.com/second', text: `Alibaba will cut 100 jobs in California.${FILLER}`,
      events: [{ type: 'contraction' as const, firm: 'Alibaba', evidence: 'Alibaba will cut 100 jobs in California' }] };
    const second = await storeArticle(database, inputOf(other));
    const [, contraction] = await allEvents();
    await setEventStatus(database.db, contraction!.id, 'rejected', null);
    const quiet = `Alibaba reported quarterly results on Monday.${FILLER}`;
    const a = await storeArticle(database, inputOf({ ...english('2026-03-02'), text: quiet, events: [] }));
    const b = await storeArticle(database, inputOf({ ...other, text: quiet + ' ', events: [] }));
    expect(a).toMatchObject({ articleId: first.articleId, status: 'updated', events: 0, removedEvents: 1 });
    expect(b).toMatchObject({ articleId: second.articleId, status: 'updated', removedEvents: 0 });
    const evs = await allEvents();
    expect(evs.map((e) => [e.type, e.status])).toEqual([['contraction', 'rejected']]);
    expect((await links(evs[0]!.id)).map((l) => l.articleId)).toEqual([second.articleId]);
  });
});
