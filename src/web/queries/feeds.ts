// Feed administration for the review UI: health list, add, pause/resume, remove; every change recorded.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { InputError } from '../../errors.ts';
import { feeds, reviewActions, type Feed } from '../../db/schema.ts';

/** Every feed, failing ones first, then by title/url. */
export async function listFeeds(db: Db): Promise<Feed[]> {
  const rows = await db.select().from(feeds).orderBy(asc(feeds.id));
  return rows.sort((a, b) => Number(b.errorCount > 0) - Number(a.errorCount > 0) || (a.title ?? a.url).localeCompare(b.title ?? b.url));
}

/** Validates and adds a feed; InputError for a bad or duplicate URL. */
export async function addFeed(db: Db, input: { url: string; title?: string; language?: string; intervalMinutes?: number; userId: number }): Promise<Feed> {
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw new InputError(`feed URL "${input.url}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`feed URL "${input.url}" must be http or https`);
  const interval = input.intervalMinutes ?? 60;
  if (!Number.isInteger(interval) || interval < 5 || interval > 7 * 24 * 60) throw new InputError(`feed interval ${interval} must be 5..10080 minutes`);
  const [existing] = await db.select({ id: feeds.id }).from(feeds).where(eq(feeds.url, url.toString())).limit(1);
  if (existing) throw new InputError(`feed ${url.toString()} is already there`);
  const [row] = await db.insert(feeds).values({
    url: url.toString(), title: input.title?.trim() || null, language: input.language?.trim().toLowerCase() || null, intervalMinutes: interval,
  }).returning();
  if (!row) throw new InputError(`could not add feed ${url.toString()}`);
  await db.insert(reviewActions).values({ userId: input.userId, action: 'feed.add', after: { feedId: row.id, url: row.url } });
  return row;
}

/** Pauses or resumes a feed. */
export async function setFeedPaused(db: Db, input: { id: number; paused: boolean; userId: number }): Promise<void> {
  const [row] = await db.update(feeds).set({ paused: input.paused, updatedAt: new Date() }).where(eq(feeds.id, input.id)).returning({ url: feeds.url });
  if (!row) throw new InputError(`feed ${input.id} does not exist`);
  await db.insert(reviewActions).values({ userId: input.userId, action: input.paused ? 'feed.pause' : 'feed.resume', after: { feedId: input.id, url: row.url } });
}

/** Removes a feed (its articles stay; their feed_id becomes null). */
export async function removeFeed(db: Db, input: { id: number; userId: number }): Promise<void> {
  const [row] = await db.delete(feeds).where(eq(feeds.id, input.id)).returning({ url: feeds.url });
  if (!row) throw new InputError(`feed ${input.id} does not exist`);
  await db.insert(reviewActions).values({ userId: input.userId, action: 'feed.remove', before: { feedId: input.id, url: row.url } });
}
