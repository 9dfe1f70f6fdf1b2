// A `runs` row left `running` by a killed process: the next run of the same kind marks it interrupted (with the reason
// in its errors) and says so; a run whose process is still alive, or lives on another host, is left alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import { currentOwner } from '../../../src/db/lock.ts';
import { runs, type RunOwner } from '../../../src/db/schema.ts';
import { runDigest } from '../../../src/digest/send.ts';
import { outboxTransport } from '../../../src/digest/transport.ts';
import { fetchConfigFrom } from '../../../src/fetch/fetch-config.ts';
import { formatSummary, runIngestCycle } from '../../../src/ingest/cycle.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { testConfig } from '../digest/fixtures.ts';
import { seedWeek47 } from '../digest/seed.ts';

let database: TestDatabase;
let deadPid: number;
const work = mkdtempSync(join(tmpdir(), 'radar-interrupted-'));

beforeAll(async () => {
  database = await openTestDatabase();
  // A pid whose process has exited: what a SIGKILLed `radar ingest` or `radar digest --send` leaves in its row.
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  deadPid = child.pid!;
  await new Promise((resolve) => child.once('exit', resolve));
});
afterAll(async () => {
  await database?.destroy();
  rmSync(work, { recursive: true, force: true });
});

async function openRun(kind: string, owner: RunOwner | null): Promise<number> {
  const [row] = await database.db.insert(runs).values({ kind, owner, startedAt: new Date(Date.now() - 3600_000) }).returning({ id: runs.id });
  return row!.id;
}
const runRow = async (id: number) => (await database.db.select().from(runs).where(eq(runs.id, id)))[0]!;

describe('ingest runs left running by a kill', () => {
  it('are marked interrupted by the next cycle, which says so in its summary', async () => {
    const killed = await openRun('ingest', { host: hostname(), pid: deadPid, startTicks: '1' });
    const legacy = await openRun('ingest', null);
    const feeds = join(work, 'none.yaml');
    writeFileSync(feeds, 'feeds: []\n');
    const summary = await runIngestCycle({ database, configDir: DEFAULT_CONFIG_DIR, fetchConfig: fetchConfigFrom(), feedsFile: feeds });
    expect(summary.interruptedRuns.sort()).toEqual([killed, legacy].sort());
    for (const id of [killed, legacy]) {
      const row = await runRow(id);
      expect(row.status).toBe('interrupted');
      expect(row.endedAt).not.toBeNull();
      expect(row.errors.at(-1)?.message).toMatch(/^interrupted: /);
    }
    expect(formatSummary(summary)).toMatch(/; earlier runs \d+, \d+ never finished: marked interrupted$/);
    expect((await runRow(summary.runId!)).status).toBe('ok');
    // Once marked, the next cycle has nothing more to say.
    const again = await runIngestCycle({ database, configDir: DEFAULT_CONFIG_DIR, fetchConfig: fetchConfigFrom(), feedsFile: feeds });
    expect(again.interruptedRuns).toEqual([]);
  });
});

describe('digest runs left running by a kill', () => {
  it('are marked interrupted by the next --send run; a live or another host\'s run is left alone', async () => {
    await seedWeek47(database.db);
    const killed = await openRun('digest', { host: hostname(), pid: deadPid, startTicks: '1' });
    const { host, pid, startTicks } = currentOwner();
    const alive = await openRun('digest', { host, pid, startTicks });
    const elsewhere = await openRun('digest', { host: `not-${hostname()}`, pid: deadPid, startTicks: '1' });
    const result = await runDigest(database, { config: testConfig(['ana@example.test']), week: '2026-W47', transport: outboxTransport(join(work, 'outbox')) });
    expect(result.interruptedRuns).toEqual([killed]);
    expect((await runRow(killed)).status).toBe('interrupted');
    expect((await runRow(alive)).status).toBe('running');
    expect((await runRow(elsewhere)).status).toBe('running');
  });
});
