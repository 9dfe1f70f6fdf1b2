// `radar users digest EMAIL on|off` and the digest column of `radar users list`, run as a user runs them: the real
// binary on a fresh database (PGlite folder, or a scratch database when DATABASE_URL is set).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchServerDatabase, ENGINE } from '../../helpers/db.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';

const run = promisify(execFile);

describe(`radar users digest (${ENGINE})`, () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'radar-users-cli-'));
    env = { ...process.env, LOG_LEVEL: 'silent', RADAR_PASSWORD: 'a long enough password' };
    if (process.env.DATABASE_URL) {
      const scratch = await createScratchServerDatabase(process.env.DATABASE_URL);
      env.DATABASE_URL = scratch.url;
      cleanup = scratch.drop;
    } else {
      delete env.DATABASE_URL;
      env.RADAR_DATA_DIR = join(work, 'data');
    }
  });
  afterAll(async () => {
    await cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const radar = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['bin/radar.js', 'users', ...args], { cwd: PROJECT_DIR, env, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const digestColumn = (list: string) => Object.fromEntries(list.trim().split('\n').slice(1).map((l) => l.split('\t')).map((c) => [c[1], c[4]]));

  it('turns the digest on and off, and shows it in the list', async () => {
    expect((await radar('add', 'Ana@Radar.test', '--role', 'analyst')).code).toBe(0);
    const list = await radar('list');
    expect(list.stdout.split('\n')[0]).toBe('id\temail\trole\tstate\tdigest\tcreated');
    expect(digestColumn(list.stdout)).toEqual({ 'ana@radar.test': 'off' });
    const on = await radar('digest', 'ana@radar.test', 'on');
    expect(on).toMatchObject({ code: 0 });
    expect(on.stdout).toContain('weekly digest on for ana@radar.test');
    expect(digestColumn((await radar('list')).stdout)).toEqual({ 'ana@radar.test': 'on' });
    expect((await radar('digest', 'ANA@radar.test', 'off')).code).toBe(0);
    expect(digestColumn((await radar('list')).stdout)).toEqual({ 'ana@radar.test': 'off' });
  });

  it('says when digest.yaml would ignore the choice, and names an unknown account or a bad choice', async () => {
    writeFileSync(join(work, 'digest.yaml'), ['time_zone: UTC', 'schedule: { weekday: monday, hour: 8 }', 'from: "Radar <radar@radar.test>"', 'opted_in_users: false'].join('\n'));
    const on = await radar('digest', 'ana@radar.test', 'on', '--config', work);
    expect(on.stdout).toContain('opted_in_users: false');
    const unknown = await radar('digest', 'nobody@radar.test', 'on');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no account for nobody@radar.test');
    const bad = await radar('digest', 'ana@radar.test', 'yes');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('on|off');
  });
});
