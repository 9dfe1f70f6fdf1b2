// `radar digest` end to end as a user runs it: a child process on a seeded database, outbox delivery (no SMTP_URL).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.ts';
import { createScratchServerDatabase, ENGINE } from '../../helpers/db.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';
import { seedWeek47 } from './seed.ts';

const run = promisify(execFile);

describe(`radar digest command (${ENGINE})`, () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'radar-digest-cli-'));
    writeFileSync(join(work, 'digest.yaml'), [
      'time_zone: Europe/Berlin', 'schedule: { weekday: monday, hour: 8 }', 'from: "Radar <radar@radar.test>"',
      'recipients: [one@example.test, { email: two@example.test, name: "Two Person" }]', 'opted_in_users: false', 'empty_week: skip',
    ].join('\n'));
    env = { ...process.env, RADAR_OUTBOX: join(work, 'outbox'), LOG_LEVEL: 'silent' };
    delete env.SMTP_URL;
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
    await database.close();
  });
  afterAll(async () => {
    await cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const radar = (...args: string[]) => run(process.execPath, ['bin/radar.js', 'digest', '--config', work, ...args], { cwd: PROJECT_DIR, env });

  it('prints the text part on --dry-run and the HTML with --format html, sending nothing', async () => {
    const text = await radar('--week', '2026-W47', '--dry-run');
    expect(text.stdout).toMatch(/^Subject: Hiring Radar 2026-W47: 7 events \(2 hiring/);
    expect(text.stdout).toContain('BY FIRM');
    const html = await radar('--week', '2026-W47', '--dry-run', '--format', 'html');
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(() => readdirSync(join(work, 'outbox'))).toThrow();
  });

  it('summarises who would receive it, sends with --send once, and reports it as sent afterwards', async () => {
    const preview = await radar('--week', '2026-W47');
    expect(preview.stdout).toContain('one@example.test (config): would receive it');
    expect(preview.stdout).toContain('outbox');
    const send = await radar('--week', '2026-W47', '--send');
    expect(send.stdout).toMatch(/sent\s+one@example.test/);
    expect(send.stdout).toMatch(/sent\s+two@example.test/);
    expect(readdirSync(join(work, 'outbox')).sort()).toEqual(['2026-W47--one@example.test.eml', '2026-W47--two@example.test.eml']);
    const again = await radar('--week', '2026-W47', '--send');
    expect(again.stdout).toMatch(/already_sent\s+one@example.test/);
    const after = await radar('--week', '2026-W47');
    expect(after.stdout).toMatch(/one@example.test \(config\): already sent/);
  });

  it('skips an empty week when configured to, and rejects a week the year does not have', async () => {
    const empty = await radar('--week', '2026-W30', '--send');
    expect(empty.stdout).toContain('nothing sent');
    const bad = await radar('--week', '2027-W53').catch((err: { code: number; stderr: string }) => err);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('2027 has weeks W01 to W52');
  });
});
