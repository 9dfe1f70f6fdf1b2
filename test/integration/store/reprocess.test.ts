// reprocessArticles: re-extraction from the stored bytes keeps approved/rejected/edited events, drops pending ones
// no longer supported, is idempotent, and an interrupted or crashed run is finished by the next one.
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventArticles, events, runs } from '../../../src/db/schema.ts';
import { setEventStatus, updateEventSlots } from '../../../src/db/queries/events.ts';
import type { CleanInput } from '../../../src/clean/clean-document.ts';
import type { CleanArticle } from '../../../src/clean/types.ts';
import type { Extractor } from '../../../src/extract/extract.ts';
import { reprocessArticles } from '../../../src/store/reprocess-articles.ts';
import { storeArticle } from '../../../src/store/store-article.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { FILLER, cleanOf, extractionOf, inputOf, tableCounts, type ArticleSpec, type EntitySpec } from './build.ts';

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

const firm = (name: string): EntitySpec => ({ id: `firm:${name.toLowerCase()}`, type: 'firm', name, surfaces: [name] });
const AUSTIN: EntitySpec = { id: 'loc:austin', type: 'location', name: 'Austin', surfaces: ['Austin'] };

function spec(n: number, name: string, type: 'hiring' | 'contraction' | 'expansion', sentence: string): ArticleSpec {
  return {
    url: `https://news.example.com/story-${n}`, text: `${sentence}.${FILLER}`, publishedAt: `2026-02-0${n}T10:00:00Z`,
    entities: [firm(name), AUSTIN], events: [{ type, firm: name, evidence: sentence, confidence: 0.7 }],
  };
}

const SPECS = [
  spec(1, 'Alibaba', 'hiring', 'Alibaba is hiring engineers'),
  spec(2, 'Baidu', 'contraction', 'Baidu cuts staff at its lab'),
  spec(3, 'Tencent', 'expansion', 'Tencent opens an office in Austin'),
  spec(4, 'ByteDance', 'hiring', 'ByteDance is hiring designers'),
  spec(5, 'Meituan', 'hiring', 'Meituan is hiring drivers'),
];

/** Cleaner stand-in: maps the stored page back to its spec by URL (the real cleaner is exercised separately). */
function fakeClean(input: CleanInput): CleanArticle {
  const s = SPECS.find((x) => x.url === input.source);
  if (!s) throw new Error(`no spec for ${input.source}`);
  if (!Buffer.from(input.body as Uint8Array).toString('utf8').includes(s.text.slice(0, 20))) throw new Error('raw body is not the stored page');
  return cleanOf(s);
}

/** The "new rules": no events any more, except Tencent's expansion, now read with a place and higher confidence. */
const newRules: Extractor = {
  extract(article) {
    const s = SPECS.find((x) => x.url === article.source)!;
    if (s.url.endsWith('story-3')) {
      return extractionOf({ ...s, events: [{ type: 'expansion', firm: 'Tencent', location: 'Austin', evidence: 'Tencent opens an office in Austin', confidence: 0.9 }] });
    }
    return extractionOf({ ...s, events: [] });
  },
};

async function seed(): Promise<Map<string, number>> {
  for (const s of SPECS) await storeArticle(database, inputOf(s));
  const rows = await database.db.select().from(events).orderBy(asc(events.id));
  const byFirm = new Map(rows.map((r) => [r.firm!, r.id]));
  await setEventStatus(database.db, byFirm.get('Alibaba')!, 'approved', null);
  await setEventStatus(database.db, byFirm.get('Baidu')!, 'rejected', null);
  await updateEventSlots(database.db, byFirm.get('Tencent')!, { location: 'Austin, Texas', roles: ['sales'] }, null);
  return byFirm;
}

async function eventState() {
  const rows = await database.db.select().from(events).orderBy(asc(events.id));
  const out: Record<string, { status: string; edited: boolean; location: string | null; roles: string[]; articles: number }> = {};
  for (const r of rows) {
    const links = await database.db.select().from(eventArticles).where(eq(eventArticles.eventId, r.id));
    out[r.firm!] = { status: r.status, edited: r.edited, location: r.location, roles: r.roles, articles: links.length };
  }
  return out;
}

const EXPECTED = {
  Alibaba: { status: 'approved', edited: false, location: null, roles: [], articles: 1 },
  Baidu: { status: 'rejected', edited: false, location: null, roles: [], articles: 1 },
  Tencent: { status: 'pending', edited: true, location: 'Austin, Texas', roles: ['sales'], articles: 1 },
};

describe('reprocessArticles', () => {
  it('re-extracts from the stored bytes and keeps every analyst decision; pending events without support go', async () => {
    await seed();
    const s = await reprocessArticles(database, () => newRules, { clean: fakeClean, batchSize: 2 });
    expect(s).toMatchObject({ status: 'ok', resumed: false, done: 5, total: 5, updated: 5, unchanged: 0, failed: 0, removedEvents: 2 });
    expect(await eventState()).toEqual(EXPECTED);
    const [run] = await database.db.select().from(runs);
    expect(run).toMatchObject({ kind: 'reprocess', status: 'ok', counts: expect.objectContaining({ done: 5, updated: 5, removed_events: 2 }) });
    expect(run!.endedAt).toBeInstanceOf(Date);
  });

  it('changes nothing when run again with the same rules', async () => {
    await seed();
    await reprocessArticles(database, () => newRules, { clean: fakeClean });
    const before = { counts: await tableCounts(database.db), events: await database.db.select().from(events).orderBy(asc(events.id)) };
    const again = await reprocessArticles(database, () => newRules, { clean: fakeClean });
    expect(again).toMatchObject({ status: 'ok', updated: 0, unchanged: 5, newEvents: 0, removedEvents: 0 });
    expect({ counts: await tableCounts(database.db), events: await database.db.select().from(events).orderBy(asc(events.id)) }).toEqual(before);
  });

  it('finishes an interrupted run on the next call, in the same run row, without duplicates', async () => {
    await seed();
    const controller = new AbortController();
    const first = await reprocessArticles(database, () => newRules, {
      clean: fakeClean, batchSize: 2, signal: controller.signal, onProgress: (p) => p.done >= 2 && controller.abort(),
    });
    expect(first).toMatchObject({ status: 'aborted', done: 2 });
    const second = await reprocessArticles(database, () => newRules, { clean: fakeClean, batchSize: 2 });
    expect(second).toMatchObject({ status: 'ok', resumed: true, runId: first.runId, done: 5, updated: 5 });
    expect(await eventState()).toEqual(EXPECTED);
    expect(await database.db.select().from(runs)).toHaveLength(1);
  });

  it('finishes a run that crashed part-way (process died, run left "running")', async () => {
    await seed();
    await expect(reprocessArticles(database, () => newRules, {
      clean: fakeClean, batchSize: 2, onProgress: (p) => { if (p.done >= 4) throw new Error('simulated crash'); },
    })).rejects.toThrow('simulated crash');
    // A kill -9 never gets to mark the run failed: leave it "running" as a dead process would.
    await database.db.update(runs).set({ status: 'running', endedAt: null });
    const s = await reprocessArticles(database, () => newRules, { clean: fakeClean, batchSize: 2 });
    expect(s).toMatchObject({ status: 'ok', resumed: true, done: 5 });
    expect(await eventState()).toEqual(EXPECTED);
    expect((await tableCounts(database.db)).eventArticles).toBe(3);
  });

  it('records an article that fails to clean and goes on with the rest', async () => {
    await seed();
    const picky = (input: CleanInput) => {
      if (input.source.endsWith('story-2')) throw new Error('cannot parse this page');
      return fakeClean(input);
    };
    const s = await reprocessArticles(database, () => newRules, { clean: picky });
    expect(s).toMatchObject({ status: 'ok', done: 5, failed: 1, updated: 4 });
    const [run] = await database.db.select().from(runs);
    expect(run!.errors).toEqual([expect.objectContaining({ message: 'cannot parse this page', url: SPECS[1]!.url })]);
  });

  it('uses the real cleaner on the stored HTML by default', async () => {
    const s = SPECS[0]!;
    await storeArticle(database, inputOf(s));
    const seen: string[] = [];
    const spy: Extractor = { extract: (a) => (seen.push(a.text), { entities: [], exportControls: [], events: [] }) };
    const r = await reprocessArticles(database, () => spy);
    expect(r).toMatchObject({ status: 'ok', done: 1, failed: 0 });
    expect(seen[0]).toContain('Alibaba is hiring engineers');
    expect(seen[0]).not.toContain('<p>');
  });
});
