// A fresh, migrated database per test file: PGlite in a temp folder by default, or, when DATABASE_URL names a
// Postgres server (CI), a new database on that server per file, so files run in parallel without seeing each other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/db/client.ts';

export interface TestDatabase extends Database {
  /** Drops the database / removes the folder. */
  destroy(): Promise<void>;
  /** PGlite folder, or null on a server. */
  dataDir: string | null;
  /** The connection string of the per-file database on a server, or null on PGlite. */
  url: string | null;
}

export const ENGINE: 'postgres' | 'pglite' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/** Creates an empty database next to the one DATABASE_URL names and returns its URL and a drop function. */
export async function createScratchServerDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `radar_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const again = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}

/** Opens a fresh migrated database for one test file. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const scratch = await createScratchServerDatabase(baseUrl);
    const database = await openDatabase({ databaseUrl: scratch.url, maxConnections: 4 });
    return {
      ...database,
      dataDir: null,
      url: scratch.url,
      destroy: async () => {
        await database.close();
        await scratch.drop();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'radar-test-db-'));
  const database = await openDatabase({ dataDir, databaseUrl: '', purpose: 'vitest' });
  return {
    ...database,
    dataDir,
    url: null,
    destroy: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
