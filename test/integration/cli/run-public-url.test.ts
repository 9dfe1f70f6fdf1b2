// `radar run` says once, at start, when RADAR_PUBLIC_URL is unset (the digest then has no links to the review UI),
// and says nothing when it is set; a malformed RADAR_PUBLIC_URL stops it with a message naming the variable.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts `radar run` on an empty feed list and a fresh PGlite folder; stops it once it has logged that it started. */
function runUntilStarted(env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const work = mkdtempSync(join(tmpdir(), 'radar-run-url-'));
  dirs.push(work);
  const config = join(work, 'config');
  cpSync(DEFAULT_CONFIG_DIR, config, { recursive: true });
  writeFileSync(join(config, 'feeds.yaml'), 'feeds: []\n');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', RADAR_DATA_DIR: join(work, 'data'), RADAR_OUTBOX: join(work, 'outbox'), ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.SMTP_URL;
  if (!('RADAR_PUBLIC_URL' in env)) delete childEnv.RADAR_PUBLIC_URL;
  const child = spawn(process.execPath, ['bin/radar.js', 'run', '--config', config, '--port', '0'], { cwd: PROJECT_DIR, env: childEnv });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += String(c)));
  child.stderr.on('data', (c) => {
    stderr += String(c);
    if (stderr.includes('"radar run started"')) child.kill('SIGTERM');
  });
  return new Promise((done) => child.on('exit', (code) => done({ stdout, stderr, code })));
}

describe('radar run and RADAR_PUBLIC_URL', () => {
  it('says once at start that the digest will not link to the review UI when RADAR_PUBLIC_URL is unset', async () => {
    const out = await runUntilStarted({});
    expect(out.stdout.match(/RADAR_PUBLIC_URL is not set/g), out.stderr).toHaveLength(1);
  });

  it('says nothing about it when RADAR_PUBLIC_URL is set, and names the variable when it is not a URL', async () => {
    const set = await runUntilStarted({ RADAR_PUBLIC_URL: 'https://radar.radar.test' });
    expect(set.stderr).toContain('"radar run started"');
    expect(set.stdout).not.toContain('RADAR_PUBLIC_URL');
    const bad = await runUntilStarted({ RADAR_PUBLIC_URL: 'radar.internal:8080' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('RADAR_PUBLIC_URL "radar.internal:8080": not an http(s) URL');
  });
});
