// `radar run --config DIR` as users run it: the review UI reads the same config folder as the scheduler and the digest
// timer (issue 13 item 12: the digest page showed the checkout's Europe/Berlin while DIR said Asia/Tokyo).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import type { AppEnv } from '../../../src/web/env.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';
import { TestClient } from '../web/client.ts';

const RADAR = join(PROJECT_DIR, 'bin', 'radar.js');
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGTERM');
});

/** Starts `radar run` and resolves with the review UI's URL once it prints it. */
function startRun(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [RADAR, 'run', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
      const url = /review UI on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on('data', (d) => (stderr += d));
    child.once('exit', (code) => reject(new Error(`radar run exited with ${code}: ${stderr}`)));
  });
}

describe('radar run --config DIR', () => {
  it('gives the web app the same config folder (its digest time zone)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-run-config-'));
    const config = join(dir, 'config');
    cpSync(DEFAULT_CONFIG_DIR, config, { recursive: true });
    const digest = join(config, 'digest.yaml');
    writeFileSync(digest, readFileSync(digest, 'utf8').replace(/^time_zone: .*$/m, 'time_zone: Asia/Tokyo'));
    writeFileSync(join(config, 'feeds.yaml'), 'feeds: []\n'); // no network
    const env = { ...process.env, RADAR_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'silent', RADAR_OUTBOX: join(dir, 'outbox'), RADAR_PASSWORD: 'correct horse battery staple' };
    await promisify(execFile)(process.execPath, [RADAR, 'users', 'add', 'admin@example.org', '--role', 'admin'], { env });

    const base = await startRun(['--config', config, '--port', '0'], env);
    const http = { request: (path: string, init?: RequestInit) => fetch(new URL(path, base), init) } as unknown as Hono<AppEnv>;
    const client = new TestClient(http);
    expect((await client.login('admin@example.org', 'correct horse battery staple')).status).toBe(303);
    const page = await (await client.request('/digest')).text();
    expect(page).toContain('(Asia/Tokyo)');
    expect(page).not.toContain('(Europe/Berlin)');
  });
});
