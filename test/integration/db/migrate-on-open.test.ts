// Opening a database checks its migrations with one query when it is up to date (start-up, issue 14); a database
// that lacks the newest migration must still get it on open.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.ts';
import { openTestDatabase } from '../../helpers/db.ts';

const applied = async (rows: (q: ReturnType<typeof sql>) => Promise<unknown[]>) => (await rows(sql`select id from drizzle.__drizzle_migrations`)).length;
// The newest migration (0003) adds articles.date_source; undoing it by hand stands for a database of the previous release.
const hasNewestColumn = async (rows: (q: ReturnType<typeof sql>) => Promise<unknown[]>) =>
  (await rows(sql`select 1 from information_schema.columns where table_name = 'articles' and column_name = 'date_source'`)).length === 1;

describe('migrations on open', () => {
  it('applies the newest migration to a database that lacks it, and leaves an up-to-date one as it is', async () => {
    const first = await openTestDatabase();
    const rows = <T>(q: ReturnType<typeof sql>) => first.rows<T>(q);
    const total = await applied(rows);
    expect(total).toBeGreaterThan(1);
    // Undo the newest migration (0003, article and event date sources), as a database of the previous release would be.
    await first.rows(sql`alter table articles drop column date_source, drop column feed_published_at`);
    await first.rows(sql`alter table events drop column date_source`);
    await first.rows(sql`drop type date_source`);
    await first.rows(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const where = first.url ? { databaseUrl: first.url } : { dataDir: first.dataDir!, databaseUrl: '' };
    await first.close();

    const reopened = await openDatabase(where);
    try {
      const again = <T>(q: ReturnType<typeof sql>) => reopened.rows<T>(q);
      expect(await applied(again)).toBe(total);
      expect(await hasNewestColumn(again)).toBe(true);
    } finally {
      await reopened.close();
    }
    const third = await openDatabase(where);
    try {
      expect(await applied(<T>(q: ReturnType<typeof sql>) => third.rows<T>(q))).toBe(total);
    } finally {
      await third.close();
      await first.destroy().catch(() => {});
    }
  });
});
