// Child process for crash.test.ts: runs a digest send and kills itself with SIGKILL right after the SMTP server
// accepted message number `killAfter`, before runDigest can mark it sent: the worst moment for "at most once".
import { openDatabase } from '../../../src/db/client.ts';
import { runDigest } from '../../../src/digest/send.ts';
import { smtpTransport, type DigestTransport } from '../../../src/digest/transport.ts';
import { testConfig } from './fixtures.ts';

const opts = JSON.parse(process.argv[2]!) as { databaseUrl: string; dataDir?: string; smtpUrl: string; week: string; recipients: string[]; killAfter: number };
const database = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, purpose: 'crash-child' });
const inner = smtpTransport(opts.smtpUrl);
let accepted = 0;
const transport: DigestTransport = {
  ...inner,
  async send(mail) {
    const info = await inner.send(mail);
    accepted += 1;
    if (accepted === opts.killAfter) process.kill(process.pid, 'SIGKILL');
    return info;
  },
};
await runDigest(database, { config: testConfig(opts.recipients), week: opts.week, transport });
await database.close();
