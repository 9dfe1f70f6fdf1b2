// A send run killed (SIGKILL) between the SMTP server's "250 accepted" and the "sent" mark, then run again:
// nobody gets the digest twice, and everyone not yet reached gets it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/client.ts';
import { digestSends } from '../../../src/db/schema.ts';
import { runDigest } from '../../../src/digest/send.ts';
import { smtpTransport } from '../../../src/digest/transport.ts';
import { createScratchServerDatabase, ENGINE } from '../../helpers/db.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';
import { testConfig } from './fixtures.ts';
import { addEvent } from './seed.ts';
import { perRecipient, startSmtp, type TestSmtp } from './smtp.ts';

const WEEK = '2026-W47';
const RECIPIENTS = ['k1@example.test', 'k2@example.test', 'k3@example.test', 'k4@example.test'];

describe(`a send run killed mid-way (${ENGINE})`, () => {
  let smtp: TestSmtp;
  let target: { databaseUrl: string; dataDir?: string };
  let cleanup: () => Promise<void>;
  const open = (): Promise<Database> => openDatabase({ ...target, purpose: 'crash-test' });

  beforeAll(async () => {
    smtp = await startSmtp();
    if (process.env.DATABASE_URL) {
      const scratch = await createScratchServerDatabase(process.env.DATABASE_URL);
      target = { databaseUrl: scratch.url };
      cleanup = scratch.drop;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'radar-crash-'));
      target = { databaseUrl: '', dataDir };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
    // PGlite admits one process per data folder: seed, then close before the child opens it.
    const database = await open();
    // With a source article: its fetch (seed.ts FIRST_FETCH) is the first ingest, before the week, so the week is sent.
    await addEvent(database.db, { type: 'hiring', firm: 'CrashCo', occurredAt: new Date('2026-11-18T12:00:00Z'), sources: ['https://news.example.com/crashco'] });
    await database.close();
  });
  afterAll(async () => {
    await smtp?.close();
    await cleanup?.();
  });

  it('resumes without resending anyone', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/digest/crash-child.ts',
      JSON.stringify({ ...target, smtpUrl: smtp.url, week: WEEK, recipients: RECIPIENTS, killAfter: 2 })], { cwd: PROJECT_DIR, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    const signal = await new Promise<NodeJS.Signals | null>((ok) => child.on('exit', (_code, sig) => ok(sig)));
    expect(signal, stderr).toBe('SIGKILL');
    expect(perRecipient(smtp.received)).toEqual({ 'k1@example.test': 1, 'k2@example.test': 1 });

    const database = await open();
    try {
      const ledger = Object.fromEntries((await database.db.select().from(digestSends).where(eq(digestSends.week, WEEK))).map((r) => [r.recipient, [r.status, r.attempts]]));
      // k2 was accepted by the server but never marked: pending with one attempt, the "unconfirmed" state.
      expect(ledger).toEqual({
        'k1@example.test': ['sent', 1], 'k2@example.test': ['pending', 1], 'k3@example.test': ['pending', 0], 'k4@example.test': ['pending', 0],
      });
      const transport = smtpTransport(smtp.url);
      const rerun = await runDigest(database, { config: testConfig(RECIPIENTS), week: WEEK, transport });
      await transport.close();
      expect(rerun.recipients.map((r) => r.outcome)).toEqual(['already_sent', 'unconfirmed', 'sent', 'sent']);
      expect(perRecipient(smtp.received)).toEqual({ 'k1@example.test': 1, 'k2@example.test': 1, 'k3@example.test': 1, 'k4@example.test': 1 });
    } finally {
      await database.close();
    }
  });
});
