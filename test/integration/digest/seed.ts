// Seeds events, articles and users for the digest tests (invented data, no corpus text).
import type { Db } from '../../../src/db/client.ts';
import { articles, eventArticles, events, users, type NewEventRow } from '../../../src/db/schema.ts';

let counter = 0;

/** When the seeded installation first ingested: before every seeded week, so their digests may go out. */
export const FIRST_FETCH = new Date('2026-01-05T08:00:00Z');

/** Inserts an article (fetched at FIRST_FETCH unless told otherwise) and returns its id. */
export async function addArticle(db: Db, url: string, title: string | null = null, more: Partial<typeof articles.$inferInsert> = {}): Promise<number> {
  const [row] = await db.insert(articles).values({ canonicalUrl: url, title, contentHash: `hash-${++counter}-${url}`, text: 'x', fetchedAt: FIRST_FETCH, ...more }).returning({ id: articles.id });
  return row!.id;
}

export type SeedEvent = Partial<NewEventRow> & { type: NewEventRow['type']; sources?: string[] };

/** Inserts an event (approved unless told otherwise) linked to its source URLs through event_articles. */
export async function addEvent(db: Db, e: SeedEvent): Promise<number> {
  const { sources = [], ...fields } = e;
  const evidenceText = fields.evidenceText ?? `${fields.firm ?? 'Someone'} did something (${fields.type}).`;
  const [row] = await db.insert(events).values({
    fingerprint: `fp-${++counter}`,
    status: 'approved',
    evidenceStart: 0,
    evidenceEnd: evidenceText.length,
    ...fields,
    evidenceText,
  }).returning({ id: events.id });
  for (const url of sources) {
    const articleId = await addArticle(db, url, `Report on ${fields.firm ?? fields.type} ${counter}`);
    await db.insert(eventArticles).values({ eventId: row!.id, articleId, evidenceText, evidenceStart: 0, evidenceEnd: evidenceText.length });
  }
  return row!.id;
}

/** Inserts a review-UI user. */
export async function addUser(db: Db, email: string, opts: { optIn?: boolean; disabled?: boolean } = {}): Promise<void> {
  await db.insert(users).values({ email, passwordHash: 'scrypt$test', digestOptIn: opts.optIn ?? false, disabled: opts.disabled ?? false });
}

/** A week's worth of varied events for 2026-W47 in Europe/Berlin (16-22 Nov 2026), plus noise outside it. */
export async function seedWeek47(db: Db): Promise<void> {
  const inWeek = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, day, hour));
  await addEvent(db, { type: 'hiring', firm: 'Alibaba', location: 'Sunnyvale', roles: ['applied scientist', 'machine learning engineer'], headcount: 40, occurredAt: inWeek(17), evidenceText: 'Alibaba is hiring 40 applied scientists in Sunnyvale.', sources: ['https://news.example.com/alibaba-sunnyvale'] });
  await addEvent(db, { type: 'expansion', firm: 'ByteDance', location: 'San Jose', occurredAt: inWeek(18), sources: ['https://news.example.com/bytedance-sj', 'https://other.example.org/bd'] });
  await addEvent(db, { type: 'talent_move', firm: 'Meituan', person: 'Zhang San', sourceFirms: ['OpenAI'], roles: ['researcher'], occurredAt: inWeek(19), sources: ['https://news.example.com/meituan-openai'] });
  await addEvent(db, { type: 'hiring', firm: 'Meituan', sourceFirms: ['OpenAI', 'Google'], roles: ['research engineer'], occurredAt: inWeek(20) });
  await addEvent(db, { type: 'export_control', firm: null, agency: 'BIS', firms: ['Nvidia', 'Huawei'], occurredAt: inWeek(21), evidenceText: 'The US banned exports of the most advanced Nvidia chips.', sources: ['https://news.example.com/bis-rule'] });
  await addEvent(db, { type: 'contraction', firm: '<script>alert("x")</script>', location: 'Tom & Jerry "Town"', occurredAt: inWeek(22, 12), evidenceText: 'Cuts at <b>bold</b> & co.' });
  // occurred_at unknown: falls back to created_at, which is in the week.
  await addEvent(db, { type: 'leadership', firm: 'Baidu', person: 'Li Si', occurredAt: null, createdAt: inWeek(16, 9) });
  // Not in the digest: pending, rejected, and approved ones outside the week (Berlin: Monday 23 Nov 00:30 local).
  await addEvent(db, { type: 'hiring', firm: 'PendingCo', status: 'pending', occurredAt: inWeek(18) });
  await addEvent(db, { type: 'hiring', firm: 'RejectedCo', status: 'rejected', occurredAt: inWeek(18) });
  await addEvent(db, { type: 'hiring', firm: 'NextWeekCo', occurredAt: new Date('2026-11-22T23:30:00Z') });
  await addEvent(db, { type: 'hiring', firm: 'LastWeekCo', occurredAt: new Date('2026-11-15T22:59:00Z') });
  await addEvent(db, { type: 'hiring', firm: 'LastWeekCo2', occurredAt: new Date('2026-11-10T10:00:00Z') });
  await addEvent(db, { type: 'contraction', firm: 'LastWeekCo3', occurredAt: new Date('2026-11-11T10:00:00Z') });
}
