// Article pages that failed for a reason that may pass (timeout, 5xx, network, rate limit): instead of being fetched
// again on every cycle (a page that always times out cost ~45 s each time), the page waits with backoff like a feed
// does, and after articles.maxPageFailures failures in a row it is marked failed (failed_at), still retried with
// backoff up to errorBudget.backoffCapHours. A page stored later, or refused for good (404, PDF, robots), is forgotten.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { pageFailures, type PageFailure } from '../db/schema.ts';
import { backoffMs, RateLimitedError } from '../errors.ts';
import type { FetchConfig } from '../fetch/fetch-config.ts';
import { statusOf } from '../fetch/http.ts';

/** The failure records of these page URLs (one query), keyed by URL. */
export async function pageFailuresFor(db: Db, urls: string[]): Promise<Map<string, PageFailure>> {
  if (!urls.length) return new Map();
  const rows = await db.select().from(pageFailures).where(inArray(pageFailures.url, [...new Set(urls)]));
  return new Map(rows.map((r) => [r.url, r]));
}

/** True while a failed page waits for its next attempt. */
export function isWaiting(failure: PageFailure | undefined, now: Date): boolean {
  return !!failure && failure.nextAttemptAt.getTime() > now.getTime();
}

export interface PageFailureOutcome {
  errorCount: number;
  nextAttemptAt: Date;
  /** True when this failure reached the budget: the page is now reported failed. */
  markedFailed: boolean;
}

/** Records a transient failure of `url`: counts it (a rate limit waits without counting) and sets the next attempt. */
export async function recordPageFailure(
  db: Db, input: { url: string; feedId: number; error: unknown; previous: PageFailure | undefined }, now: Date, config: FetchConfig,
): Promise<PageFailureOutcome> {
  const before = input.previous?.errorCount ?? 0;
  const limited = input.error instanceof RateLimitedError;
  const errorCount = limited ? before : before + 1;
  const { backoffBaseMinutes, backoffCapHours } = config.errorBudget;
  const delayMs = limited ? (input.error as RateLimitedError).retryAfterMs : backoffMs(errorCount - 1, backoffBaseMinutes * 60_000, backoffCapHours * 3600_000);
  const nextAttemptAt = new Date(now.getTime() + delayMs);
  const reached = errorCount >= config.articles.maxPageFailures;
  const failedAt = input.previous?.failedAt ?? (reached ? now : null);
  const values = {
    url: input.url, feedId: input.feedId, errorCount, nextAttemptAt, failedAt, updatedAt: now,
    lastError: (input.error instanceof Error ? input.error.message : String(input.error)).slice(0, 2000), lastStatus: statusOf(input.error),
  };
  await db.insert(pageFailures).values(values).onConflictDoUpdate({ target: pageFailures.url, set: values });
  return { errorCount, nextAttemptAt, markedFailed: reached && !input.previous?.failedAt };
}

/** Forgets a page's failures (it was stored, or refused for good). */
export async function clearPageFailure(db: Db, url: string): Promise<void> {
  await db.delete(pageFailures).where(eq(pageFailures.url, url));
}
