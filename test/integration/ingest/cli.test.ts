// `radar ingest` as a process: one cycle per run, the same article stored once however many times it runs or
// however it is killed (SIGKILL at random points of a cycle), a one-line error and non-zero exit when the database
// is down, and exit 0 with a message when another ingest holds the embedded database.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { createScratchServerDatabase, ENGINE } from '../../helpers/db.ts';
import { body, conditional, startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';
import { articleTexts, rss, wrapArticle } from './fixtures.ts';

const BIN = join(PROJECT_DIR, 'bin', 'radar.js');
let server: TestServer;
let dir: string;
let configDir: string;
let feedsFile: string;
let env: NodeJS.ProcessEnv;
let dropServerDb: (() => Promise<void>) | null = null;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `radar ingest ...`; with `killWhen`, SIGKILLs the process `delayMs` after that text first shows on stderr. */
function radar(args: string[], opts: { env?: NodeJS.ProcessEnv; killWhen?: string; delayMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, ...opts.env }, cwd: dir });
    let stdout = '';
    let stderr = '';
    let armed = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (opts.killWhen && !armed && stderr.includes(opts.killWhen)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), opts.delayMs ?? 0);
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'radar-cli-'));
  configDir = join(dir, 'config');
  cpSync(DEFAULT_CONFIG_DIR, configDir, { recursive: true });
  writeFileSync(join(configDir, 'fetch.yaml'), [
    'userAgent: "HiringRadar-test/0.1 (mailto:test@example.org)"',
    `allowHosts: ["${server.hostPort}"]`,
    'politeness: { perHostConcurrency: 2, perHostDelayMs: 0 }',
    'articles: { concurrency: 2 }',
    '',
  ].join('\n'));
  const texts = articleTexts();
  // Several copies of each story under distinct URLs, so a cycle lasts long enough to be killed part-way.
  const items = [];
  for (let copy = 0; copy < 3; copy++) {
    for (const [i, t] of texts.entries()) {
      const path = `/story/${copy}-${i}`;
      server.on(path, body(wrapArticle(`${t.text}\n\nCopy ${copy}.`, { lang: t.lang }).html));
      items.push({ title: `story ${copy}-${i}`, link: `${server.origin}${path}` });
    }
  }
  server.on('/feed.xml', conditional(rss('CLI feed', items), { etag: '"cli"' }));
  feedsFile = join(dir, 'feeds.yaml');
  writeFileSync(feedsFile, `feeds:\n  - url: "${server.origin}/feed.xml"\n    intervalMinutes: 5\n`);
  env = { ...process.env, RADAR_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info', VITEST: '' };
  if (ENGINE === 'postgres') {
    const scratch = await createScratchServerDatabase(process.env.DATABASE_URL!);
    env.DATABASE_URL = scratch.url;
    dropServerDb = scratch.drop;
  }
});
afterAll(async () => {
  await server?.close();
  await dropServerDb?.();
  rmSync(dir, { recursive: true, force: true });
});

async function articleCounts(): Promise<{ total: number; distinct: number }> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL ?? '', dataDir: env.RADAR_DATA_DIR, purpose: 'vitest' });
  try {
    const [row] = await database.rows<{ total: number | string; distinct: number | string }>(
      sql`select count(*) as total, count(distinct canonical_url) as distinct from articles`,
    );
    return { total: Number(row?.total ?? 0), distinct: Number(row?.distinct ?? 0) };
  } finally {
    await database.close();
  }
}

describe('radar ingest (process)', () => {
  const expected = articleTexts().length * 3;

  it('survives SIGKILL at random points of a cycle: the next runs store every article exactly once', { timeout: 400_000 }, async () => {
    for (const delayMs of [0, 150, 600]) {
      const killed = await radar(['ingest', '--feeds', feedsFile, '--config', configDir, '--force'], { killWhen: 'ingest cycle started', delayMs });
      expect(killed.signal === 'SIGKILL' || killed.code === 0, killed.stderr.slice(-500)).toBe(true);
    }
    const done = await radar(['ingest', '--feeds', feedsFile, '--config', configDir, '--force']);
    expect(done.code, done.stderr.slice(-800)).toBe(0);
    expect(done.stdout).toMatch(/^ingest: 1 feeds due: /);
    expect(await articleCounts()).toEqual({ total: expected, distinct: expected });
  });

  it('stores the articles once however many times it runs', { timeout: 300_000 }, async () => {
    for (let i = 0; i < 2; i++) {
      const res = await radar(['ingest', '--feeds', feedsFile, '--config', configDir, '--force']);
      expect(res.code, res.stderr.slice(-800)).toBe(0);
      expect(res.stdout).toMatch(/1 not modified|already known/);
    }
    expect(await articleCounts()).toEqual({ total: expected, distinct: expected });
  });

  it('exits non-zero with one line when the database is down', { timeout: 120_000 }, async () => {
    const res = await radar(['ingest', '--feeds', feedsFile, '--config', configDir], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^radar: cannot connect to postgres:\/\/nobody@127\.0\.0\.1:1\/none/);
  });

  it('fails fast on bad config with the file and key', { timeout: 120_000 }, async () => {
    const bad = join(dir, 'bad-feeds.yaml');
    writeFileSync(bad, 'feeds:\n  - url: "ftp://example.org/feed"\n');
    const res = await radar(['ingest', '--feeds', bad, '--config', configDir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/bad-feeds\.yaml:2: key "feeds\.0\.url"/);
  });
});
