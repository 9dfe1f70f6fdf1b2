import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { digestSends } from '../../../src/db/schema.ts';
import { digestMessageId, runDigest } from '../../../src/digest/send.ts';
import { outboxTransport, smtpTransport, type DigestTransport } from '../../../src/digest/transport.ts';
import { ENGINE, openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { connectError, failing, testConfig } from './fixtures.ts';
import { addEvent, addUser, seedWeek47 } from './seed.ts';
import { perRecipient, startSmtp, type TestSmtp } from './smtp.ts';

describe(`runDigest through a real SMTP server (${ENGINE})`, () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  const open: DigestTransport[] = [];
  const transport = (url = smtp.url) => {
    const t = smtpTransport(url);
    open.push(t);
    return t;
  };
  const rows = async (week: string) => Object.fromEntries(
    (await database.db.select().from(digestSends).where(eq(digestSends.week, week))).map((r) => [r.recipient, r]),
  );

  beforeAll(async () => {
    database = await openTestDatabase();
    smtp = await startSmtp();
    await seedWeek47(database.db);
    // Weeks 2026-W40..W45 get one approved event each so they are not empty.
    for (const day of [1, 8, 15, 22, 29]) await addEvent(database.db, { type: 'hiring', firm: `Firm${day}`, occurredAt: new Date(Date.UTC(2026, 9, day, 12)) });
    await addEvent(database.db, { type: 'hiring', firm: 'FirmW45', occurredAt: new Date(Date.UTC(2026, 10, 4, 12)) });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    smtp.received.length = 0;
    smtp.reject.clear();
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.destroy();
  });

  it('sends the week to configured and opted-in recipients, both parts, and never twice', async () => {
    await addUser(database.db, 'opted@example.test', { optIn: true });
    await addUser(database.db, 'gone@example.test', { optIn: true, disabled: true });
    await addUser(database.db, 'quiet@example.test');
    const config = testConfig(['Ana@Example.test', 'bo@example.test', 'OPTED@example.test'], { optedInUsers: true });
    const first = await runDigest(database, { config, week: '2026-W47', transport: transport() });
    expect(first.recipients.map((r) => [r.email, r.outcome])).toEqual([
      ['ana@example.test', 'sent'], ['bo@example.test', 'sent'], ['opted@example.test', 'sent'],
    ]);
    expect(perRecipient(smtp.received)).toEqual({ 'ana@example.test': 1, 'bo@example.test': 1, 'opted@example.test': 1 });
    for (const { envelopeTo, mail } of smtp.received) {
      expect(mail.subject).toBe('Hiring Radar 2026-W47: 7 events (2 hiring, 1 expansion, 1 talent move, 1 leadership change, 1 contraction, 1 export control)');
      expect(mail.messageId).toBe(digestMessageId('2026-W47', envelopeTo[0]!, config.from));
      expect(mail.text).toContain('Alibaba is hiring 40 applied scientists in Sunnyvale.');
      expect(mail.html).toContain('Alibaba is hiring 40 applied scientists in Sunnyvale.');
      expect(mail.html).toContain('&lt;script&gt;');
      for (const part of [mail.text ?? '', String(mail.html)]) for (const absent of ['PendingCo', 'RejectedCo', 'NextWeekCo', 'LastWeekCo']) expect(part).not.toContain(absent);
    }
    const ledger = await rows('2026-W47');
    expect(Object.values(ledger).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1], ['sent', 1]]);
    expect(ledger['ana@example.test']!.messageId).toBe(digestMessageId('2026-W47', 'ana@example.test', config.from));

    const again = await runDigest(database, { config, week: '2026-W47', transport: transport() });
    expect(again.recipients.every((r) => r.outcome === 'already_sent')).toBe(true);
    expect(smtp.received).toHaveLength(3);
  });

  it('records an SMTP rejection as failed with the error and retries it on the next run', async () => {
    const config = testConfig(['ok@example.test', 'bad@example.test']);
    smtp.reject.add('bad@example.test');
    const first = await runDigest(database, { config, week: '2026-W46', transport: transport() });
    expect(first.recipients.map((r) => r.outcome)).toEqual(['sent', 'failed']);
    let ledger = await rows('2026-W46');
    expect(ledger['bad@example.test']).toMatchObject({ status: 'failed', attempts: 1, messageId: null });
    expect(ledger['bad@example.test']!.error).toMatch(/550.*unavailable/);

    smtp.reject.clear();
    const second = await runDigest(database, { config, week: '2026-W46', transport: transport() });
    expect(second.recipients.map((r) => r.outcome)).toEqual(['already_sent', 'sent']);
    ledger = await rows('2026-W46');
    expect(ledger['bad@example.test']).toMatchObject({ status: 'sent', attempts: 2, error: null });
    expect(perRecipient(smtp.received)).toEqual({ 'ok@example.test': 1, 'bad@example.test': 1 });
  });

  it('leaves recipients after a connection failure to the next run without resending the others', async () => {
    const config = testConfig(['a@example.test', 'b@example.test', 'c@example.test', 'd@example.test']);
    const broken = failing(transport(), (n) => n > 2, connectError, 'before');
    const first = await runDigest(database, { config, week: '2026-W45', transport: broken });
    expect(first.recipients.map((r) => r.outcome)).toEqual(['sent', 'sent', 'failed', 'failed']);
    expect((await rows('2026-W45'))['c@example.test']!.error).toMatch(/ESOCKET: connect ECONNREFUSED/);
    const second = await runDigest(database, { config, week: '2026-W45', transport: transport() });
    expect(second.recipients.map((r) => r.outcome)).toEqual(['already_sent', 'already_sent', 'sent', 'sent']);
    expect(perRecipient(smtp.received)).toEqual({ 'a@example.test': 1, 'b@example.test': 1, 'c@example.test': 1, 'd@example.test': 1 });
  });

  it('does not resend when the outcome is unknown (at most once) unless the operator releases it', async () => {
    const config = testConfig(['x@example.test', 'y@example.test', 'z@example.test']);
    // y's message reaches the server, then the connection "drops" before we hear back.
    const flaky = failing(transport(), (n) => n === 2, () => Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION', command: 'DATA' }), 'after');
    const first = await runDigest(database, { config, week: '2026-W44', transport: flaky });
    expect(first.recipients.map((r) => r.outcome)).toEqual(['sent', 'unconfirmed', 'sent']);
    expect((await rows('2026-W44'))['y@example.test']).toMatchObject({ status: 'pending', attempts: 1 });

    const second = await runDigest(database, { config, week: '2026-W44', transport: transport() });
    expect(second.recipients.map((r) => r.outcome)).toEqual(['already_sent', 'unconfirmed', 'already_sent']);
    expect(perRecipient(smtp.received)).toEqual({ 'x@example.test': 1, 'y@example.test': 1, 'z@example.test': 1 });

    const released = await runDigest(database, { config, week: '2026-W44', transport: transport(), resendUnconfirmed: true });
    expect(released.recipients.map((r) => r.outcome)).toEqual(['already_sent', 'sent', 'already_sent']);
    const copies = smtp.received.filter((r) => r.envelopeTo.includes('y@example.test'));
    expect(copies).toHaveLength(2);
    expect(copies[0]!.mail.messageId).toBe(copies[1]!.mail.messageId); // same Message-ID: clients fold the duplicate
  });

  it('sends each recipient once when two runs race', async () => {
    const config = testConfig(['r1@example.test', 'r2@example.test', 'r3@example.test', 'r4@example.test']);
    const results = await Promise.all([
      runDigest(database, { config, week: '2026-W43', transport: transport() }),
      runDigest(database, { config, week: '2026-W43', transport: transport() }),
    ]);
    expect(perRecipient(smtp.received)).toEqual({ 'r1@example.test': 1, 'r2@example.test': 1, 'r3@example.test': 1, 'r4@example.test': 1 });
    const sent = results.flatMap((r) => r.recipients).filter((r) => r.outcome === 'sent');
    expect(sent).toHaveLength(4);
  });

  it('stops between recipients when aborted and leaves the rest for the next run', async () => {
    const config = testConfig(['s1@example.test', 's2@example.test']);
    const controller = new AbortController();
    const inner = transport();
    const stopping: DigestTransport = { ...inner, send: async (mail) => {
      const info = await inner.send(mail);
      controller.abort(); // SIGTERM arrives while s1 is being sent
      return info;
    } };
    const first = await runDigest(database, { config, week: '2026-W41', transport: stopping, signal: controller.signal });
    expect(first.recipients.map((r) => r.outcome)).toEqual(['sent', 'not_attempted']);
    expect((await rows('2026-W41'))['s2@example.test']).toMatchObject({ status: 'pending', attempts: 0 });
    const second = await runDigest(database, { config, week: '2026-W41', transport: transport() });
    expect(second.recipients.map((r) => r.outcome)).toEqual(['already_sent', 'sent']);
    expect(perRecipient(smtp.received)).toEqual({ 's1@example.test': 1, 's2@example.test': 1 });
  });

  it('sends the "no approved events" note for an empty week, or nothing when configured to skip', async () => {
    const note = await runDigest(database, { config: testConfig(['n@example.test']), week: '2026-W30', transport: transport() });
    expect(note.recipients.map((r) => r.outcome)).toEqual(['sent']);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.mail.subject).toBe('Hiring Radar 2026-W30: no approved events');
    expect(smtp.received[0]!.mail.text).toContain('No events were approved for this week.');

    const skip = await runDigest(database, { config: testConfig(['n@example.test'], { emptyWeek: 'skip' }), week: '2026-W31', transport: transport() });
    expect(skip.skippedEmpty).toBe(true);
    expect(skip.recipients).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    expect(await rows('2026-W31')).toEqual({});
  });

  it('keeps the SMTP password out of errors, rows, logs and descriptions', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } }));
    const wrong = transport(`smtp://radar:wrong-pw-1234@127.0.0.1:${smtp.port}`);
    expect(wrong.describe).not.toContain('wrong-pw-1234');
    const config = testConfig(['pw@example.test']);
    const failed = await runDigest(database, { config, week: '2026-W42', transport: wrong, log });
    expect(failed.recipients[0]).toMatchObject({ outcome: 'failed' });
    expect(failed.recipients[0]!.error).toMatch(/EAUTH/);
    const stored = (await rows('2026-W42'))['pw@example.test']!;
    expect(JSON.stringify(stored) + lines.join('') + JSON.stringify(failed)).not.toContain('wrong-pw-1234');
    const ok = await runDigest(database, { config, week: '2026-W42', transport: transport(`smtp://radar:s3cret-pw@127.0.0.1:${smtp.port}`), log });
    expect(ok.recipients[0]).toMatchObject({ outcome: 'sent', attempts: 2 });
    expect(lines.join('')).not.toContain('s3cret-pw');
  });
});

describe(`runDigest into the outbox (${ENGINE})`, () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await openTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'radar-outbox-'));
    await seedWeek47(database.db);
  });
  afterAll(async () => {
    await database?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes one parseable .eml per recipient and settles crashed sends from the files', async () => {
    const config = testConfig(['o1@example.test', 'o2@example.test']);
    const t = outboxTransport(dir);
    const first = await runDigest(database, { config, week: '2026-W47', transport: t });
    expect(first.recipients.map((r) => r.outcome)).toEqual(['sent', 'sent']);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['2026-W47--o1@example.test.eml', '2026-W47--o2@example.test.eml']);
    const mail = await simpleParser(readFileSync(join(dir, files[0]!)));
    expect(mail.subject).toMatch(/^Hiring Radar 2026-W47: 7 events/);
    expect(mail.text).toContain('Sunnyvale');
    expect(mail.html).toContain('Sunnyvale');
    expect(mail.headers.get('x-radar-week')).toBe('2026-W47');

    // As if the process died after writing o1's file but before marking it, and before writing o2's at all.
    const where = (r: string) => and(eq(digestSends.week, '2026-W47'), eq(digestSends.recipient, r));
    await database.db.update(digestSends).set({ status: 'pending', sentAt: null }).where(where('o1@example.test'));
    await database.db.update(digestSends).set({ status: 'pending', sentAt: null }).where(where('o2@example.test'));
    rmSync(join(dir, files[1]!));
    const second = await runDigest(database, { config, week: '2026-W47', transport: t });
    expect(second.recipients.map((r) => r.outcome)).toEqual(['already_sent', 'sent']);
    expect(readdirSync(dir).sort()).toEqual(files);
    await t.close();
  });
});
