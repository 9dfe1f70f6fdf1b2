// PGlite takes one connection, so exactly one process may own an embedded data folder. A lock file with the
// owner's pid makes a second process fail at once with a clear message instead of hanging or corrupting the store.
//
// A pid alone is not an identity: after a crash (kill -9, power loss) the pid in the file may belong to any other
// process, and "that pid is alive" would then refuse every later command forever. So the file also records the
// owner's start time from /proc (and the boot id), and a live pid whose start time differs is a reused pid: the lock
// is stale, is reported once (onStale) and is taken over. Without /proc (macOS) only the pid check remains.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DatabaseBusyError } from '../errors.ts';

const LOCK_NAME = 'radar.lock';
/** Linux reports process start times in clock ticks of USER_HZ, which is 100 on every architecture Node runs on. */
const USER_HZ = 100;

interface LockOwner {
  pid?: number;
  purpose?: string;
  since?: string;
  host?: string;
  /** Field 22 of /proc/PID/stat: the owner's start time in clock ticks since boot. */
  startTicks?: string | null;
  bootId?: string | null;
}

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** The start time of `pid` in clock ticks since boot (/proc/PID/stat field 22), or null without /proc or without the process. */
export function processStartTicks(pid: number): string | null {
  return readOr(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  }, null);
}

function bootId(): string | null {
  return readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), null);
}

/** Boot time in ms since the epoch (/proc/stat btime), or null. */
function bootTimeMs(): number | null {
  return readOr(() => {
    const m = readFileSync('/proc/stat', 'utf8').match(/^btime (\d+)$/m);
    return m ? Number(m[1]) * 1000 : null;
  }, null);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process as a lock owner, for the lock file and for runs.owner. */
export function currentOwner(): { host: string; pid: number; startTicks: string | null; bootId: string | null } {
  return { host: hostname(), pid: process.pid, startTicks: processStartTicks(process.pid), bootId: bootId() };
}

/**
 * Why the process recorded as `owner` is gone although its pid may be in use, or null when it may still be running.
 * Dead pid, another boot, another start time, or (for a record without a start time) a process younger than the record.
 * The host name is recorded but not compared: a container recreated on the same volume gets a new one.
 */
export function ownerGone(owner: LockOwner): string | null {
  if (!owner.pid) return 'the lock names no process';
  if (!pidAlive(owner.pid)) return `process ${owner.pid} is no longer running`;
  const reused = `pid ${owner.pid} now belongs to another process`;
  const boot = bootId();
  if (owner.bootId && boot && owner.bootId !== boot) return `the machine restarted since, and ${reused}`;
  const ticks = processStartTicks(owner.pid);
  if (owner.startTicks && ticks) return owner.startTicks === ticks ? null : reused;
  // A record without a start time (an older lock file): the pid's process started after the record was written.
  const since = owner.since ? Date.parse(owner.since) : NaN;
  const btime = bootTimeMs();
  if (ticks && btime !== null && !Number.isNaN(since) && btime + (Number(ticks) / USER_HZ) * 1000 > since + 2000) return reused;
  return null;
}

export interface LockOptions {
  /** Told once when a stale lock (its owner crashed or its pid was reused) is cleared; default: a line on stderr. */
  onStale?: (message: string) => void;
}

function warnStale(message: string): void {
  process.stderr.write(`radar: warning: ${message}\n`);
}

/** Takes the data folder's lock or throws DatabaseBusyError naming the folder and the owning pid; returns the release function. */
export function lockDataDir(dataDir: string, purpose: string, opts: LockOptions = {}): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ ...currentOwner(), purpose, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: LockOwner = {};
      try {
        owner = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        // A lock file cut short by a crash between create and write: treat as stale.
      }
      const gone = owner.pid === process.pid ? 'it names this very process' : ownerGone(owner);
      if (gone === null) {
        throw new DatabaseBusyError(
          `data folder ${dataDir} is in use by process ${owner.pid} (${owner.purpose ?? 'radar'}); the embedded database allows one process: stop it, run the command through that process, or set DATABASE_URL to use a Postgres server`,
        );
      }
      // The owner died without releasing (crash, kill -9): the lock is stale, say so once and take it over.
      rmSync(path, { force: true });
      const who = owner.pid ? `process ${owner.pid} (${owner.purpose ?? 'radar'}${owner.since ? `, since ${owner.since}` : ''})` : 'an unreadable lock file';
      (opts.onStale ?? warnStale)(`data folder ${dataDir}: cleared a stale lock left by ${who}: ${gone}`);
    }
  }
  throw new DatabaseBusyError(`data folder ${dataDir}: could not take the lock ${path}`);
}
