// Brings the feeds table in line with the feed list: upsert by URL (analyst-edited fields only, never the fetch
// state), and pause feeds that left the list rather than delete them, so their articles keep their source. The
// removal is recorded in its own column (removed_from_config_at): the feed's real last error stays visible.
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { feeds } from '../db/schema.ts';
import type { FeedsFile } from './feeds-config.ts';

export interface SyncResult {
  upserted: number;
  paused: number;
}

/** Upserts every listed feed; with `pauseMissing`, pauses config-born feeds that are no longer listed. */
export async function syncFeeds(db: Db, list: FeedsFile, opts: { pauseMissing: boolean }): Promise<SyncResult> {
  const urls = list.feeds.map((f) => f.url);
  for (const f of list.feeds) {
    const values = {
      url: f.url,
      title: f.title ?? null,
      language: f.language ?? null,
      region: f.region ?? null,
      tags: f.tags,
      intervalMinutes: f.intervalMinutes ?? list.defaults.intervalMinutes,
      fromConfig: true,
    };
    await db
      .insert(feeds)
      .values(values)
      .onConflictDoUpdate({
        target: feeds.url,
        set: {
          title: sql`coalesce(excluded.title, ${feeds.title})`,
          language: values.language,
          region: values.region,
          tags: values.tags,
          intervalMinutes: values.intervalMinutes,
          fromConfig: true,
          // Back in the list after a removal: resume (only feeds that were running when removed were paused for it).
          // A pause for exhausting the error budget stays until an analyst acts.
          paused: sql`case when ${feeds.removedFromConfigAt} is not null then false else ${feeds.paused} end`,
          removedFromConfigAt: null,
          updatedAt: new Date(),
        },
      });
  }
  let paused = 0;
  if (opts.pauseMissing) {
    const gone = await db
      .update(feeds)
      .set({ paused: true, removedFromConfigAt: new Date(), updatedAt: new Date() })
      .where(and(eq(feeds.fromConfig, true), eq(feeds.paused, false), urls.length ? notInArray(feeds.url, urls) : sql`true`))
      .returning({ id: feeds.id });
    paused = gone.length;
  }
  return { upserted: urls.length, paused };
}

/** Feed ids for the given URLs (used to restrict a cycle to a --feeds file). */
export async function feedIdsFor(db: Db, urls: string[]): Promise<number[]> {
  if (!urls.length) return [];
  const rows = await db.select({ id: feeds.id }).from(feeds).where(inArray(feeds.url, urls));
  return rows.map((r) => r.id);
}
