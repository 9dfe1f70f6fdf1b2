// `radar digest --send` after kills left recipients "unconfirmed" (claimed, never marked sent): the run must exit
// non-zero and name them on stderr, so cron mails the operator, while everyone else still gets the digest once.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.ts';
import { digestSends } from '../../../src/db/schema.ts';
import { createScratchServerDatabase, ENGINE } from '../../helpers/db.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';
import { seedWeek47 } from './seed.ts';
import { perRecipient, startSmtp, type TestSmtp } from './smtp.ts';

const run = promisify(execFile);

describe(`radar digest --send with unconfirmed recipients (${ENGINE})`, () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let smtp: TestSmtp;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'radar-digest-undelivered-'));
    smtp = await startSmtp();
    writeFileSync(join(work, 'digest.yaml'), [
      'time_zone: Europe/Berlin', 'schedule: { weekday: monday, hour: 8 }', 'from: "Radar <radar@radar.test>"',
      'recipients: [one@radar.test, two@radar.test, three@radar.test]', 'opted_in_users: false', 'empty_week: skip',
    ].join('\n'));
    env = { ...process.env, SMTP_URL: smtp.url, LOG_LEVEL: 'silent' };
    if (process.env.DATABASE_URL) {
      const scratch = await createScratchServerDatabase(process.env.DATABASE_URL);
      env.DATABASE_URL = scratch.url;
      cleanup = scratch.drop;
    } else {
      delete env.DATABASE_URL;
      env.RADAR_DATA_DIR = join(work, 'data');
    }
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL ?? '', dataDir: env.RADAR_DATA_DIR });
    await seedWeek47(database.db);
    // What killed runs leave: claimed (attempts 1) and never marked sent.
    await database.db.insert(digestSends).values(['one@radar.test', 'three@radar.test'].map((recipient) => ({ week: '2026-W47', recipient, status: 'pending' as const, attempts: 1 })));
    await database.close();
  });
  afterAll(async () => {
    await smtp?.close();
    await cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('exits 1 and names the unconfirmed recipients on stderr; the others are sent once', async () => {
    const res = await run(process.execPath, ['bin/radar.js', 'digest', '--config', work, '--week', '2026-W47', '--send'], { cwd: PROJECT_DIR, env })
      .then((r) => ({ code: 0, ...r }), (err: { code: number; stdout: string; stderr: string }) => err);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/unconfirmed\s+one@radar\.test/);
    expect(res.stdout).toMatch(/sent\s+two@radar\.test/);
    const line = res.stderr.trim().split('\n').find((l) => l.startsWith('digest 2026-W47:'));
    expect(line).toBeDefined();
    expect(line).toContain('2 of 3 recipients have no confirmed mail');
    expect(line).toContain('one@radar.test, three@radar.test');
    expect(line).toContain('--resend-unconfirmed');
    expect(perRecipient(smtp.received)).toEqual({ 'two@radar.test': 1 });
  });
});
