// Re-cleaning and re-extracting stored articles after the knowledge base or lexicons changed: from the stored,
// compressed fetched bytes (never refetched), in id order, in batches, with the cursor saved in a `runs` row so an
// interrupted run is finished by the next one. Analyst decisions survive (see write-events.ts / recompute-event.ts).
import { gunzipSync } from 'node:zlib';
import type { Db } from '../db/client.ts';
import type { CleanInput } from '../clean/clean-document.ts';
import type { CleanArticle } from '../clean/types.ts';
import type { Extractor } from '../extract/extract.ts';
import { countArticlesForReprocess, nextArticlesForReprocess, type ReprocessArticle } from '../db/queries/articles.ts';
import { findUnfinishedRun, finishRun, startRun, updateRun, type RunError } from '../db/queries/runs.ts';
import { silentLogger, type Logger } from '../log.ts';
import { reextractArticle } from './reextract-article.ts';

export const REPROCESS_RUN_KIND = 'reprocess';

export interface ReprocessProgress {
  done: number;
  total: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ReprocessOptions {
  /** Only articles published (undated: fetched) on or after this instant. */
  since?: Date | null;
  signal?: AbortSignal;
  onProgress?: (p: ReprocessProgress) => void;
  /** Articles per batch; progress and the resume cursor are saved after each batch (default 50). */
  batchSize?: number;
  mergeWindowDays?: number;
  log?: Logger;
  /** The cleaner (default: src/clean cleanDocument); injectable for tests. */
  clean?: (input: CleanInput) => CleanArticle;
}

export interface ReprocessSummary extends ReprocessProgress {
  runId: number;
  resumed: boolean;
  status: 'ok' | 'aborted';
  events: number;
  newEvents: number;
  removedEvents: number;
}

type Counts = Record<string, number>;
const COUNT_KEYS = ['done', 'updated', 'unchanged', 'failed', 'events', 'new_events', 'removed_events'] as const;

/** An article stored without bytes (e.g. from plain text) is re-extracted from its stored clean text. */
function storedClean(a: ReprocessArticle): CleanArticle {
  return {
    source: a.canonicalUrl, title: a.title, byline: a.byline, siteName: a.siteName, canonicalUrl: a.canonicalUrl,
    language: a.language ?? 'und', declaredLanguage: null, dateCandidates: [],
    // Only a page date is the page's own; a feed date is applied again from the stored feed date (reextract-article.ts).
    publishedAt: a.dateSource === 'page' ? (a.publishedAt?.toISOString() ?? null) : null,
    text: a.text, sentences: [], path: a.cleanPath === 'readability' || a.cleanPath === 'fallback' ? a.cleanPath : 'text',
  };
}

interface Opened {
  runId: number;
  resumed: boolean;
  counts: Counts;
  errors: RunError[];
}

async function openOrResume(db: Db, since: Date | null, log: Logger): Promise<Opened> {
  const sinceMs = since ? since.getTime() : -1;
  const previous = await findUnfinishedRun(db, REPROCESS_RUN_KIND);
  if (previous && previous.counts.since_ms === sinceMs && previous.counts.cursor !== undefined) {
    log.info({ run_id: previous.id, cursor: previous.counts.cursor }, 'resuming unfinished reprocess run');
    await updateRun(db, previous.id, { status: 'running' });
    return { runId: previous.id, resumed: true, counts: { ...previous.counts }, errors: [...previous.errors] };
  }
  const { total, maxId } = await countArticlesForReprocess(db, { since });
  const counts: Counts = { since_ms: sinceMs, cursor: 0, up_to: maxId, total, ...Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) };
  return { runId: await startRun(db, REPROCESS_RUN_KIND, counts), resumed: false, counts, errors: [] };
}

/**
 * Re-cleans and re-extracts every stored article (or those since `since`) and stores the result; resumes an
 * interrupted run with the same `since`. Articles that fail to clean or extract are recorded in the run and skipped;
 * a database failure stops the run (status failed) and the next run continues from the last saved batch.
 */
export async function reprocessArticles(
  database: { db: Db },
  extractorFactory: () => Extractor | Promise<Extractor>,
  opts: ReprocessOptions = {},
): Promise<ReprocessSummary> {
  const { db } = database;
  const log = opts.log ?? silentLogger;
  const since = opts.since ?? null;
  const batchSize = Math.max(1, opts.batchSize ?? 50);
  const extractor = await extractorFactory();
  const clean = opts.clean ?? (await import('../clean/clean-document.ts')).cleanDocument;
  const { runId, resumed, counts, errors } = await openOrResume(db, since, log);
  const progress = (): ReprocessProgress => ({ done: counts.done!, total: counts.total!, updated: counts.updated!, unchanged: counts.unchanged!, failed: counts.failed! });
  const summary = (status: 'ok' | 'aborted'): ReprocessSummary => ({
    runId, resumed, status, ...progress(), events: counts.events!, newEvents: counts.new_events!, removedEvents: counts.removed_events!,
  });
  opts.onProgress?.(progress());
  try {
    for (;;) {
      if (opts.signal?.aborted) {
        await finishRun(db, runId, { status: 'aborted', counts, errors });
        return summary('aborted');
      }
      const batch = await nextArticlesForReprocess(db, { since, afterId: counts.cursor!, upToId: counts.up_to! }, batchSize);
      if (!batch.length) break;
      for (const article of batch) {
        if (opts.signal?.aborted) break;
        let prepared: { clean: CleanArticle; extraction: ReturnType<Extractor['extract']> };
        try {
          const cleanArticle = article.rawGzip
            ? clean({ body: gunzipSync(article.rawGzip), source: article.canonicalUrl, contentType: article.contentType, url: article.canonicalUrl })
            : storedClean(article);
          prepared = { clean: cleanArticle, extraction: extractor.extract(cleanArticle) };
        } catch (err) {
          counts.failed!++;
          errors.push({ at: new Date().toISOString(), message: (err as Error).message, url: article.canonicalUrl });
          log.warn({ article_id: article.id, article_url: article.canonicalUrl, error: (err as Error).message }, 'reprocess: article skipped');
          counts.cursor = article.id;
          counts.done!++;
          continue;
        }
        const result = await reextractArticle(database, article.id, prepared.clean, prepared.extraction, { mergeWindowDays: opts.mergeWindowDays });
        counts[result.status === 'unchanged' ? 'unchanged' : 'updated']!++;
        counts.events! += result.events;
        counts.new_events! += result.newEvents;
        counts.removed_events! += result.removedEvents;
        counts.cursor = article.id;
        counts.done!++;
        // jsdom keeps each window until the event loop turns (PERFORMANCE.md section 1).
        await new Promise((r) => setImmediate(r));
      }
      await updateRun(db, runId, { counts, errors });
      opts.onProgress?.(progress());
      log.info({ run_id: runId, count: counts.done, total: counts.total, updated: counts.updated, failed: counts.failed }, 'reprocess progress');
    }
  } catch (err) {
    await finishRun(db, runId, { status: 'failed', counts, errors: [...errors, { at: new Date().toISOString(), message: (err as Error).message }] }).catch(() => {});
    throw err;
  }
  await finishRun(db, runId, { status: 'ok', counts, errors });
  return summary('ok');
}
