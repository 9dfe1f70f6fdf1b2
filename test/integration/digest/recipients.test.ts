// Who is mailed: placeholder addresses (example.com and friends) never, and no digest at all for a week that ended
// before this installation first ingested anything (a fresh `npm start` must not mail last week's empty digest).
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { digestSends } from '../../../src/db/schema.ts';
import { isPlaceholderAddress } from '../../../src/digest/recipients.ts';
import { runDigest } from '../../../src/digest/send.ts';
import { smtpTransport, type DigestTransport } from '../../../src/digest/transport.ts';
import { ENGINE, openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { testConfig } from './fixtures.ts';
import { addArticle, addUser } from './seed.ts';
import { perRecipient, startSmtp, type TestSmtp } from './smtp.ts';

describe(`digest recipients and the first week (${ENGINE})`, () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  const open: DigestTransport[] = [];
  const transport = () => {
    const t = smtpTransport(smtp.url);
    open.push(t);
    return t;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.destroy();
  });

  it('recognises the documentation domains of RFC 2606 / RFC 6761 and their subdomains', () => {
    for (const a of ['analysts@example.com', 'X@Example.ORG', 'a@mail.example.net', 'a@corp.example', 'a@nowhere.invalid']) expect(isPlaceholderAddress(a), a).toBe(true);
    for (const a of ['a@example.test', 'ana@radar.localhost', 'a@notexample.com', 'a@example.com.cn', 'a@gmail.com']) expect(isPlaceholderAddress(a), a).toBe(false);
  });

  it('sends nothing on a fresh install: no week ended after a first ingest', async () => {
    const config = testConfig(['team@radar.test']);
    const result = await runDigest(database, { config, now: new Date('2026-11-23T08:00:00Z'), transport: transport() });
    expect(result).toMatchObject({ week: '2026-W47', skippedBeforeFirstIngest: true, recipients: [] });
    expect(smtp.received).toHaveLength(0);
    expect(await database.db.select().from(digestSends)).toHaveLength(0);
  });

  it('skips weeks that ended before the first article was fetched and sends the week it happened in', async () => {
    // First ingest on Wednesday of 2026-W47 (Europe/Berlin weeks).
    await addArticle(database.db, 'https://news.radar.test/first', 'First', { fetchedAt: new Date('2026-11-18T09:00:00Z') });
    const config = testConfig(['team@radar.test']);
    const before = await runDigest(database, { config, week: '2026-W46', transport: transport() });
    expect(before).toMatchObject({ skippedBeforeFirstIngest: true, recipients: [] });
    const during = await runDigest(database, { config, week: '2026-W47', transport: transport() });
    expect(during.skippedBeforeFirstIngest).toBe(false);
    expect(perRecipient(smtp.received)).toEqual({ 'team@radar.test': 1 });
  });

  it('never mails a placeholder address, from digest.yaml or an opted-in user, and reports it as skipped', async () => {
    await addUser(database.db, 'someone@staff.example.org', { optIn: true });
    await addUser(database.db, 'real@radar.test', { optIn: true });
    const config = testConfig(['analysts@example.com', 'Desk@News.Example.NET', 'ops@radar.test'], { optedInUsers: true });
    const result = await runDigest(database, { config, week: '2026-W48', transport: transport() });
    expect(result.recipients.map((r) => [r.email, r.outcome])).toEqual([['ops@radar.test', 'sent'], ['real@radar.test', 'sent']]);
    expect(result.skipped.map((r) => [r.email, r.source])).toEqual([
      ['analysts@example.com', 'config'], ['desk@news.example.net', 'config'], ['someone@staff.example.org', 'user'],
    ]);
    expect(result.skipped[0]!.reason).toMatch(/placeholder/);
    expect(perRecipient(smtp.received)).toEqual({ 'ops@radar.test': 1, 'real@radar.test': 1 });
    const ledger = await database.rows<{ recipient: string }>(sql`select recipient from digest_sends where week = '2026-W48' order by recipient`);
    expect(ledger.map((r) => r.recipient)).toEqual(['ops@radar.test', 'real@radar.test']);
  });
});
