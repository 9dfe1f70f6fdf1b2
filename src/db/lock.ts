// PGlite takes one connection, so exactly one process may own an embedded data folder. A lock file with the
// owner's pid makes a second process fail at once with a clear message instead of hanging or corrupting the store.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseBusyError } from '../errors.ts';

const LOCK_NAME = 'radar.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data folder's lock or throws DatabaseBusyError naming the folder and the owning pid; returns the release function. */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: { pid?: number; purpose?: string } = {};
      try {
        owner = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        // A lock file cut short by a crash between create and write: treat as stale.
      }
      if (owner.pid && owner.pid !== process.pid && isAlive(owner.pid)) {
        throw new DatabaseBusyError(
          `data folder ${dataDir} is in use by process ${owner.pid} (${owner.purpose ?? 'radar'}); the embedded database allows one process: stop it, run the command through that process, or set DATABASE_URL to use a Postgres server`,
        );
      }
      // The owner died without releasing (crash, kill -9): the lock is stale, take it over.
      rmSync(path, { force: true });
    }
  }
  throw new DatabaseBusyError(`data folder ${dataDir}: could not take the lock ${path}`);
}
