// startScheduler: the ingest loop behind `radar run`. Runs a cycle, sleeps until the next feed is due (within
// bounds), repeats until the signal aborts. One HTTP client and one extractor live across cycles (rebuilt when an
// analyst changes aliases or merges entities, checked at the start of each cycle).
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, min } from 'drizzle-orm';
import { feeds } from '../db/schema.ts';
import { loadFetchConfig } from '../fetch/fetch-config.ts';
import { createHttpClient } from '../fetch/http.ts';
import { silentLogger } from '../log.ts';
import { formatSummary, lazyProcessPage, runIngestCycle, type IngestContext } from './cycle.ts';

export interface SchedulerOptions {
  /** Shortest pause between cycles (default 30 s). */
  minSleepMs?: number;
  /** Longest pause, so feeds added in the UI are picked up (default 10 min). */
  maxSleepMs?: number;
  /** Called after each cycle (the web UI can show the last run). */
  onCycle?: (summary: Awaited<ReturnType<typeof runIngestCycle>>) => void;
}

/** Runs ingest cycles until `ctx.signal` aborts; resolves once the loop has stopped. A failed cycle is logged, not fatal. */
export async function startScheduler(ctx: IngestContext & { signal: AbortSignal }, opts: SchedulerOptions = {}): Promise<void> {
  const log = ctx.log ?? silentLogger;
  const config = ctx.fetchConfig ?? loadFetchConfig(ctx.configDir);
  const http = ctx.http ?? createHttpClient(config, { log, settingsFile: join(ctx.configDir, 'fetch.yaml') });
  const shared: IngestContext = { ...ctx, fetchConfig: config, http, processPage: ctx.processPage ?? lazyProcessPage(ctx.configDir, ctx.database.db) };
  const minSleepMs = opts.minSleepMs ?? 30_000;
  const maxSleepMs = opts.maxSleepMs ?? 600_000;
  try {
    while (!ctx.signal.aborted) {
      try {
        const summary = await runIngestCycle(shared);
        log.info({ summary: formatSummary(summary) }, 'scheduler cycle done');
        opts.onCycle?.(summary);
      } catch (err) {
        if (ctx.signal.aborted) break;
        log.error({ error: (err as Error).message }, 'ingest cycle failed');
      }
      const [row] = await ctx.database.db.select({ next: min(feeds.nextCheckAt) }).from(feeds).where(and(eq(feeds.paused, false))).catch(() => []);
      const next = row?.next ? new Date(row.next).getTime() - Date.now() : maxSleepMs;
      const waitMs = Math.min(maxSleepMs, Math.max(minSleepMs, next));
      log.debug({ sleep_ms: waitMs }, 'scheduler sleeping');
      await sleep(waitMs, undefined, { signal: ctx.signal }).catch(() => {});
    }
  } finally {
    if (!ctx.http) await http.close().catch(() => {});
  }
}
