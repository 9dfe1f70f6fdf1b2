// Opens the database: embedded PGlite under RADAR_DATA_DIR when DATABASE_URL is unset, else a Postgres server
// through postgres.js. Same drizzle schema, same migrations, same query code on both.
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { RadarError } from '../errors.ts';
import { projectPath } from '../paths.ts';
import { mark } from '../timing.ts';
import { lockDataDir } from './lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The drizzle handle every query function takes; the same type on PGlite and postgres.js. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Human-readable location without secrets: the data folder, or the server's host/database. */
  where: string;
  /** Runs raw SQL and returns its rows (bridges the two drivers' result shapes). */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Names the opener in the lock file and in the busy message ("radar serve", "radar ingest"). */
  purpose?: string;
  /** Apply pending migrations after opening (default true). */
  migrate?: boolean;
  /** postgres.js pool size (default 10). */
  maxConnections?: number;

}

export const MIGRATIONS_DIR = projectPath('migrations');

/** Where the embedded database lives: RADAR_DATA_DIR or ./data, with PGlite's files under pglite/. */
export function defaultDataDir(): string {
  return resolve(process.env.RADAR_DATA_DIR ?? 'data');
}

/** Redacts the password in a connection string for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Opens the configured database (env DATABASE_URL / RADAR_DATA_DIR unless given) and, by default, migrates it. */
export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL ?? '';
  const database = url ? await openPostgres(url, opts.maxConnections ?? 10) : await openPglite(opts.dataDir ?? defaultDataDir(), opts.purpose ?? 'radar');
  mark(`database: ${database.kind} open`);
  if (opts.migrate !== false) {
    try {
      await migrateDatabase(database);
      mark('database: migrations checked');
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

async function openPglite(dataDir: string, purpose: string): Promise<Database> {
  const release = lockDataDir(dataDir, purpose);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    mark('database: pglite and drizzle modules loaded');
    mkdirSync(resolve(dataDir, 'pglite'), { recursive: true });
    const client = await PGlite.create(resolve(dataDir, 'pglite'));
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      where: resolve(dataDir),
      rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
      migrate: async () => {
        const { migrate } = await import('drizzle-orm/pglite/migrator');
        await migrate(db as never, { migrationsFolder: MIGRATIONS_DIR });
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw new RadarError(`cannot open the embedded database in ${dataDir}: ${(err as Error).message}`, { cause: err });
  }
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 1 });
    throw new RadarError(`cannot connect to ${redactUrl(url)}: ${(err as Error).message}`, { cause: err });
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  const u = new URL(url);
  return {
    db,
    kind: 'postgres',
    where: `${u.hostname}:${u.port || 5432}${u.pathname}`,
    rows: async <T>(query: SQL) => (await db.execute(query)) as unknown as T[],
    migrate: async () => {
      // Several workers may start at once: a session-level advisory lock on one reserved connection serialises them,
      // and the ones that wait find nothing left to apply.
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(7261746172)`;
        await migrate(drizzle(single, { schema }) as never, { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await single`select pg_advisory_unlock(7261746172)`.catch(() => {});
        await single.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** The creation time (drizzle's folderMillis) of the newest migration in migrations/meta/_journal.json. */
function newestMigrationMillis(): number | null {
  try {
    const journal = JSON.parse(readFileSync(resolve(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number }> };
    return journal.entries.at(-1)?.when ?? null;
  } catch {
    return null;
  }
}

/**
 * True when the database has applied the newest migration. drizzle's migrator applies exactly the migrations newer than
 * the last one recorded, so then it would do nothing; this one query spares its schema DDL and the reading and hashing
 * of every migration file on each start (a second of `radar ingest` under load).
 */
async function upToDate(database: Database): Promise<boolean> {
  const newest = newestMigrationMillis();
  if (newest === null) return false;
  try {
    const rows = await database.rows<{ created_at: unknown }>(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    return Number(rows[0]?.created_at) === newest;
  } catch {
    return false; // no migrations table yet: a new database
  }
}

/** Applies pending migrations; a no-op when there are none. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (await upToDate(database)) return;
  await database.migrate();
}
