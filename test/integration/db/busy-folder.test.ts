// PGlite allows one process per data folder: a second `radar` process must fail at once with one readable line
// (exit code 3) instead of hanging or corrupting the store. Runs on PGlite whatever DATABASE_URL says.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/client.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';

function runRadar(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['radar', ...args], { cwd: PROJECT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a busy embedded data folder', () => {
  let dataDir: string;
  let held: Database;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'radar-busy-'));
    held = await openDatabase({ dataDir, databaseUrl: '', purpose: 'vitest holder' });
  });
  afterAll(async () => {
    await held?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes a second process exit with code 3 and one line naming the folder', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, RADAR_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    const r = await runRadar(['migrate'], env);
    expect(r.code).toBe(3);
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dataDir);
    expect(lines[0]).toMatch(/in use by process \d+/);
    expect(r.stdout).toBe('');
    // The holder is unharmed and still works.
    expect(await held.rows<{ one: number }>((await import('drizzle-orm')).sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });
});
