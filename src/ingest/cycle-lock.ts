// At most one ingest cycle at a time. On Postgres a transaction-scoped advisory lock, held by a transaction that stays
// open for the whole cycle on its own pooled connection, covers every process and host; it is released even if the
// process dies, because the server ends the transaction with the connection. On PGlite the data-folder lock already
// keeps other processes out, so an in-process flag covers the rest (a scheduler tick overlapping a manual run).
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

/** Advisory lock key for ingest cycles ("radar-ingest"). */
const INGEST_LOCK_KEY = 7261746173;

const heldInProcess = new WeakSet<object>();

export type ReleaseLock = () => Promise<void>;

/** Takes the ingest-cycle lock without waiting; resolves to the release function, or null when a cycle is running. */
export async function tryAcquireCycleLock(database: Database): Promise<ReleaseLock | null> {
  if (heldInProcess.has(database.db)) return null;
  heldInProcess.add(database.db);
  if (database.kind !== 'postgres') {
    return async () => void heldInProcess.delete(database.db);
  }
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let settle!: (got: boolean) => void;
  const acquired = new Promise<boolean>((resolve) => (settle = resolve));
  const holder = database.db
    .transaction(async (tx) => {
      const [row] = (await tx.execute(sql`select pg_try_advisory_xact_lock(${INGEST_LOCK_KEY}) as got`)) as unknown as Array<{ got: boolean }>;
      settle(Boolean(row?.got));
      if (row?.got) await released;
    })
    .catch(() => settle(false));
  if (!(await acquired)) {
    heldInProcess.delete(database.db);
    await holder;
    return null;
  }
  return async () => {
    release();
    await holder;
    heldInProcess.delete(database.db);
  };
}
