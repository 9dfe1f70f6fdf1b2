// Pipeline runs (ingest cycles, reprocess, digests): a row opened at start, progress saved as it goes, closed with
// its counts and errors; an unfinished run is what a resumable command picks up again.
// Each row records the process that opened it (runs.owner), so that the next run of the same kind can tell a run
// whose process was killed from one still going, and mark the dead one `interrupted` instead of `running` forever.
import { hostname } from 'node:os';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { currentOwner, ownerGone } from '../lock.ts';
import { runs, type Run } from '../schema.ts';
import { NotFoundError } from './not-found.ts';

/** `partial`: a digest run with failed or unconfirmed recipients; `interrupted`: its process died before it finished. */
export type RunStatus = 'running' | 'ok' | 'failed' | 'aborted' | 'partial' | 'interrupted';
export type RunError = Run['errors'][number];

/** Errors kept per run: enough to diagnose, bounded so a run over a bad feed list does not grow one row forever. */
export const MAX_RUN_ERRORS = 200;

/** Opens a run of `kind` and returns its id. */
export async function startRun(db: Db, kind: string, counts: Record<string, number> = {}): Promise<number> {
  const { host, pid, startTicks } = currentOwner();
  const [row] = await db.insert(runs).values({ kind, counts, owner: { host, pid, startTicks } }).returning({ id: runs.id });
  return row!.id;
}

/** Saves progress (counts and errors so far) on a run; `status: 'running'` reopens an interrupted run being resumed (by this process). */
export async function updateRun(db: Db, id: number, patch: { counts?: Record<string, number>; errors?: RunError[]; status?: 'running' }): Promise<void> {
  const set: Partial<Run> = {};
  if (patch.status) {
    const { host, pid, startTicks } = currentOwner();
    Object.assign(set, { status: patch.status, endedAt: null, owner: { host, pid, startTicks } });
  }
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
    .where(and(eq(runs.kind, kind), inArray(runs.status, ['running', 'aborted', 'failed', 'interrupted'])))
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

/** Why the process that opened `run` is known to be gone, or null when it may still be working on it. */
function deadReason(run: Run, othersAreDead: boolean): string | null {
  if (othersAreDead) return 'its process stopped before finishing (this run holds the lock for its kind)';
  if (!run.owner) return 'it was opened by an older version that did not record its process';
  // A pid means nothing on another machine sharing the Postgres server: such a run is left alone.
  if (run.owner.host !== hostname()) return null;
  const gone = ownerGone({ pid: run.owner.pid, startTicks: run.owner.startTicks, since: run.startedAt.toISOString() });
  return gone ? `its process stopped before finishing: ${gone}` : null;
}

/**
 * Marks the `running` runs of `kind` whose process is gone as `interrupted` (ended now, the reason added to its errors)
 * and returns them. With `othersAreDead` (the caller holds the lock that only one run of the kind can hold, as an
 * ingest cycle does), every other running row is dead; otherwise a row is dead when its recorded process on this
 * host is no longer that process. Idempotent: an interrupted row is not running any more.
 */
export async function markInterruptedRuns(db: Db, kind: string, opts: { exceptId?: number; othersAreDead?: boolean } = {}): Promise<Run[]> {
  const open = await db.select().from(runs).where(and(eq(runs.kind, kind), eq(runs.status, 'running')));
  const marked: Run[] = [];
  for (const run of open) {
    if (run.id === opts.exceptId) continue;
    const why = deadReason(run, opts.othersAreDead ?? false);
    if (!why) continue;
    const errors = [...run.errors, { at: new Date().toISOString(), message: `interrupted: ${why}` }].slice(-MAX_RUN_ERRORS);
    const [row] = await db.update(runs).set({ status: 'interrupted', endedAt: new Date(), errors })
      .where(and(eq(runs.id, run.id), eq(runs.status, 'running'))).returning();
    if (row) marked.push(row);
  }
  return marked;
}

/** One line for a terminal: the runs that were found dead and marked interrupted. */
export function describeInterrupted(kind: string, marked: Run[]): string | null {
  if (!marked.length) return null;
  const list = marked.map((r) => `run ${r.id} (started ${r.startedAt.toISOString()})`).join(', ');
  return `${kind}: earlier ${marked.length === 1 ? 'run' : 'runs'} never finished, now marked interrupted: ${list}`;
}
