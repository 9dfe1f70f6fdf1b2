// `radar digest [--week YYYY-Www] [--dry-run [--format text|html]] [--send [--resend-unconfirmed]] [--config DIR]`:
// builds one week's digest; --dry-run prints it, --send mails it (each recipient at most once per week), and with
// neither it prints who would receive it. Default week: the last complete ISO week in digest.yaml's time zone.
// --send exits 1, naming them on stderr, when any recipient is left failed, unconfirmed or not attempted.
import { parseCommandArgs } from '../src/cli-args.ts';
import { openDatabase } from '../src/db/client.ts';
import { buildDigest } from '../src/digest/build.ts';
import { loadDigestConfig } from '../src/digest/config.ts';
import { recipientList } from '../src/digest/recipients.ts';
import { firstIngestAt } from '../src/digest/select.ts';
import { defaultWeek, runDigest, undeliveredReport, weekLedger, type DigestRunResult } from '../src/digest/send.ts';
import { transportFromEnv } from '../src/digest/transport.ts';
import { formatWeek, parseWeek } from '../src/digest/week.ts';
import { InputError } from '../src/errors.ts';
import { createLogger } from '../src/log.ts';

const USAGE = 'usage: radar digest [--week YYYY-Www] [--dry-run [--format text|html]] [--send [--resend-unconfirmed]] [--config DIR]';

function describeStatus(row: { status: string; attempts: number; error: string | null; sentAt: Date | null } | undefined): string {
  if (!row) return 'would receive it';
  if (row.status === 'sent') return `already sent ${row.sentAt?.toISOString() ?? ''}`.trim();
  if (row.status === 'failed') return `failed ${row.attempts}x, will retry (${row.error ?? 'no error recorded'})`;
  if (row.attempts > 0) return `unconfirmed: an earlier send may have gone out; not resent (see --resend-unconfirmed)`;
  return 'would receive it';
}

function printRun(result: DigestRunResult): void {
  if (result.interruptedRuns.length) {
    console.log(`earlier digest ${result.interruptedRuns.length === 1 ? 'run' : 'runs'} ${result.interruptedRuns.join(', ')} never finished: marked interrupted`);
  }
  console.log(result.subject);
  if (result.skippedBeforeFirstIngest) {
    console.log(`${result.week} ended before the first ingest: nothing sent`);
    return;
  }
  if (result.skippedEmpty) {
    console.log('no approved events this week and empty_week is "skip": nothing sent');
    return;
  }
  console.log(`transport: ${result.transport}`);
  for (const r of result.recipients) {
    const extra = r.error ? ` (${r.error})` : r.messageId ? ` ${r.messageId}` : '';
    console.log(`  ${r.outcome.padEnd(13)} ${r.email}${extra}`);
  }
  for (const r of result.skipped) console.log(`  ${'skipped'.padEnd(13)} ${r.email}: ${r.reason}`);
  if (!result.recipients.length) console.log('  no recipients: add some to digest.yaml or opt users in');
}

/** Entry point for `radar digest`. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(USAGE, {
    args: argv,
    options: {
      week: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      send: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      'resend-unconfirmed': { type: 'boolean', default: false },
      config: { type: 'string' },
    },
  });
  if (values['dry-run'] && values.send) throw new InputError('--dry-run and --send exclude each other');
  if (values.format !== 'text' && values.format !== 'html') throw new InputError(`--format "${values.format}": expected text or html`);
  if (values['resend-unconfirmed'] && !values.send) throw new InputError('--resend-unconfirmed only makes sense with --send');
  const config = loadDigestConfig(values.config);
  const week = values.week !== undefined ? formatWeek(parseWeek(values.week)) : defaultWeek(config);
  const log = createLogger();
  const database = await openDatabase({ purpose: 'radar digest' });
  try {
    if (values.send) {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      try {
        const result = await runDigest(database, { config, week, log, signal: controller.signal, resendUnconfirmed: values['resend-unconfirmed'] });
        printRun(result);
        // Non-zero, with the addresses on stderr, whenever someone may be without this week's mail: cron mails that.
        const problem = undeliveredReport(result);
        if (problem) console.error(problem);
        return problem ? 1 : 0;
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
      }
    }
    const digest = await buildDigest(database, week, config);
    if (values['dry-run']) {
      process.stdout.write(values.format === 'html' ? digest.html : `Subject: ${digest.subject}\n\n${digest.text}`);
      return 0;
    }
    const { recipients, skipped } = await recipientList(database.db, config);
    const ledger = await weekLedger(database, week);
    console.log(digest.subject);
    if (digest.empty && config.emptyWeek === 'skip') {
      console.log('no approved events this week and empty_week is "skip": --send would send nothing');
      return 0;
    }
    const transport = transportFromEnv();
    console.log(`--send would deliver through ${transport.kind}: ${transport.describe}`);
    await transport.close();
    const firstIngest = await firstIngestAt(database.db);
    if (!firstIngest || digest.end.getTime() <= firstIngest.getTime()) console.log(`${week} ended before the first ingest: --send would send nothing`);
    for (const r of recipients) console.log(`  ${r.email} (${r.source}): ${describeStatus(ledger.get(r.email))}`);
    for (const r of skipped) console.log(`  ${r.email} (${r.source}): skipped, ${r.reason}`);
    if (!recipients.length) console.log('  no recipients: add some to digest.yaml or opt users in');
    return 0;
  } finally {
    await database.close();
  }
}
