// Pipeline runs (ingest cycles, reprocess, digests): a row opened at start, progress saved as it goes, closed with
// its counts and errors; an unfinished run is what a resumable command picks up again.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { runs, type Run } from '../schema.ts';
import { NotFoundError } from './not-found.ts';

export type RunStatus = 'running' | 'ok' | 'failed' | 'aborted';
export type RunError = Run['errors'][number];

/** Errors kept per run: enough to diagnose, bounded so a run over a bad feed list does not grow one row forever. */
export const MAX_RUN_ERRORS = 200;

/** Opens a run of `kind` and returns its id. */
export async function startRun(db: Db, kind: string, counts: Record<string, number> = {}): Promise<number> {
  const [row] = await db.insert(runs).values({ kind, counts }).returning({ id: runs.id });
  return row!.id;
}

/** Saves progress (counts and errors so far) on a run; `status: 'running'` reopens an interrupted run being resumed. */
export async function updateRun(db: Db, id: number, patch: { counts?: Record<string, number>; errors?: RunError[]; status?: 'running' }): Promise<void> {
  const set: Partial<Run> = {};
  if (patch.status) Object.assign(set, { status: patch.status, endedAt: null });
  if (patch.counts) set.counts = patch.counts;
  if (patch.errors) set.errors = patch.errors.slice(-MAX_RUN_ERRORS);
  if (!Object.keys(set).length) return;
  const done = await db.update(runs).set(set).where(eq(runs.id, id)).returning({ id: runs.id });
  if (!done.length) throw new NotFoundError('run', id);
}

/** Closes a run with its final status, counts and errors. */
export async function finishRun(
  db: Db, id: number, result: { status: Exclude<RunStatus, 'running'>; counts?: Record<string, number>; errors?: RunError[] },
): Promise<void> {
  const set: Partial<Run> = { status: result.status, endedAt: new Date() };
  if (result.counts) set.counts = result.counts;
  if (result.errors) set.errors = result.errors.slice(-MAX_RUN_ERRORS);
  const done = await db.update(runs).set(set).where(eq(runs.id, id)).returning({ id: runs.id });
  if (!done.length) throw new NotFoundError('run', id);
}

/** One run by id, or null. */
export async function getRun(db: Db, id: number): Promise<Run | null> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row ?? null;
}

/** The most recent run of `kind` that never finished (crashed or interrupted), or null. */
export async function findUnfinishedRun(db: Db, kind: string): Promise<Run | null> {
  const [row] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.kind, kind), inArray(runs.status, ['running', 'aborted', 'failed'])))
    .orderBy(desc(runs.startedAt), desc(runs.id))
    .limit(1);
  return row ?? null;
}

/** The latest runs, newest first (for the UI and `radar` summaries). */
export async function listRuns(db: Db, opts: { kind?: string; limit?: number } = {}): Promise<Run[]> {
  return db
    .select()
    .from(runs)
    .where(opts.kind ? eq(runs.kind, opts.kind) : undefined)
    .orderBy(desc(runs.startedAt), desc(runs.id))
    .limit(opts.limit ?? 20);
}
