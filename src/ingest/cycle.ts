// runIngestCycle: one ingest pass. Sync the feed list, take the cycle lock, fetch the due feeds (a few at once; the
// HTTP client enforces per-host politeness), fetch/process/store new pages, record a runs row, report a summary.
import { join } from 'node:path';
import type { Database, Db } from '../db/client.ts';
import { analystOverridesVersion, loadAnalystOverrides } from '../db/queries/analyst-overrides.ts';
import { finishRun, markInterruptedRuns, startRun, type RunError } from '../db/queries/runs.ts';
import { loadFetchConfig, type FetchConfig } from '../fetch/fetch-config.ts';
import { createHttpClient, type HttpClient } from '../fetch/http.ts';
import { silentLogger, type Logger } from '../log.ts';
import { mark, markOnce } from '../timing.ts';
import { storeArticle } from '../store/store-article.ts';
import { tryAcquireCycleLock } from './cycle-lock.ts';
import { loadFeedsConfig, loadFeedsFile } from './feeds-config.ts';
import { emptyCounts, ingestFeed, type CycleCounts, type FeedDeps, type StoreFn } from './ingest-feed.ts';
import type { ProcessPage } from './process-page.ts';
import { silentProgress, type Progress } from './progress.ts';
import { dueFeeds } from './schedule.ts';
import { feedIdsFor, syncFeeds } from './sync-feeds.ts';

export interface IngestContext {
  database: Database;
  /** The config folder (fetch.yaml, feeds.yaml, knowledge base, lexicons). */
  configDir: string;
  log?: Logger;
  signal?: AbortSignal;
  now?: () => Date;
  /** Defaults to configDir/fetch.yaml. */
  fetchConfig?: FetchConfig;
  /** `--feeds FILE`: sync and run only these feeds (other feeds are left as they are). */
  feedsFile?: string | null;
  /** `--since DATE`: ignore feed items published before this date. */
  since?: Date | null;
  /** Fetch every active feed, due or not. */
  force?: boolean;
  /** A long-lived client (the scheduler shares one across cycles); created and closed per cycle when absent. */
  http?: HttpClient;
  /** Clean + extract one page; defaults to inline jsdom + the extractor built from configDir. */
  processPage?: ProcessPage;
  store?: StoreFn;
  progress?: Progress;
  /** Queue mode (radar ingest --enqueue): new article URLs go to the job queue for `radar worker`, nothing is fetched here. */
  enqueue?: FeedDeps['enqueue'];
  /** Feeds fetched at once (default 4). */
  feedConcurrency?: number;
}

export interface CycleSummary {
  /** False when another cycle held the lock; nothing was done. */
  ran: boolean;
  reason?: string;
  runId: number | null;
  /** Earlier ingest runs found still `running` whose process had died: marked interrupted by this cycle. */
  interruptedRuns: number[];
  counts: CycleCounts;
  errors: RunError[];
  aborted: boolean;
  durationMs: number;
}

/**
 * A processPage that builds the extractor (knowledge base, lexicons, and with `db` the analysts' alias and merge
 * decisions) on first use or on `warm()`; with `db`, each `warm()` rebuilds it when an analyst changed something since.
 */
export function lazyProcessPage(configDir: string, db?: Db): ProcessPage & { warm: () => Promise<void> } {
  let inner: Promise<ProcessPage> | null = null;
  let version: string | null = null;
  const build = async (): Promise<ProcessPage> => {
    // Loaded here, not at the top: with the worker-thread pool, the main thread never cleans or extracts, and loading
    // the clean and extract modules (language models, DOM libraries) cost seconds before the first feed request.
    const [{ createExtractor }, { inlineProcessPage }] = await Promise.all([import('../extract/extract.ts'), import('./process-page.ts')]);
    if (!db) return inlineProcessPage(await createExtractor(configDir));
    const overrides = await loadAnalystOverrides(db);
    version = overrides.version;
    return inlineProcessPage(await createExtractor(configDir, { overrides }));
  };
  const load = () => (inner ??= build().catch((err: unknown) => {
    inner = null;
    throw err;
  }));
  // One cheap query per cycle; a UI change made while `radar run` is up reaches the next cycle.
  const warm = async (): Promise<void> => {
    if (db && inner && (await analystOverridesVersion(db)) !== version) {
      const previous = inner;
      inner = null;
      await load().catch(async (err: unknown) => {
        inner = previous;
        throw err;
      });
    }
    await load();
  };
  return Object.assign(async (input: Parameters<ProcessPage>[0]) => (await load())(input), { warm });
}

/** Runs one ingest cycle; resolves with its summary (ran: false when another cycle is running). Throws only when it cannot run. */
export async function runIngestCycle(ctx: IngestContext): Promise<CycleSummary> {
  const log = ctx.log ?? silentLogger;
  const now = ctx.now ?? (() => new Date());
  const started = Date.now();
  const signal = ctx.signal ?? new AbortController().signal;
  // Read and validate config before touching anything: a bad file fails the command with its name and key.
  const config = ctx.fetchConfig ?? loadFetchConfig(ctx.configDir);
  const list = ctx.feedsFile ? loadFeedsFile(ctx.feedsFile) : loadFeedsConfig(ctx.configDir);
  const counts = emptyCounts();
  const errors: RunError[] = [];

  const release = await tryAcquireCycleLock(ctx.database);
  if (!release) return { ran: false, reason: 'another ingest cycle is running', runId: null, interruptedRuns: [], counts, errors, aborted: false, durationMs: Date.now() - started };
  const http = ctx.http ?? createHttpClient(config, { log, settingsFile: join(ctx.configDir, 'fetch.yaml') });
  let runId: number | null = null;
  const progress = ctx.progress ?? silentProgress;
  try {
    const db = ctx.database.db;
    const sync = await syncFeeds(db, list, { pauseMissing: !ctx.feedsFile });
    if (sync.paused) log.info({ count: sync.paused }, 'feeds removed from config paused');
    const onlyIds = ctx.feedsFile ? await feedIdsFor(db, list.feeds.map((f) => f.url)) : null;
    // Holding the cycle lock, no other ingest run can be alive: any row still `running` was left by a killed process.
    const interrupted = await markInterruptedRuns(db, 'ingest', { othersAreDead: true });
    for (const run of interrupted) log.warn({ run_id: run.id, started_at: run.startedAt.toISOString() }, 'earlier ingest run never finished: marked interrupted');
    runId = await startRun(db, 'ingest');
    const due = await dueFeeds(db, now(), { force: ctx.force ?? false, onlyIds });
    counts.feedsDue = due.length;
    mark(`ingest: feeds synced, ${due.length} due`);
    log.info({ run_id: runId, feeds_due: due.length }, 'ingest cycle started');
    const deps: FeedDeps = {
      database: ctx.database, http, config, log, signal, now, counts, errors,
      processPage: ctx.processPage ?? lazyProcessPage(ctx.configDir, ctx.database.db),
      store: ctx.store ?? storeArticle,
      since: ctx.since ?? null,
      ...(ctx.enqueue ? { enqueue: ctx.enqueue } : {}),
    };
    // Loading the knowledge base blocks the event loop for seconds: do it before any request is in flight, so it
    // cannot push a concurrent fetch past its timeout.
    if (due.length && !ctx.enqueue) await (deps.processPage as { warm?: () => Promise<void> }).warm?.();
    progress.start(due.length);
    let next = 0;
    const workers = Array.from({ length: Math.min(ctx.feedConcurrency ?? 4, due.length) }, async () => {
      while (next < due.length && !signal.aborted) {
        const feed = due[next++]!;
        markOnce('ingest: first feed request');
        // The feed's own counts: feeds run concurrently, so the cycle's running totals would be counted again per feed.
        const result = await ingestFeed(feed, deps);
        progress.feedDone(feed.url, result.outcome, { newArticles: result.newArticles, updatedArticles: result.updatedArticles });
      }
    });
    let aborted = false;
    try {
      await Promise.all(workers);
    } catch (err) {
      if (!signal.aborted) throw err;
      aborted = true;
    }
    aborted ||= signal.aborted;
    progress.stop();
    await finishRun(db, runId, { status: aborted ? 'aborted' : 'ok', counts: { ...counts }, errors });
    const summary = { ran: true, runId, interruptedRuns: interrupted.map((r) => r.id), counts, errors, aborted, durationMs: Date.now() - started };
    log.info({ run_id: runId, ...snake(counts), aborted, duration_ms: summary.durationMs }, 'ingest cycle finished');
    return summary;
  } catch (err) {
    progress.stop();
    if (runId !== null) {
      await finishRun(ctx.database.db, runId, { status: 'failed', counts: { ...counts }, errors: [...errors, { at: now().toISOString(), message: (err as Error).message }] }).catch(() => {});
    }
    throw err;
  } finally {
    if (!ctx.http) await http.close().catch(() => {});
    await release();
  }
}

function snake(counts: CycleCounts): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
}

/** Why hosts could not be reached, in words ("DNS lookup failed"). */
function unreachableWhy(c: CycleCounts): string {
  if (c.feedsDnsFailed === c.feedsUnreachable) return 'DNS lookup failed';
  return c.feedsDnsFailed === 0 ? 'connection failed' : 'DNS lookup or connection failed';
}

/** One line for stdout: what the cycle did. */
export function formatSummary(s: CycleSummary): string {
  if (!s.ran) return `ingest: skipped: ${s.reason}`;
  const c = s.counts;
  const tail = `${(s.durationMs / 1000).toFixed(1)} s (run ${s.runId})` + (s.interruptedRuns.length
    ? `; earlier ${s.interruptedRuns.length === 1 ? 'run' : 'runs'} ${s.interruptedRuns.join(', ')} never finished: marked interrupted`
    : '');
  // Every feed failed because no host could be reached: the machine is offline, so say that, not 42 separate failures.
  if (c.feedsUnreachable > 0 && c.feedsFetched + c.feedsNotModified + c.feedsRateLimited === 0 && c.feedsUnreachable === c.feedsFailed) {
    return `ingest${s.aborted ? ' (aborted)' : ''}: no network: ${c.feedsUnreachable} ${c.feedsUnreachable === 1 ? 'feed' : 'feeds'} could not be reached (${unreachableWhy(c)}); ${tail}`;
  }
  const feeds = `${c.feedsDue} feeds due: ${c.feedsFetched} fetched, ${c.feedsNotModified} not modified, ${c.feedsFailed} failed` +
    (c.feedsUnreachable ? ` (${c.feedsUnreachable} unreachable: ${unreachableWhy(c)})` : '') +
    (c.feedsRateLimited ? `, ${c.feedsRateLimited} rate-limited` : '') + (c.feedsPaused ? `, ${c.feedsPaused} paused` : '');
  const articles = `articles: ${c.articlesNew} new, ${c.articlesUpdated} updated, ${c.articlesUnchanged} unchanged, ${c.articlesFailed} failed, ${c.itemsKnown} already known` +
    (c.itemsDeferred ? `, ${c.itemsDeferred} deferred` : '') + (c.articlesWaiting ? `, ${c.articlesWaiting} waiting to retry` : '') +
    (c.articlesMarkedFailed ? `, ${c.articlesMarkedFailed} marked failed` : '') + (c.articlesQueued ? `, ${c.articlesQueued} queued` : '') +
    (c.itemsOverCap ? `, ${c.itemsOverCap} items over the per-feed cap` : '');
  return `ingest${s.aborted ? ' (aborted)' : ''}: ${feeds}; ${articles}; events: ${c.eventsNew} new, ${c.eventsLinked} article-event links; ${tail}`;
}
