// A stale PGlite lock whose pid now belongs to another live process: the lock records its owner's start time, so a
// reused pid is told from a live holder; the stale lock is reported once, cleared, and `radar ingest` runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import { lockDataDir, processStartTicks } from '../../../src/db/lock.ts';
import { DatabaseBusyError } from '../../../src/errors.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';

const HAS_PROC = processStartTicks(process.pid) !== null;
const work = mkdtempSync(join(tmpdir(), 'radar-stale-lock-'));
let bystander: ChildProcess;

beforeAll(async () => {
  // Any live process that is not a radar process: it stands for the one that got the crashed owner's pid.
  bystander = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => bystander.once('spawn', resolve));
});
afterAll(() => {
  bystander?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
function dirWithLock(owner: Record<string, unknown>): string {
  const dir = join(work, `d${n++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'radar.lock'), JSON.stringify(owner));
  return dir;
}
const anHourAgo = () => new Date(Date.now() - 3600_000).toISOString();

describe.skipIf(!HAS_PROC)('lockDataDir with a reused pid', () => {
  it('takes over a lock whose pid is alive but started at another time, and says so once', () => {
    const dir = dirWithLock({ pid: bystander.pid, purpose: 'radar ingest', since: anHourAgo(), startTicks: '1' });
    const told: string[] = [];
    const release = lockDataDir(dir, 'vitest', { onStale: (m) => told.push(m) });
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`stale lock left by process ${bystander.pid} (radar ingest`);
    expect(told[0]).toContain(`pid ${bystander.pid} now belongs to another process`);
    expect(JSON.parse(readFileSync(join(dir, 'radar.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(join(dir, 'radar.lock'))).toBe(false);
  });

  it('takes over an older lock file without a start time when the pid process is younger than the lock', () => {
    const dir = dirWithLock({ pid: bystander.pid, purpose: 'radar ingest', since: anHourAgo() });
    const told: string[] = [];
    lockDataDir(dir, 'vitest', { onStale: (m) => told.push(m) })();
    expect(told).toHaveLength(1);
  });

  it('still refuses while the recorded process itself is alive', () => {
    const dir = dirWithLock({ pid: bystander.pid, purpose: 'radar run', since: new Date().toISOString(), startTicks: processStartTicks(bystander.pid!) });
    expect(() => lockDataDir(dir, 'vitest', { onStale: () => {} })).toThrow(DatabaseBusyError);
    expect(() => lockDataDir(dir, 'vitest', { onStale: () => {} })).toThrow(`in use by process ${bystander.pid} (radar run)`);
  });
});

function radar(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(PROJECT_DIR, 'bin', 'radar.js'), ...args], { env, cwd: work });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!HAS_PROC)('radar ingest after a crash whose pid was reused', () => {
  it('reports the stale lock once, clears it and runs the cycle instead of "skipped" forever', { timeout: 300_000 }, async () => {
    const dataDir = dirWithLock({ pid: bystander.pid, purpose: 'radar ingest', since: anHourAgo(), startTicks: '1' });
    const feeds = join(work, 'no-feeds.yaml');
    writeFileSync(feeds, 'feeds: []\n');
    const env: NodeJS.ProcessEnv = { ...process.env, RADAR_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', VITEST: '' };
    const first = await radar(['ingest', '--feeds', feeds, '--config', DEFAULT_CONFIG_DIR], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toMatch(/skipped/);
    expect(first.stdout).toMatch(/^ingest: 0 feeds due/);
    expect(first.stderr.match(/cleared a stale lock/g)).toHaveLength(1);
    // The run released its own lock on exit: the next run finds no lock at all, so nothing more is reported.
    expect(existsSync(join(dataDir, 'radar.lock'))).toBe(false);
  });
});
