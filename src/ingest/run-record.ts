// The runs table: one row per ingest cycle, opened at the start and closed with its counts and errors.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { runs } from '../db/schema.ts';

export interface RunError {
  at: string;
  message: string;
  url?: string;
}

/** Most errors kept on a run row; the rest are counted, not listed. */
const MAX_RUN_ERRORS = 100;

/** Opens a run row and returns its id. */
export async function startRun(db: Db, kind: string, now: Date): Promise<number> {
  const [row] = await db.insert(runs).values({ kind, status: 'running', startedAt: now }).returning({ id: runs.id });
  return row!.id;
}

/** Closes a run row with its final status, counts and (the first MAX_RUN_ERRORS) errors. */
export async function finishRun(db: Db, id: number, status: 'ok' | 'aborted' | 'failed', counts: Record<string, number>, errors: RunError[]): Promise<void> {
  await db.update(runs).set({ status, endedAt: new Date(), counts, errors: errors.slice(0, MAX_RUN_ERRORS) }).where(eq(runs.id, id));
}
