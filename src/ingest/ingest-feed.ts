// One feed within a cycle: conditional GET, parse, pick the items worth fetching, fetch + process + store each page,
// then reschedule the feed. Validators (ETag, Last-Modified) are saved only when every picked item was handled, so a
// crash or a page failure mid-feed means the next cycle sees the full feed again and nothing is lost.
import type { Database } from '../db/client.ts';
import type { RunError } from '../db/queries/runs.ts';
import type { Feed, PageFailure } from '../db/schema.ts';
import { RateLimitedError, RetryLaterError, SkipError } from '../errors.ts';
import type { FeedItem } from '../fetch/feed-types.ts';
import { fetchFeed } from '../fetch/feed.ts';
import type { FetchConfig } from '../fetch/fetch-config.ts';
import { HostUnreachableError, type HttpClient } from '../fetch/http.ts';
import { fetchPage } from '../fetch/page.ts';
import type { Logger } from '../log.ts';
import type { StoreInput, StoreResult } from '../store/store-article.ts';
import { findKnownArticles, needsFetch } from './known-articles.ts';
import { clearPageFailure, isWaiting, pageFailuresFor, recordPageFailure } from './page-failures.ts';
import type { ProcessPage } from './process-page.ts';
import { feedFailure, recordFeedFailure, recordFeedSuccess } from './schedule.ts';

export type StoreFn = (database: Database, input: StoreInput) => Promise<StoreResult>;

export interface CycleCounts {
  feedsDue: number;
  feedsFetched: number;
  feedsNotModified: number;
  feedsFailed: number;
  feedsRateLimited: number;
  feedsPaused: number;
  /** Feeds whose host could not be reached at all (DNS or connection failure); also counted in feedsFailed. */
  feedsUnreachable: number;
  /** Of those, the ones whose host name did not resolve. */
  feedsDnsFailed: number;
  itemsSeen: number;
  itemsKnown: number;
  itemsDeferred: number;
  /** Items beyond articles.maxItemsPerFeed in a feed: not read this cycle. */
  itemsOverCap: number;
  articlesNew: number;
  articlesUpdated: number;
  articlesUnchanged: number;
  articlesFailed: number;
  /** Pages skipped because an earlier failure has them waiting (backoff). */
  articlesWaiting: number;
  /** Pages that reached articles.maxPageFailures this cycle and are now reported failed. */
  articlesMarkedFailed: number;
  /** Items put on the job queue for `radar worker` processes (radar ingest --enqueue). */
  articlesQueued: number;
  eventsNew: number;
  /** Article-event links written: one per (article, event) pair, whether the event is new or an existing one. */
  eventsLinked: number;
}

/** All-zero counts. */
export function emptyCounts(): CycleCounts {
  return {
    feedsDue: 0, feedsFetched: 0, feedsNotModified: 0, feedsFailed: 0, feedsRateLimited: 0, feedsPaused: 0, feedsUnreachable: 0, feedsDnsFailed: 0,
    itemsSeen: 0, itemsKnown: 0, itemsDeferred: 0, itemsOverCap: 0,
    articlesNew: 0, articlesUpdated: 0, articlesUnchanged: 0, articlesFailed: 0, articlesWaiting: 0, articlesMarkedFailed: 0, articlesQueued: 0,
    eventsNew: 0, eventsLinked: 0,
  };
}

export interface FeedDeps {
  database: Database;
  http: HttpClient;
  config: FetchConfig;
  processPage: ProcessPage;
  store: StoreFn;
  log: Logger;
  signal: AbortSignal;
  now: () => Date;
  since: Date | null;
  counts: CycleCounts;
  errors: RunError[];
  /** Queue mode: hand the page to the job queue instead of fetching it here; resolves false for a duplicate. */
  enqueue?: (job: { url: string; feedId: number; guid: string | null; langHint: string | null; feedPublishedAt: string | null }) => Promise<boolean>;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

/** Items newest first, one per identity, without those older than `since`; those without a link cannot be fetched. */
export function pickItems(items: FeedItem[], since: Date | null): FeedItem[] {
  const seen = new Set<string>();
  const out: FeedItem[] = [];
  for (const item of items) {
    if (!item.link) continue;
    const key = item.guid ?? item.link;
    if (seen.has(key)) continue;
    seen.add(key);
    if (since && item.publishedAt && Date.parse(item.publishedAt) < since.getTime()) continue;
    out.push(item);
  }
  const time = (i: FeedItem) => (i.publishedAt ? Date.parse(i.publishedAt) : 0);
  return out.sort((a, b) => time(b) - time(a));
}

/** What one feed did in this cycle: its outcome and its own article counts (not the cycle's running totals). */
export interface FeedResult {
  outcome: 'fetched' | 'not-modified' | 'failed' | 'unreachable' | 'paused' | 'rate-limited';
  newArticles: number;
  updatedArticles: number;
}

/** Fetches, processes and stores one item's page; false when it should be tried again in a later cycle. */
async function ingestItem(feed: Feed, item: FeedItem, deps: FeedDeps, tally: FeedResult, failure: PageFailure | undefined): Promise<boolean> {
  const { counts, log } = deps;
  const link = item.link!;
  try {
    if (deps.enqueue) {
      if (await deps.enqueue({ url: link, feedId: feed.id, guid: item.guid, langHint: feed.language, feedPublishedAt: item.publishedAt })) counts.articlesQueued++;
      return true;
    }
    const page = await fetchPage(deps.http, link, deps.config, deps.signal);
    const processed = await deps.processPage({ body: page.body, url: link, finalUrl: page.finalUrl, contentType: page.contentType, langHint: feed.language });
    const result = await deps.store(deps.database, {
      url: link, finalUrl: page.finalUrl, feedId: feed.id, guid: item.guid, contentType: page.contentType, rawBody: page.body,
      clean: processed.clean, extraction: processed.extraction, fetchedAt: deps.now(), feedPublishedAt: item.publishedAt,
    });
    if (result.status === 'new') (counts.articlesNew++, tally.newArticles++);
    else if (result.status === 'updated') (counts.articlesUpdated++, tally.updatedArticles++);
    else counts.articlesUnchanged++;
    if (result.status !== 'unchanged') counts.eventsLinked += result.events;
    counts.eventsNew += result.newEvents;
    if (failure) await clearPageFailure(deps.database.db, link);
    log.debug({ feed_id: feed.id, article_url: link, article_id: result.articleId, status: result.status, events: result.events }, 'article stored');
    return true;
  } catch (err) {
    if (deps.signal.aborted) throw err;
    counts.articlesFailed++;
    const message = err instanceof Error ? err.message : String(err);
    deps.errors.push({ at: deps.now().toISOString(), message, url: link });
    // A page we will never read (404, PDF, robots) is done with; a transient failure comes round again, with backoff.
    const lasting = err instanceof SkipError && !(err instanceof RateLimitedError);
    if (lasting) {
      if (failure) await clearPageFailure(deps.database.db, link);
      log.warn({ feed_id: feed.id, article_url: link, error: message }, 'article failed');
      return true;
    }
    const next = await recordPageFailure(deps.database.db, { url: link, feedId: feed.id, error: err, previous: failure }, deps.now(), deps.config);
    if (next.markedFailed) counts.articlesMarkedFailed++;
    log.warn({ feed_id: feed.id, article_url: link, error: message, error_count: next.errorCount, next_attempt_at: next.nextAttemptAt.toISOString() },
      next.markedFailed ? 'article failed too often: marked failed, retried with backoff' : 'article failed: retried with backoff');
    return false;
  }
}

/** Ingests one feed and reschedules it; never throws for feed or page failures (they are recorded), only on abort. */
export async function ingestFeed(feed: Feed, deps: FeedDeps): Promise<FeedResult> {
  const { counts, log } = deps;
  const started = deps.now();
  const tally: FeedResult = { outcome: 'fetched', newArticles: 0, updatedArticles: 0 };
  try {
    const fetched = await fetchFeed(deps.http, feed, deps.config, deps.signal);
    if (fetched.kind === 'not-modified') {
      counts.feedsNotModified++;
      await recordFeedSuccess(deps.database.db, feed, deps.now(), deps.config, { status: fetched.status, keepValidators: false });
      return { ...tally, outcome: 'not-modified' };
    }
    counts.feedsFetched++;
    if (fetched.feed.warning) log.warn({ feed_id: feed.id, feed_url: feed.url, warning: fetched.feed.warning }, 'feed read with a warning');
    const all = pickItems(fetched.feed.items, deps.since);
    const picked = all.slice(0, deps.config.articles.maxItemsPerFeed);
    counts.itemsOverCap += all.length - picked.length;
    counts.itemsSeen += picked.length;
    // One query for the whole feed, however many items it lists.
    const known = await findKnownArticles(deps.database.db, picked);
    const unknown = picked.filter((item) => needsFetch(item, known.get(item)));
    counts.itemsKnown += picked.length - unknown.length;
    const failures = deps.enqueue ? new Map<string, PageFailure>() : await pageFailuresFor(deps.database.db, unknown.map((i) => i.link!));
    const todo = unknown.filter((item) => !isWaiting(failures.get(item.link!), deps.now()));
    counts.articlesWaiting += unknown.length - todo.length;
    const batch = todo.slice(0, deps.config.articles.maxPerFeedPerCycle);
    counts.itemsDeferred += todo.length - batch.length;
    // A page still owed (deferred or waiting) keeps the validators unsaved, so the next cycle reads the full feed again.
    let complete = batch.length === unknown.length;
    await mapLimit(batch, deps.config.articles.concurrency, async (item) => {
      deps.signal.throwIfAborted();
      if (!(await ingestItem(feed, item, deps, tally, failures.get(item.link!)))) complete = false;
    });
    await recordFeedSuccess(deps.database.db, feed, deps.now(), deps.config, {
      status: fetched.status, etag: fetched.etag, lastModified: fetched.lastModified, keepValidators: complete, title: fetched.feed.title,
      warning: fetched.feed.warning ?? null,
    });
    log.info({ feed_id: feed.id, feed_url: feed.url, items: fetched.feed.items.length, fetched_pages: batch.length, duration_ms: Date.now() - started.getTime() }, 'feed fetched');
    return tally;
  } catch (err) {
    if (deps.signal.aborted) throw err;
    const outcome = feedFailure(err, feed, deps.now(), deps.config);
    await recordFeedFailure(deps.database.db, feed, deps.now(), outcome);
    if (outcome.countsAsFailure) counts.feedsFailed++;
    else counts.feedsRateLimited++;
    if (outcome.paused) counts.feedsPaused++;
    const unreachable = err instanceof HostUnreachableError;
    if (unreachable) counts.feedsUnreachable++;
    if (unreachable && err.reason === 'dns') counts.feedsDnsFailed++;
    deps.errors.push({ at: deps.now().toISOString(), message: outcome.lastError, url: feed.url });
    const level = err instanceof RetryLaterError || err instanceof RateLimitedError ? 'info' : 'warn';
    log[level]({ feed_id: feed.id, feed_url: feed.url, error: outcome.lastError, error_count: outcome.errorCount, next_check_at: outcome.nextCheckAt.toISOString() }, 'feed failed');
    return { ...tally, outcome: outcome.paused ? 'paused' : unreachable ? 'unreachable' : outcome.countsAsFailure ? 'failed' : 'rate-limited' };
  }
}
