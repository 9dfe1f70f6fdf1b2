// Start-up time of the commands as a user runs them (`node bin/radar.js ...`, the built copy in dist/ unless it is
// stale), against a bare `node -e 0` measured in the same rounds: `radar --help`, `radar extract FILE` on a short
// text, `radar migrate` on an empty folder, `radar digest --dry-run`, and a repeat `radar ingest` with nothing due,
// plus the time from starting `radar ingest --force` to the first request its loopback feed server sees. Every run
// passes --debug-timing, and the median of each phase it prints is reported, so a regression shows where it is.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { body, startTestServer, type Handler, type TestServer } from '../../test/helpers/http-server.ts';
import { round } from './stats.ts';

export interface StartupPhase {
  phase: string;
  /** Median duration of the phase (time since the previous phase ended), ms. */
  ms: number;
}

export interface StartupScenario {
  name: string;
  command: string;
  /** Median wall time from spawn to exit, ms. */
  wallMs: number;
  /** wallMs over the median `node -e 0` of the same rounds. */
  ratio: number;
  /** The goal from issue 14, as a multiple of `node -e 0` (or an absolute ms bound), when there is one. */
  goal?: string;
  phases: StartupPhase[];
}

export interface StartupBenchResult {
  rounds: number;
  nodeMs: number;
  /** Where the commands ran from: "dist" (compiled) or "tsx" (the sources, when dist/ is missing or stale). */
  runsFrom: string;
  scenarios: StartupScenario[];
  /** Median ms from spawning `radar ingest --force` until the loopback feed server received its first request. */
  firstFeedRequestMs: number;
}

interface Run {
  wallMs: number;
  phases: Array<[string, number]>;
  stderr: string;
  code: number | null;
}

const TIMING_LINE = /^timing\s+[\d.]+ ms\s+\+([\d.]+) ms {2}(.+)$/;
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : NaN);

/** Runs one command to completion; `onSpawn` gets the spawn time (performance.now()) for outside measurements. */
function runOnce(args: string[], env: NodeJS.ProcessEnv, cwd: string, onSpawn?: (t: number) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    onSpawn?.(started);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = performance.now() - started;
      const phases = stderr.split('\n').flatMap((l) => {
        const m = TIMING_LINE.exec(l);
        return m ? [[m[2]!, Number(m[1])] as [string, number]] : [];
      });
      resolve({ wallMs, phases, stderr, code });
    });
  });
}

function summarise(name: string, command: string, runs: Run[], nodeMs: number, goal?: string): StartupScenario {
  const failed = runs.find((r) => r.code !== 0);
  if (failed) throw new Error(`startup: ${command} exited with ${failed.code}: ${failed.stderr.split('\n').filter((l) => !TIMING_LINE.test(l)).slice(-3).join(' | ')}`);
  const names: string[] = [];
  for (const r of runs) for (const [p] of r.phases) if (!names.includes(p)) names.push(p);
  const phases = names.map((phase) => ({ phase, ms: round(median(runs.flatMap((r) => r.phases.filter(([p]) => p === phase).map(([, ms]) => ms))), 1) }));
  const wallMs = round(median(runs.map((r) => r.wallMs)), 0);
  return { name, command, wallMs, ratio: round(wallMs / nodeMs, 1), ...(goal ? { goal } : {}), phases };
}

function rss(server: TestServer, feed: number): string {
  const link = `${server.origin}/a/${feed}.html`;
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>${server.origin}/</link>
<item><title>Item</title><link>${link}</link><guid>${link}</guid><pubDate>Tue, 10 Jun 2025 09:00:00 GMT</pubDate></item></channel></rss>`;
}

/**
 * Measures every scenario `rounds` times, interleaved with `node -e 0`, in scratch folders that are removed after.
 * `projectDir` may be another checkout (an older commit, for a before/after figure): it runs that checkout's
 * bin/radar.js, with --debug-timing only when its `radar --help` offers it.
 */
export async function benchStartup(projectDir: string, configDir: string, rounds: number): Promise<StartupBenchResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'radar-bench-startup-'));
  const server = await startTestServer();
  try {
    // The first request of a cycle (robots.txt or a feed) is stamped as it arrives.
    let firstRequestAt: number | null = null;
    const stamped = (h: Handler): Handler => (req, res) => {
      firstRequestAt ??= performance.now();
      return h(req, res);
    };
    server.on('/robots.txt', stamped(body('not found', { status: 404, contentType: 'text/plain' })));
    // A config folder whose feeds are on the loopback server (allowed there, as in the tests), and a short article.
    const config = join(tmp, 'config');
    cpSync(configDir, config, { recursive: true });
    writeFileSync(join(config, 'fetch.yaml'), `userAgent: "HiringRadar-bench/0.1 (mailto:bench@example.org)"\nallowHosts: ["${server.hostPort}"]\n`);
    const feeds = Array.from({ length: 3 }, (_, f) => {
      server.on(`/feed/${f}.xml`, stamped(body(rss(server, f), { contentType: 'application/rss+xml' })));
      server.on(`/a/${f}.html`, body(`<html><head><title>Story ${f}</title></head><body><article><p>Acme Robotics is hiring 200 engineers in Madrid, the company said on Monday.</p></article></body></html>`));
      return `  - { url: "${server.origin}/feed/${f}.xml", language: en }`;
    });
    writeFileSync(join(config, 'feeds.yaml'), `feeds:\n${feeds.join('\n')}\n`);
    const text = join(tmp, 'short.txt');
    writeFileSync(text, 'Acme Robotics to hire 200 engineers in Madrid\n\nAcme Robotics is hiring 200 engineers in Madrid, the company said on Monday.\n');
    const bin = join(projectDir, 'bin', 'radar.js');
    const dataDir = join(tmp, 'data');
    const env = { ...process.env, RADAR_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', RADAR_OUTBOX: join(tmp, 'outbox') };
    const help = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [bin, '--help'], { cwd: tmp, env, stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.once('close', () => resolve(out));
    });
    const timingArgs = help.includes('--debug-timing') ? ['--debug-timing'] : [];
    const radar = (args: string[], extraEnv: NodeJS.ProcessEnv = {}, onSpawn?: (t: number) => void) =>
      runOnce([bin, ...args, ...timingArgs], { ...env, ...extraEnv }, tmp, onSpawn);

    // One cycle first, so that the repeat cycles find every feed fetched and nothing due.
    const first = await radar(['ingest', '--config', config]);
    if (first.code !== 0) throw new Error(`startup: the first radar ingest exited with ${first.code}: ${first.stderr.slice(-300)}`);
    const runsFrom = /running the TypeScript sources/.test(first.stderr) || !timingArgs.length ? 'tsx' : 'dist';

    const node: number[] = [];
    const runs: Record<string, Run[]> = { help: [], extract: [], migrate: [], digest: [], ingest: [] };
    const firstRequest: number[] = [];
    for (let r = 0; r < rounds; r++) {
      node.push((await runOnce(['-e', '0'], env, tmp)).wallMs);
      runs.help!.push(await radar(['--help']));
      runs.extract!.push(await radar(['extract', text, '--config', config]));
      runs.migrate!.push(await radar(['migrate'], { RADAR_DATA_DIR: join(tmp, `empty-${r}`) }));
      runs.digest!.push(await radar(['digest', '--dry-run', '--config', config]));
      runs.ingest!.push(await radar(['ingest', '--config', config]));
      // Time to first feed request: a forced cycle fetches every feed (answered from the same loopback server).
      let spawnedAt = 0;
      firstRequestAt = null;
      const forced = await radar(['ingest', '--force', '--config', config], {}, (t) => (spawnedAt = t));
      const seenAt = firstRequestAt as number | null;
      if (forced.code !== 0 || seenAt === null) throw new Error(`startup: radar ingest --force made no request (exit ${forced.code})`);
      firstRequest.push(seenAt - spawnedAt);
    }
    const nodeMs = median(node);
    return {
      rounds,
      nodeMs: round(nodeMs, 0),
      runsFrom,
      firstFeedRequestMs: round(median(firstRequest), 0),
      scenarios: [
        summarise('help', 'radar --help', runs.help!, nodeMs, '8x'),
        summarise('extract', 'radar extract FILE (short text)', runs.extract!, nodeMs, '30x'),
        summarise('migrate', 'radar migrate (empty folder)', runs.migrate!, nodeMs),
        summarise('digest', 'radar digest --dry-run', runs.digest!, nodeMs),
        summarise('ingest', 'radar ingest (repeat, nothing due)', runs.ingest!, nodeMs),
      ],
    };
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
