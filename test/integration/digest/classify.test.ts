// Which real nodemailer failures prove "not sent" (safe to retry) and which leave the outcome unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDefiniteFailure, smtpTransport, type OutgoingMail } from '../../../src/digest/transport.ts';
import { closedPort, startDroppingSmtp, startSmtp, type TestSmtp } from './smtp.ts';

const mail: OutgoingMail = {
  from: 'Radar <radar@radar.test>', to: { email: 'who@example.test', name: null }, subject: 's', text: 't', html: '<p>h</p>', messageId: '<m-1@radar.test>', week: '2026-W47',
};

async function failureOf(url: string): Promise<unknown> {
  const t = smtpTransport(url);
  try {
    await t.send(mail);
    return null;
  } catch (err) {
    return err;
  } finally {
    await t.close();
  }
}

describe('isDefiniteFailure on real SMTP failures', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => smtp?.close());

  it('treats a refused connection as definite', async () => {
    const err = await failureOf(`smtp://127.0.0.1:${await closedPort()}`);
    expect(err).toBeTruthy();
    expect(isDefiniteFailure(err)).toBe(true);
  });

  it('treats a 550 rejection and a failed login as definite', async () => {
    smtp.reject.add('who@example.test');
    const rejected = await failureOf(smtp.url);
    smtp.reject.clear();
    expect(rejected).toMatchObject({ responseCode: 550 });
    expect(isDefiniteFailure(rejected)).toBe(true);
    const auth = await failureOf(smtp.url.replace('smtp://', 'smtp://radar:nope@'));
    expect(auth).toMatchObject({ code: 'EAUTH' });
    expect(isDefiniteFailure(auth)).toBe(true);
  });

  it('treats a connection dropped after the message data as unknown (the server may have queued it)', async () => {
    const dropping = await startDroppingSmtp();
    try {
      const err = await failureOf(dropping.url);
      expect(dropping.messages).toBe(1);
      expect(err).toBeTruthy();
      expect(isDefiniteFailure(err)).toBe(false);
    } finally {
      await dropping.close();
    }
  });

  it('treats errors it cannot place as unknown', () => {
    expect(isDefiniteFailure(new Error('boom'))).toBe(false);
    expect(isDefiniteFailure(null)).toBe(false);
  });
});
