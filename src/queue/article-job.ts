// One article job: the URL a feed item points at, fetched, cleaned, extracted and stored by whichever worker takes
// it. storeArticle is idempotent (the article is found again by URL or text, events merge by identity), so a job
// retried after its worker died stores nothing twice.
import type PgBoss from 'pg-boss';
import { cleanUrl } from '../clean/canonical-url.ts';
import type { Database } from '../db/client.ts';
import { RateLimitedError, SkipError } from '../errors.ts';
import type { FetchConfig } from '../fetch/fetch-config.ts';
import type { HttpClient } from '../fetch/http.ts';
import { fetchPage } from '../fetch/page.ts';
import type { ProcessPage } from '../ingest/process-page.ts';
import { storeArticle, type StoreInput, type StoreResult } from '../store/store-article.ts';
import { ARTICLE_QUEUE } from './boss.ts';

export interface ArticleJobData {
  url: string;
  feedId: number | null;
  guid: string | null;
  /** The feed's language, a hint for detection. */
  langHint: string | null;
  /** The feed item's date, the article's date when the page gives none (absent in jobs queued by older versions). */
  feedPublishedAt?: string | null;
}

export type ArticleJobResult =
  | { status: StoreResult['status']; articleId: number; events: number; newEvents: number }
  | { status: 'skipped'; reason: string };

/** The job's singleton key: the link without tracking parameters or fragment, so one article is one job. */
export function articleJobKey(url: string): string {
  return cleanUrl(url) ?? url;
}

/** Queues one article; false when a job for the same URL is already waiting (the duplicate collapses). */
export async function enqueueArticle(boss: PgBoss, data: ArticleJobData): Promise<boolean> {
  const id = await boss.send(ARTICLE_QUEUE, { ...data }, { singletonKey: articleJobKey(data.url) });
  return id !== null;
}

export interface ArticleJobDeps {
  database: Database;
  http: HttpClient;
  config: FetchConfig;
  processPage: ProcessPage;
  store?: (database: Database, input: StoreInput) => Promise<StoreResult>;
  signal?: AbortSignal;
  now?: () => Date;
}

/**
 * Fetches, processes and stores one article. A page we will never read (404, PDF, robots, a page that breaks the
 * cleaner) completes as "skipped"; a transient failure throws, so the queue retries it with backoff.
 */
export async function processArticleJob(data: ArticleJobData, deps: ArticleJobDeps): Promise<ArticleJobResult> {
  try {
    const page = await fetchPage(deps.http, data.url, deps.config, deps.signal);
    const processed = await deps.processPage({ body: page.body, url: data.url, finalUrl: page.finalUrl, contentType: page.contentType, langHint: data.langHint });
    const result = await (deps.store ?? storeArticle)(deps.database, {
      url: data.url, finalUrl: page.finalUrl, feedId: data.feedId, guid: data.guid, contentType: page.contentType, rawBody: page.body,
      clean: processed.clean, extraction: processed.extraction, fetchedAt: (deps.now ?? (() => new Date()))(), feedPublishedAt: data.feedPublishedAt ?? null,
    });
    return { status: result.status, articleId: result.articleId, events: result.events, newEvents: result.newEvents };
  } catch (err) {
    if (err instanceof SkipError && !(err instanceof RateLimitedError)) return { status: 'skipped', reason: err.message };
    throw err;
  }
}
