// The weekly digest timer behind `radar run`: on start it catches up a send missed while the process was down,
// then sleeps until the configured weekday and hour. runDigest records each (week, recipient), so a catch-up never
// sends anyone the same week twice.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../db/client.ts';
import { silentLogger, type Logger } from '../log.ts';
import type { DigestConfig } from './config.ts';
import { nextDigestTime, previousDigestTime } from './schedule.ts';
import { runDigest } from './send.ts';

export interface DigestTimerOptions {
  database: Database;
  config: DigestConfig;
  signal: AbortSignal;
  log?: Logger;
  /** Catch up the most recent scheduled send at start when it happened less than this long ago (default 3 days). */
  catchUpMs?: number;
}

/** Runs digest sends at their scheduled times until `signal` aborts; a failed send is logged and retried next time. */
export async function runDigestTimer(opts: DigestTimerOptions): Promise<void> {
  const log = opts.log ?? silentLogger;
  const send = async (at: Date) => {
    try {
      const result = await runDigest(opts.database, { config: opts.config, now: at, log, signal: opts.signal });
      const sent = result.recipients.filter((r) => r.outcome === 'sent').length;
      log.info({ week: result.week, count: sent, transport: result.transport }, 'digest run done');
    } catch (err) {
      log.error({ error: (err as Error).message }, 'digest run failed');
    }
  };
  const last = previousDigestTime(opts.config, new Date());
  if (Date.now() - last.getTime() < (opts.catchUpMs ?? 3 * 86_400_000)) await send(new Date());
  while (!opts.signal.aborted) {
    const next = nextDigestTime(opts.config, new Date());
    log.info({ next_at: next.toISOString() }, 'next digest scheduled');
    try {
      // Sleep in bounded steps: a long single timer would drift across suspend/resume of a laptop.
      await sleep(Math.min(3_600_000, Math.max(0, next.getTime() - Date.now())), undefined, { signal: opts.signal });
    } catch {
      break;
    }
    if (Date.now() >= next.getTime()) await send(new Date());
  }
}
