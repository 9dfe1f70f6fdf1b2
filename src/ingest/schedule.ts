// When is a feed next due, and what does a failure do to it: retries become reschedules stored in the feeds table
// (next_check_at, error_count), never sleeps. 429/503 with Retry-After move the date without spending the budget.
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { feeds, type Feed } from '../db/schema.ts';
import { FatalError, decideNext, backoffMs } from '../errors.ts';
import type { FetchConfig } from '../fetch/fetch-config.ts';
import { statusOf } from '../fetch/http.ts';

/** `intervalMinutes` from `now`, +-jitterRatio, so feeds added together do not stay in lockstep. */
export function nextCheckAt(now: Date, intervalMinutes: number, jitterRatio: number): Date {
  const jitter = 1 + (Math.random() * 2 - 1) * jitterRatio;
  return new Date(now.getTime() + Math.round(intervalMinutes * 60_000 * jitter));
}

export interface FeedFailure {
  nextCheckAt: Date;
  errorCount: number;
  paused: boolean;
  lastError: string;
  lastStatus: number | null;
  countsAsFailure: boolean;
}

/** What a failed fetch does to the feed: reschedule (rate limit, no count) or back off and count, pausing over budget. */
export function feedFailure(err: unknown, feed: Pick<Feed, 'errorCount'>, now: Date, config: FetchConfig): FeedFailure {
  const step = decideNext(err, feed.errorCount);
  if (step.action === 'abort') throw err instanceof Error ? err : new FatalError(String(err));
  const message = err instanceof Error ? err.message : String(err);
  if (step.action === 'reschedule' && !step.countsAsFailure) {
    return { nextCheckAt: new Date(now.getTime() + step.delayMs), errorCount: feed.errorCount, paused: false, lastError: message, lastStatus: statusOf(err), countsAsFailure: false };
  }
  // A skip (404, not a feed, unparseable) is retried later too: feeds get fixed, and the budget pauses the hopeless.
  const errorCount = feed.errorCount + 1;
  const delayMs = backoffMs(errorCount - 1, config.errorBudget.backoffBaseMinutes * 60_000, config.errorBudget.backoffCapHours * 3600_000);
  const paused = errorCount >= config.errorBudget.maxConsecutiveFailures;
  return {
    nextCheckAt: new Date(now.getTime() + delayMs),
    errorCount,
    paused,
    lastError: paused ? `paused after ${errorCount} consecutive failures; last: ${message}` : message,
    lastStatus: statusOf(err),
    countsAsFailure: true,
  };
}

/** Active feeds due at `now` (all active feeds when `force`), optionally only the given ids, oldest due first. */
export async function dueFeeds(db: Db, now: Date, opts: { force?: boolean; onlyIds?: number[] | null } = {}): Promise<Feed[]> {
  const conditions = [eq(feeds.paused, false)];
  if (!opts.force) conditions.push(lte(feeds.nextCheckAt, now));
  if (opts.onlyIds) {
    if (!opts.onlyIds.length) return [];
    conditions.push(inArray(feeds.id, opts.onlyIds));
  }
  return db.select().from(feeds).where(and(...conditions)).orderBy(asc(feeds.nextCheckAt));
}

/** Records a fetched (or 304) feed: clears the error count, sets or clears its warning; validators are stored only when every item was handled. */
export async function recordFeedSuccess(
  db: Db,
  feed: Feed,
  now: Date,
  config: FetchConfig,
  result: { status: number; etag?: string | null; lastModified?: string | null; keepValidators: boolean; title?: string | null; warning?: string | null },
): Promise<void> {
  await db
    .update(feeds)
    .set({
      lastFetchedAt: now,
      lastStatus: result.status,
      errorCount: 0,
      lastError: null,
      // A 304 repeats the last read, so its warning stands; a fresh read replaces it (null when the XML was clean).
      ...(result.warning !== undefined ? { lastWarning: result.warning } : {}),
      nextCheckAt: nextCheckAt(now, feed.intervalMinutes, config.schedule.jitterRatio),
      ...(result.keepValidators ? { etag: result.etag ?? null, lastModified: result.lastModified ?? null } : {}),
      ...(!feed.title && result.title ? { title: result.title } : {}),
      updatedAt: now,
    })
    .where(eq(feeds.id, feed.id));
}

/** Records a failed feed fetch with its outcome from feedFailure(). */
export async function recordFeedFailure(db: Db, feed: Feed, now: Date, outcome: FeedFailure): Promise<void> {
  await db
    .update(feeds)
    .set({
      lastFetchedAt: now,
      lastStatus: outcome.lastStatus,
      errorCount: outcome.errorCount,
      lastError: outcome.lastError.slice(0, 2000),
      nextCheckAt: outcome.nextCheckAt,
      paused: outcome.paused || feed.paused,
      updatedAt: now,
    })
    .where(eq(feeds.id, feed.id));
}
