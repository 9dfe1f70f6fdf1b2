// A real SMTP server on 127.0.0.1 (smtp-server, port 0) that parses what arrives with mailparser.
import { createServer, type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: Received[];
  /** Recipients the server answers 550 for at RCPT TO. */
  reject: Set<string>;
  close(): Promise<void>;
}

/** Starts the server; auth is accepted for user "radar" with password "s3cret-pw" and optional otherwise. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const reject = new Set<string>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'radar' && auth.password === 's3cret-pw') cb(null, { user: 'radar' });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (reject.has(address.address.toLowerCase())) {
        const err = new Error(`mailbox ${address.address} unavailable`) as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
      } else cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), mail });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    reject,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** How many messages each envelope recipient got. */
export function perRecipient(received: Received[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of received) for (const to of r.envelopeTo) out[to] = (out[to] ?? 0) + 1;
  return out;
}

/** A bare-bones SMTP peer that takes the whole message after DATA and then drops the connection without a reply. */
export async function startDroppingSmtp(): Promise<{ url: string; messages: number; close(): Promise<void> }> {
  const state = { url: '', messages: 0, close: async () => {} };
  const server = createServer((socket) => {
    let inData = false;
    let buffer = '';
    socket.write('220 drop.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (buffer.includes('\r\n.\r\n')) {
          state.messages += 1;
          socket.destroy();
        }
        return;
      }
      let nl: number;
      while ((nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl).toUpperCase();
        buffer = buffer.slice(nl + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250 drop.test\r\n');
        else if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 go ahead\r\n');
          return;
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  state.url = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return state;
}

/** A loopback port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}
