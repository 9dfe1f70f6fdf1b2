// What a recipient needs from each event in the digest: role titles, the outlet and date of every source, whether a
// leadership change is an appointment or a departure, a quote that starts at a sentence boundary, the analyst's note,
// a link to the event in the review UI (only when a public URL is set), and "undated" instead of an invented date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, eventArticles, reviewActions } from '../../../src/db/schema.ts';
import { buildDigest } from '../../../src/digest/build.ts';
import { openTestDatabase, type TestDatabase, ENGINE } from '../../helpers/db.ts';
import { addEvent } from './seed.ts';

const WEEK = '2026-W47';
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 10));
const ARTICLE = 'BEIJING (Tech Wire) - Baidu shook up its leadership on Tuesday. In a statement, the company said Baidu named Li Si chief executive officer, effective at once. Analysts welcomed the move.';
const EVIDENCE = 'Baidu named Li Si chief executive officer';

describe(`digest content (${ENGINE})`, () => {
  let database: TestDatabase;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    database = await openTestDatabase();
    const db = database.db;
    const [art] = await db.insert(articles).values({
      canonicalUrl: 'https://techwire.radar.test/baidu-ceo', title: 'Baidu names a new chief', siteName: 'Tech Wire', language: 'en',
      publishedAt: at(17), dateSource: 'page', text: ARTICLE, contentHash: 'c1', fetchedAt: at(17),
    }).returning({ id: articles.id });
    const start = ARTICLE.indexOf(EVIDENCE);
    ids.appointment = await addEvent(db, {
      type: 'leadership', firm: 'Baidu', person: 'Li Si', roles: ['chief executive officer'], occurredAt: at(17), dateSource: 'page',
      evidenceArticleId: art!.id, evidenceText: EVIDENCE, evidenceStart: start, evidenceEnd: start + EVIDENCE.length, language: 'en',
    });
    await db.insert(eventArticles).values({ eventId: ids.appointment, articleId: art!.id, evidenceText: EVIDENCE, evidenceStart: start, evidenceEnd: start + EVIDENCE.length });
    await db.insert(reviewActions).values([
      { eventId: ids.appointment, action: 'approve', note: 'Confirmed on the company site', createdAt: at(18) },
      { eventId: ids.appointment, action: 'note', note: 'Second source: Reuters', createdAt: at(19) },
    ]);
    ids.departure = await addEvent(db, {
      type: 'leadership', firm: 'Tencent', person: 'Wang Wu', roles: ['chief technology officer'], occurredAt: at(18), language: 'en',
      evidenceText: 'Wang Wu resigned as chief technology officer of Tencent', sources: ['https://daily.radar.test/tencent-cto'],
    });
    ids.undated = await addEvent(db, { type: 'hiring', firm: 'Undatedco', occurredAt: null, dateSource: 'undated', createdAt: at(19), evidenceText: 'Undatedco is hiring engineers.' });
  });
  afterAll(async () => database?.destroy());

  it('says which leadership changes are appointments and which are departures, with role titles', async () => {
    const d = await buildDigest(database, WEEK, { timeZone: 'Europe/Berlin', reviewUrl: null });
    expect(d.text).toMatch(/Appointment: Li Si as chief executive officer/);
    expect(d.text).toMatch(/Departure: Wang Wu, chief technology officer/);
    expect(d.html).toContain('Appointment');
    expect(d.html).toContain('Departure');
  });

  it('gives each source its outlet and date, and quotes from the start of the sentence', async () => {
    const d = await buildDigest(database, WEEK, { timeZone: 'Europe/Berlin', reviewUrl: null });
    expect(d.text).toContain('- Baidu names a new chief (Tech Wire, 17 Nov 2026) <https://techwire.radar.test/baidu-ceo>');
    expect(d.text).toContain('"In a statement, the company said Baidu named Li Si chief executive officer, effective at once."');
    expect(d.text).not.toContain('"Baidu named Li Si');
    expect(d.html).toContain('Tech Wire, 17 Nov 2026');
    // A source with neither page nor feed date says so.
    expect(d.text).toMatch(/daily\.radar\.test, undated\)/);
  });

  it('carries the analyst\'s latest note', async () => {
    const d = await buildDigest(database, WEEK, { timeZone: 'Europe/Berlin', reviewUrl: null });
    expect(d.text).toContain('Analyst note: Second source: Reuters');
    expect(d.html).toContain('Second source: Reuters');
  });

  it('links each event to the review UI when a public URL is set, and not otherwise', async () => {
    const linked = await buildDigest(database, WEEK, { timeZone: 'Europe/Berlin', reviewUrl: 'https://radar.radar.test/' });
    expect(linked.text).toContain(`Review: https://radar.radar.test/events/${ids.appointment}`);
    expect(linked.html).toContain(`href="https://radar.radar.test/events/${ids.departure}"`);
    const plain = await buildDigest(database, WEEK, { timeZone: 'Europe/Berlin', reviewUrl: null });
    expect(plain.text).not.toContain('/events/');
    expect(plain.html).not.toContain('/events/');
  });

  it('marks an undated event as undated instead of giving it a day', async () => {
    const d = await buildDigest(database, WEEK, { timeZone: 'Europe/Berlin', reviewUrl: null });
    expect(d.text).toMatch(/\* undated \(first seen Thu 19 Nov\)/);
    expect(d.html).toContain('undated');
  });
});
