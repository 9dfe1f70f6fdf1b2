// The query functions other stages reuse: the filtered, paged event list; one event with its articles and history;
// status changes and slot edits recorded before/after; entity merges and aliases; runs.
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities, events, mentions, reviewActions, users } from '../../../src/db/schema.ts';
import { addAlias, mergeEntities, removeAlias } from '../../../src/db/queries/entities.ts';
import { getEvent, listEvents, setEventStatus, updateEventSlots } from '../../../src/db/queries/events.ts';
import { NotFoundError } from '../../../src/db/queries/not-found.ts';
import { findUnfinishedRun, finishRun, getRun, startRun, updateRun } from '../../../src/db/queries/runs.ts';
import { findArticleIdByUrl, getArticleRaw } from '../../../src/db/queries/articles.ts';
import { InputError } from '../../../src/errors.ts';
import { storeArticle } from '../../../src/store/store-article.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { FILLER, inputOf, type ArticleSpec, type EntitySpec } from '../store/build.ts';

let database: TestDatabase;
let userId: number;
const ids: Record<string, number> = {};

const firm = (name: string): EntitySpec => ({ id: `firm:${name.toLowerCase()}`, type: 'firm', name, surfaces: [name] });
const place = (name: string): EntitySpec => ({ id: `loc:${name.toLowerCase()}`, type: 'location', name, surfaces: [name] });

function story(n: number, f: string, p: string, type: 'hiring' | 'contraction', lang: string, day: string, confidence: number): ArticleSpec {
  const sentence = `${f} ${type === 'hiring' ? 'is hiring' : 'cuts jobs'} in ${p}`;
  return {
    url: `https://q.example.com/${n}`, language: lang, publishedAt: `${day}T10:00:00Z`, text: `${sentence} (${n}).${FILLER}`,
    entities: [firm(f), place(p)], events: [{ type, firm: f, location: p, evidence: sentence, confidence }],
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  const stories = [
    story(1, 'Alibaba', 'Sunnyvale', 'hiring', 'en', '2026-01-05', 0.9),
    story(2, 'Baidu', 'Beijing', 'contraction', 'zh', '2026-01-20', 0.6),
    story(3, 'Tencent', 'Shenzhen', 'hiring', 'es', '2026-02-10', 0.8),
    story(4, 'Alibaba', 'Hangzhou', 'contraction', 'en', '2026-03-01', 0.4),
  ];
  for (const s of stories) await storeArticle(database, inputOf(s));
  for (const e of await database.db.select().from(events)) ids[`${e.firm}:${e.type}`] = e.id;
  [{ id: userId }] = (await database.db.insert(users).values({ email: 'rev@example.com', passwordHash: 'x' }).returning({ id: users.id })) as [{ id: number }];
});
afterAll(async () => {
  await database?.destroy();
});

describe('listEvents', () => {
  it('filters by status, type, firm, place, language, dates and confidence, with the total', async () => {
    const firms = async (f: Parameters<typeof listEvents>[1]) => (await listEvents(database.db, f)).rows.map((r) => `${r.firm}:${r.type}`);
    expect(await firms({})).toEqual(['Alibaba:contraction', 'Tencent:hiring', 'Baidu:contraction', 'Alibaba:hiring']);
    expect(await firms({ type: 'hiring' })).toEqual(['Tencent:hiring', 'Alibaba:hiring']);
    expect(await firms({ firm: 'ALIB' })).toEqual(['Alibaba:contraction', 'Alibaba:hiring']);
    expect(await firms({ place: 'shen' })).toEqual(['Tencent:hiring']);
    expect(await firms({ language: 'zh' })).toEqual(['Baidu:contraction']);
    expect(await firms({ from: new Date('2026-01-10'), to: new Date('2026-02-28') })).toEqual(['Tencent:hiring', 'Baidu:contraction']);
    expect(await firms({ minConfidence: 0.7, sort: 'confidence_desc' })).toEqual(['Alibaba:hiring', 'Tencent:hiring']);
    expect(await firms({ sort: 'occurred_asc', type: ['contraction'] })).toEqual(['Baidu:contraction', 'Alibaba:contraction']);
    const page = await listEvents(database.db, { pageSize: 3, page: 2 });
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page.rows.map((r) => r.firm)).toEqual(['Alibaba']);
    expect(page.rows[0]).toMatchObject({ articleCount: 1, date: new Date('2026-01-05T10:00:00Z') });
    expect(page.rows[0]).not.toHaveProperty('fingerprint');
  });
});

describe('review actions', () => {
  it('records status changes with before/after and keeps notes on a repeated status', async () => {
    const id = ids['Alibaba:hiring']!;
    const approved = await setEventStatus(database.db, id, 'approved', userId, 'confirmed by press release');
    expect(approved).toMatchObject({ status: 'approved', reviewedBy: userId });
    await setEventStatus(database.db, id, 'approved', userId, 'second look');
    expect((await listEvents(database.db, { status: 'approved' })).total).toBe(1);
    const detail = await getEvent(database.db, id);
    expect(detail!.articles).toEqual([expect.objectContaining({ url: 'https://q.example.com/1', evidenceText: 'Alibaba is hiring in Sunnyvale' })]);
    expect(detail!.actions.map((a) => [a.action, a.before, a.after, a.note, a.userEmail])).toEqual([
      ['approve', { status: 'pending' }, { status: 'approved' }, 'confirmed by press release', 'rev@example.com'],
      ['note', null, null, 'second look', 'rev@example.com'],
    ]);
    await expect(setEventStatus(database.db, 999_999, 'approved', userId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await getEvent(database.db, 999_999)).toBeNull();
  });

  it('edits slots: marks the event edited, records only what changed, re-links the firm entity', async () => {
    const id = ids['Tencent:hiring']!;
    const e = await updateEventSlots(database.db, id, { headcount: 120, location: 'Shenzhen', firm: 'Baidu' }, userId, 'wrong firm');
    expect(e).toMatchObject({ edited: true, headcount: 120, firm: 'Baidu' });
    const [baidu] = await database.db.select().from(entities).where(eq(entities.key, 'firm:baidu'));
    expect(e.firmEntityId).toBe(baidu!.id);
    const [action] = await database.db.select().from(reviewActions).where(eq(reviewActions.eventId, id));
    expect(action).toMatchObject({ action: 'edit', before: { headcount: null, firm: 'Tencent' }, after: { headcount: 120, firm: 'Baidu' }, note: 'wrong firm' });
    await expect(updateEventSlots(database.db, id, { headcount: -3 }, userId)).rejects.toBeInstanceOf(InputError);
    await expect(updateEventSlots(database.db, id, { status: 'approved' } as never, userId)).rejects.toBeInstanceOf(InputError);
  });
});

describe('entities', () => {
  it('adds and removes aliases, recording each change', async () => {
    const [alibaba] = await database.db.select().from(entities).where(eq(entities.key, 'firm:alibaba'));
    expect(await addAlias(database.db, alibaba!.id, 'zh', '阿里巴巴', userId)).toBe(true);
    expect(await addAlias(database.db, alibaba!.id, 'zh', '阿里巴巴', userId)).toBe(false);
    expect(await removeAlias(database.db, alibaba!.id, 'zh', '阿里巴巴', userId)).toBe(true);
    expect(await removeAlias(database.db, alibaba!.id, 'zh', '阿里巴巴', userId)).toBe(false);
    const acts = await database.db.select().from(reviewActions).where(eq(reviewActions.entityId, alibaba!.id)).orderBy(asc(reviewActions.id));
    expect(acts.map((a) => a.action)).toEqual(['alias.add', 'alias.remove']);
    await expect(addAlias(database.db, alibaba!.id, 'not a language', 'x', userId)).rejects.toBeInstanceOf(InputError);
  });

  it('merges one entity into another: mentions, events, aliases and the old key follow the survivor', async () => {
    const rows = await database.db.select().from(entities);
    const byKey = (k: string) => rows.find((r) => r.key === k)!;
    const [hangzhou, sunnyvale] = [byKey('loc:hangzhou'), byKey('loc:sunnyvale')];
    await expect(mergeEntities(database.db, byKey('firm:alibaba').id, sunnyvale.id, userId)).rejects.toBeInstanceOf(InputError);
    const survivor = await mergeEntities(database.db, hangzhou.id, sunnyvale.id, userId);
    expect(survivor.aliases).toEqual({ und: ['Hangzhou'] });
    expect(await database.db.select().from(mentions).where(eq(mentions.entityId, hangzhou.id))).toEqual([]);
    const [ev] = await database.db.select().from(events).where(eq(events.id, ids['Alibaba:contraction']!));
    expect(ev).toMatchObject({ locationEntityId: sunnyvale.id, location: 'Sunnyvale' });
    const [loser] = await database.db.select().from(entities).where(eq(entities.id, hangzhou.id));
    expect(loser!.mergedIntoId).toBe(sunnyvale.id);
    await expect(mergeEntities(database.db, hangzhou.id, sunnyvale.id, userId)).rejects.toThrow(/already merged/);
  });
});

describe('articles and runs', () => {
  it('finds an article by any URL it was reached under and returns its raw bytes', async () => {
    const id = await findArticleIdByUrl(database.db, 'https://q.example.com/2?utm_source=x#frag');
    expect(id).not.toBeNull();
    const raw = await getArticleRaw(database.db, id!);
    expect(raw!.body.toString('utf8')).toContain('Baidu cuts jobs in Beijing');
    expect(await findArticleIdByUrl(database.db, 'https://q.example.com/none')).toBeNull();
  });

  it('opens, updates and finishes runs; an unfinished run can be found again', async () => {
    const id = await startRun(database.db, 'test-kind', { done: 0 });
    await updateRun(database.db, id, { counts: { done: 5 }, errors: [{ at: 'now', message: 'x' }] });
    expect((await findUnfinishedRun(database.db, 'test-kind'))?.id).toBe(id);
    await finishRun(database.db, id, { status: 'ok', counts: { done: 10 } });
    expect(await getRun(database.db, id)).toMatchObject({ status: 'ok', counts: { done: 10 }, errors: [{ message: 'x' }] });
    expect(await findUnfinishedRun(database.db, 'test-kind')).toBeNull();
    await expect(finishRun(database.db, 424242, { status: 'ok' })).rejects.toBeInstanceOf(NotFoundError);
    await database.rows(sql`select 1`);
  });
});
