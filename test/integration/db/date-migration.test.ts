// Migration 0003 (dates): a database written before it keeps its data, and events that had taken the fetch time of
// undated articles are re-dated from their dated reports only (undated when none has a date).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../../src/db/client.ts';
import { createScratchServerDatabase, ENGINE } from '../../helpers/db.ts';

/** A copy of the migrations folder that stops before the dates migration. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'radar-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

async function migrateFrom(database: Database, folder: string): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  }
}

describe(`migration 0003_dates-source-and-feed-date (${ENGINE})`, () => {
  let database: Database;
  let cleanup: () => Promise<void> = async () => {};
  const dirs: string[] = [];

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      const scratch = await createScratchServerDatabase(process.env.DATABASE_URL);
      database = await openDatabase({ databaseUrl: scratch.url, migrate: false });
      cleanup = scratch.drop;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'radar-migrate-dates-'));
      dirs.push(dataDir);
      database = await openDatabase({ dataDir, databaseUrl: '', migrate: false });
    }
  });
  afterAll(async () => {
    await database?.close();
    await cleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps every row, marks stored dates as page dates and un-dates events that had only the fetch time', async () => {
    const old = migrationsBefore('0003_dates-source-and-feed-date');
    dirs.push(old);
    await migrateFrom(database, old);
    // Written as the previous version did: the undated article's event got its fetch time as occurred_at.
    await database.rows(sql`insert into articles (id, canonical_url, content_hash, text, published_at, fetched_at) values
      (1, 'https://news.example.com/dated', 'h1', 'a', '2026-01-05T10:00:00Z', '2026-03-01T00:00:00Z'),
      (2, 'https://news.example.com/undated', 'h2', 'b', null, '2026-03-01T00:00:00Z')`);
    await database.rows(sql`insert into events (id, fingerprint, type, evidence_text, evidence_start, evidence_end, occurred_at, status) values
      (10, 'f10', 'hiring', 'x', 0, 1, '2026-01-05T10:00:00Z', 'approved'),
      (11, 'f11', 'hiring', 'y', 0, 1, '2026-03-01T00:00:00Z', 'pending'),
      (12, 'f12', 'leadership', 'z', 0, 1, '2026-02-02T00:00:00Z', 'approved'),
      (13, 'f13', 'expansion', 'w', 0, 1, '2026-03-01T00:00:00Z', 'pending')`);
    await database.rows(sql`insert into event_articles (event_id, article_id, evidence_text, evidence_start, evidence_end) values
      (10, 1, 'x', 0, 1), (11, 2, 'y', 0, 1), (13, 1, 'w', 0, 1), (13, 2, 'w', 0, 1)`);

    await migrateFrom(database, MIGRATIONS_DIR);

    const arts = await database.rows<{ id: number; date_source: string; published_at: unknown }>(sql`select id, date_source, published_at from articles order by id`);
    expect(arts.map((a) => [Number(a.id), a.date_source, a.published_at === null])).toEqual([[1, 'page', false], [2, 'undated', true]]);
    const evs = await database.rows<{ id: number; date_source: string; occurred_at: unknown; status: string }>(
      sql`select id, date_source, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD') as occurred_at, status from events order by id`,
    );
    expect(evs.map((e) => [Number(e.id), e.date_source, e.occurred_at, e.status])).toEqual([
      [10, 'page', '2026-01-05', 'approved'],
      [11, 'undated', null, 'pending'],
      // No stored report: its date is kept.
      [12, 'page', '2026-02-02', 'approved'],
      // One dated and one undated report: the dated one's day, not the fetch time.
      [13, 'page', '2026-01-05', 'pending'],
    ]);
  });
});
