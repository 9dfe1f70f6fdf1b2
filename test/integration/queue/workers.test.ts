// Scale-out: `radar ingest --enqueue` queues a few hundred articles from two feeds; three `radar worker` processes share
// them through pg-boss on a real Postgres; one is SIGKILLed while it holds a job. Every article must end up stored exactly once, with no duplicate events,
// and every job completed (the killed worker's job expired and was retried by another worker).
// Needs a Postgres server (DATABASE_URL, as in CI); each run gets its own scratch database.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/client.ts';
import { enqueueArticle } from '../../../src/queue/article-job.ts';
import { ARTICLE_QUEUE, startQueue } from '../../../src/queue/boss.ts';
import { queueSettings } from '../../../src/queue/settings.ts';
import { createScratchServerDatabase } from '../../helpers/db.ts';
import { body, startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';
import { articlePage, configAllowing, kbFirmNames, rssFeed } from './fixtures.ts';

const BASE_URL = process.env.DATABASE_URL;
if (!BASE_URL) console.warn('[queue] DATABASE_URL is not set: the multi-worker queue test needs a Postgres server and is skipped');

const ARTICLES = 200;
const WORKERS = 3;
const QUEUE_ENV = {
  RADAR_QUEUE_EXPIRE_SECONDS: '20',
  RADAR_QUEUE_MAINTENANCE_SECONDS: '2',
  RADAR_QUEUE_POLL_SECONDS: '0.5',
  RADAR_QUEUE_RETRY_DELAY_SECONDS: '1',
  RADAR_QUEUE_RETRY_LIMIT: '3',
};

interface WorkerProc {
  child: ChildProcess;
  inFlight: Set<string>;
  done: number;
  exited: Promise<number | null>;
  /** Last lines the worker wrote to stderr, shown when it dies unexpectedly. */
  tail: string[];
  killed: boolean;
}

function startWorker(url: string, configDir: string): WorkerProc {
  const child = spawn(process.execPath, [join(PROJECT_DIR, 'bin', 'radar.js'), 'worker', '--config', configDir, '--threads', '1', '--concurrency', '2'], {
    cwd: PROJECT_DIR,
    env: { ...process.env, ...QUEUE_ENV, DATABASE_URL: url, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const proc: WorkerProc = { child, inFlight: new Set(), done: 0, exited: new Promise((r) => child.once('exit', (code) => r(code))), tail: [], killed: false };
  createInterface({ input: child.stderr! }).on('line', (line) => {
    proc.tail.push(line);
    if (proc.tail.length > 20) proc.tail.shift();
    let entry: { msg?: string; job_id?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (!entry.job_id) return;
    if (entry.msg === 'job started') proc.inFlight.add(entry.job_id);
    else {
      proc.inFlight.delete(entry.job_id);
      if (entry.msg === 'job done') proc.done++;
    }
  });
  return proc;
}

/** Runs a radar command to completion against the database at `url`. */
function runRadar(args: string[], url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(PROJECT_DIR, 'bin', 'radar.js'), ...args], { cwd: PROJECT_DIR, env: { ...process.env, ...QUEUE_ENV, DATABASE_URL: url } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (code) => resolveRun({ code, stdout, stderr }));
  });
}

/** Polls `check` until it holds; fails at once, with its last log lines, if a worker died that was not killed. */
async function waitFor(what: string, timeoutMs: number, workers: WorkerProc[], check: () => Promise<boolean> | boolean, state: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    const dead = workers.find((w) => !w.killed && w.child.exitCode !== null);
    if (dead) throw new Error(`worker ${dead.child.pid} exited with code ${dead.child.exitCode} while waiting for ${what}:\n${dead.tail.join('\n')}`);
    if (Date.now() > deadline) {
      const seen = workers.map((w) => `pid ${w.child.pid}: ${w.done} done, ${w.inFlight.size} in flight, last line: ${w.tail.at(-1) ?? '(none)'}`);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; jobs ${JSON.stringify(await state())}\n${seen.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!BASE_URL)('article queue with several workers (Postgres)', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let database: Database;
  let sql: postgres.Sql;
  let server: TestServer;
  let configDir: string;
  let feedsFile: string;
  const workers: WorkerProc[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    scratch = await createScratchServerDatabase(BASE_URL!);
    database = await openDatabase({ databaseUrl: scratch.url, maxConnections: 2 });
    sql = postgres(scratch.url, { max: 2, onnotice: () => {} });
    server = await startTestServer();
    configDir = configAllowing(server.hostPort);
    kbFirmNames(ARTICLES).forEach((firm, i) => {
      server.on(`/news/${i}`, body(articlePage(firm, i)));
      urls.push(`${server.origin}/news/${i}`);
    });
    server.on('/feed-a.xml', body(rssFeed('Feed A', urls), { contentType: 'application/rss+xml' }));
    server.on('/feed-b.xml', body(rssFeed('Feed B', urls.slice(0, 20).map((u) => `${u}?utm_source=rss&utm_medium=feed`)), { contentType: 'application/rss+xml' }));
    feedsFile = join(configDir, 'bench-feeds.yaml');
    writeFileSync(feedsFile, `feeds:\n  - { url: "${server.origin}/feed-a.xml", language: en }\n  - { url: "${server.origin}/feed-b.xml", language: en }\n`);
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await sql?.end();
    await database?.close();
    await server?.close();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
    await scratch?.drop();
  });

  const jobStates = async () =>
    Object.fromEntries((await sql<Array<{ state: string; n: string }>>`select state, count(*) as n from pgboss.job where name = ${ARTICLE_QUEUE} group by state`).map((r) => [r.state, Number(r.n)]));

  it('processes every queued article exactly once, even when a worker is killed mid-job', async () => {
    // `radar ingest --enqueue` reads both feeds and queues one job per article: feed B repeats 20 links with tracking
    // parameters, which collapse onto the jobs feed A queued (same canonical URL).
    const ingest = await runRadar(['ingest', '--enqueue', '--force', '--feeds', feedsFile, '--config', configDir], scratch.url);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain(`${ARTICLES} queued`);
    expect(await jobStates()).toEqual({ created: ARTICLES });
    // Enqueuing directly: a link already waiting is refused.
    const boss = await startQueue(scratch.url, queueSettings(QUEUE_ENV));
    try {
      expect(await enqueueArticle(boss, { url: `${urls[0]}#comments`, feedId: null, guid: null, langHint: 'en' })).toBe(false);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }

    for (let i = 0; i < WORKERS; i++) workers.push(startWorker(scratch.url, configDir));
    // Kill the first worker seen holding a job after finishing some, once the run is well under way. The waits are
    // generous: with the rest of the suite running on two cores, three workers loading the extractor start slowly.
    const midJob = () => workers.find((w) => w.done >= 2 && w.inFlight.size > 0);
    await waitFor('a worker to be mid-job with work done', 240_000, workers, () => midJob() !== undefined, jobStates);
    const victim = midJob()!;
    const survivors = workers.filter((w) => w !== victim);
    const lostJobs = [...victim.inFlight];
    victim.killed = true;
    victim.child.kill('SIGKILL');
    await victim.exited;

    await waitFor('every job to complete', 240_000, workers, async () => (await jobStates()).completed === ARTICLES, jobStates);
    for (const w of survivors) {
      w.killed = true;
      w.child.kill('SIGTERM');
    }
    expect(await Promise.all(survivors.map((w) => w.exited))).toEqual(survivors.map(() => 0));

    expect(await jobStates()).toEqual({ completed: ARTICLES });
    // The killed worker's jobs were taken again: retried after expiry, completed by another worker.
    const retried = await sql<Array<{ id: string; retry_count: number; state: string }>>`
      select id, retry_count, state from pgboss.job where name = ${ARTICLE_QUEUE} and id = any(${lostJobs}::uuid[])`;
    expect(retried).toHaveLength(lostJobs.length);
    for (const job of retried) {
      expect(job.state).toBe('completed');
      expect(job.retry_count).toBeGreaterThanOrEqual(1);
    }
    expect(survivors.reduce((n, w) => n + w.done, 0) + victim.done).toBeGreaterThanOrEqual(ARTICLES);

    // One article per URL, nothing extra.
    const articles = await sql<Array<{ canonical_url: string }>>`select canonical_url from articles`;
    expect(articles.map((a) => a.canonical_url).sort()).toEqual([...urls].sort());
    // No event twice: one event per identity (each article names its own firm), each supported by exactly one article.
    const events = await sql<Array<{ identity_key: string; links: string }>>`
      select e.identity_key, (select count(*) from event_articles ea where ea.event_id = e.id) as links from events e`;
    expect(events.length).toBeGreaterThanOrEqual(ARTICLES * 0.9);
    expect(new Set(events.map((e) => e.identity_key)).size).toBe(events.length);
    expect(events.every((e) => Number(e.links) === 1)).toBe(true);
    const [links] = await sql<Array<{ n: string; articles: string }>>`select count(*) as n, count(distinct article_id) as articles from event_articles`;
    expect(Number(links!.n)).toBe(events.length);
    expect(Number(links!.articles)).toBeGreaterThanOrEqual(ARTICLES * 0.9);
  }, 600_000);
});
