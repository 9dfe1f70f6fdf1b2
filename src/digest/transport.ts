// Where digests go: SMTP through nodemailer when SMTP_URL is set, otherwise .eml files in an outbox folder
// (RADAR_OUTBOX or ./outbox), so the default install needs no mail server.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import { redactUrl } from '../db/client.ts';

export interface OutgoingMail {
  from: string;
  to: { email: string; name: string | null };
  subject: string;
  text: string;
  html: string;
  /** Deterministic per (week, recipient), angle brackets included. */
  messageId: string;
  /** Used in outbox file names. */
  week: string;
  headers?: Record<string, string>;
}

export interface DigestTransport {
  kind: 'smtp' | 'outbox' | (string & {});
  /** Where messages go, safe to log (no password). */
  describe: string;
  /** Hands one message over; resolves once the server accepted it (or the file is in place). */
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }>;
  /**
   * For transports that can tell whether a message went out even after a crash (the outbox: the file exists).
   * SMTP cannot: an accepted message leaves no trace the sender can query.
   */
  wasDelivered?(mail: OutgoingMail): Promise<boolean>;
  close(): Promise<void>;
}

/** The transport the environment asks for: SMTP_URL, else RADAR_OUTBOX (default ./outbox). */
export function transportFromEnv(env: NodeJS.ProcessEnv = process.env): DigestTransport {
  return env.SMTP_URL ? smtpTransport(env.SMTP_URL) : outboxTransport(env.RADAR_OUTBOX ?? 'outbox');
}

function toNodemailer(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to.name ? { name: mail.to.name, address: mail.to.email } : mail.to.email,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Radar-Week': mail.week, ...mail.headers },
  };
}

/** SMTP through nodemailer; errors keep nodemailer's code/command/responseCode but never carry the password. */
export function smtpTransport(smtpUrl: string): DigestTransport {
  const mailer = createTransport(smtpUrl);
  const password = (() => {
    try {
      return decodeURIComponent(new URL(smtpUrl).password);
    } catch {
      return '';
    }
  })();
  const scrub = (text: string) => (password ? text.split(password).join('***') : text);
  return {
    kind: 'smtp',
    describe: redactUrl(smtpUrl),
    async send(mail) {
      try {
        const info = await mailer.sendMail(toNodemailer(mail));
        return { messageId: info.messageId ?? mail.messageId, response: scrub(String(info.response ?? '')) };
      } catch (err) {
        if (err instanceof Error) err.message = scrub(err.message);
        throw err;
      }
    },
    close: async () => mailer.close(),
  };
}

/** Safe file name of a message in the outbox: week and recipient, so a resend overwrites instead of duplicating. */
export function outboxFileName(mail: Pick<OutgoingMail, 'week' | 'to'>): string {
  return `${mail.week}--${mail.to.email.replace(/[^A-Za-z0-9@._+-]/g, '_')}.eml`;
}

/** Writes each message as an RFC 822 .eml file (temp file + rename, so a file is either complete or absent). */
export function outboxTransport(dir: string): DigestTransport {
  const folder = resolve(dir);
  const builder = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'outbox',
    describe: folder,
    async send(mail) {
      const info = await builder.sendMail(toNodemailer(mail));
      mkdirSync(folder, { recursive: true });
      const target = join(folder, outboxFileName(mail));
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, info.message as Buffer);
      renameSync(temp, target);
      return { messageId: info.messageId ?? mail.messageId, response: `written to ${target}` };
    },
    wasDelivered: async (mail) => existsSync(join(folder, outboxFileName(mail))),
    close: async () => builder.close(),
  };
}

/** Nodemailer error codes raised before the message could have reached the server. */
const BEFORE_DATA = new Set(['EDNS', 'ETLS', 'EREQUIRETLS', 'EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'EENVELOPE', 'EPROXY', 'EMAXRECIPIENTS']);
/** Socket errors that mean no connection was ever made. */
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** nodemailer timeout types of the connection setup (before any mail command). */
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT']);

/**
 * True when an error proves the message was NOT accepted, so sending again cannot duplicate it: the server
 * answered with a 4xx/5xx reply, or the connection, DNS lookup, TLS or login failed. Anything else may have
 * happened after the server queued the message and counts as "outcome unknown". nodemailer tags a connection
 * dropped after DATA with command "CONN" too, so the command is no evidence of the phase; the socket's own
 * syscall/originalCode and the timeout type are.
 */
export function isDefiniteFailure(err: unknown): boolean {
  const e = err as { responseCode?: unknown; code?: unknown; originalCode?: unknown; syscall?: unknown; timeoutType?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return true;
  if (typeof e.code === 'string' && BEFORE_DATA.has(e.code)) return true;
  if (e.syscall === 'connect' || e.syscall === 'getaddrinfo') return true;
  if (typeof e.originalCode === 'string' && NO_CONNECTION.has(e.originalCode)) return true;
  return typeof e.timeoutType === 'string' && SETUP_TIMEOUTS.has(e.timeoutType);
}
