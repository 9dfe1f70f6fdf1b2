// runDigest: sends one week's digest to every recipient at most once, with digest_sends as the ledger.
//
// Per (week, recipient) the row moves: (none) -> pending/attempts 0 (planned) -> claimed: attempts+1 -> sent | failed.
// The claim is one conditional UPDATE, so two runs at once (cron + `radar run`) never both send to one address.
// A crash after the claim leaves "pending with attempts > 0": the message may or may not have been accepted.
// We chose AT MOST ONCE (issue 8): such a row is reported as "unconfirmed" and not resent automatically. The
// outbox can settle it (the .eml file is written atomically, so it exists iff the send happened); for SMTP an
// operator checks the server log for the row's deterministic Message-ID and releases it with --resend-unconfirmed.
// Should a resend still duplicate, the identical Message-ID lets mail clients and Gmail fold the two copies.
// A definite SMTP failure (4xx/5xx reply, refused connection, failed login) marks the row failed with the error,
// and the next run sends it again.
import { createHash } from 'node:crypto';
import { and, eq, gt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { finishRun, markInterruptedRuns, startRun } from '../db/queries/runs.ts';
import { digestSends, type DigestSend } from '../db/schema.ts';
import { silentLogger, type Logger } from '../log.ts';
import { buildDigest, type BuiltDigest, type DigestCounts } from './build.ts';
import type { DigestConfig } from './config.ts';
import { recipientList, type Recipient, type SkippedRecipient } from './recipients.ts';
import { firstIngestAt } from './select.ts';
import { isDefiniteFailure, transportFromEnv, type DigestTransport, type OutgoingMail } from './transport.ts';
import { formatWeek, lastCompleteWeek, parseWeek } from './week.ts';

export type RecipientOutcome = 'sent' | 'already_sent' | 'failed' | 'unconfirmed' | 'not_attempted';

export interface RecipientResult {
  email: string;
  source: Recipient['source'];
  outcome: RecipientOutcome;
  attempts: number;
  messageId: string | null;
  error: string | null;
}

export interface RunDigestOptions {
  config: DigestConfig;
  /** "YYYY-Www"; default: the last complete week at `now` in config.timeZone. */
  week?: string | undefined;
  now?: Date;
  /** Default: transportFromEnv() (SMTP_URL, else the outbox); closed at the end only when created here. */
  transport?: DigestTransport;
  /** Release "unconfirmed" rows of this week for one more send (at-least-once, chosen by an operator). */
  resendUnconfirmed?: boolean;
  log?: Logger;
  /** Stops between recipients (SIGTERM in `radar run`); untouched recipients go out on the next run. */
  signal?: AbortSignal;
}

export interface DigestRunResult {
  week: string;
  subject: string;
  counts: DigestCounts;
  empty: boolean;
  /** True when the week was empty and config.emptyWeek is "skip": nothing recorded, nothing sent. */
  skippedEmpty: boolean;
  /** True when the week ended before the first ingest (or nothing was ever ingested): nothing recorded, nothing sent. */
  skippedBeforeFirstIngest: boolean;
  transport: string;
  recipients: RecipientResult[];
  /** Earlier digest runs whose process had died while `running`: marked interrupted by this run. */
  interruptedRuns: number[];
  /** Configured addresses that were not mailed (placeholders), with the reason. */
  skipped: SkippedRecipient[];
}

/** The default week for a run at `now`: the last complete ISO week in the configured zone. */
export function defaultWeek(config: Pick<DigestConfig, 'timeZone'>, now = new Date()): string {
  return formatWeek(lastCompleteWeek(now, config.timeZone));
}

/** A Message-ID that is the same for every attempt at one (week, recipient), so duplicates are recognisable. */
export function digestMessageId(week: string, recipient: string, from: string): string {
  const domain = /@([^@\s>]+)/.exec(from)?.[1] ?? 'hiring-radar.invalid';
  const hash = createHash('sha256').update(`${week}\n${recipient}`).digest('hex').slice(0, 24);
  return `<digest-${week}-${hash}@${domain}>`;
}

function errorText(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
  const parts = [e?.code, e?.responseCode].filter((v) => v !== undefined && v !== null).join(' ');
  return `${parts ? `${parts}: ` : ''}${String(e?.message ?? err)}`.slice(0, 1000);
}

function mailFor(digest: BuiltDigest, r: Recipient, config: DigestConfig): OutgoingMail {
  return {
    from: config.from,
    to: { email: r.email, name: r.name },
    subject: digest.subject,
    text: digest.text,
    html: digest.html,
    messageId: digestMessageId(digest.week, r.email, config.from),
    week: digest.week,
  };
}

const whereRow = (week: string, email: string) => and(eq(digestSends.week, week), eq(digestSends.recipient, email));

/** Sends `opts.week`'s digest to every recipient who has not had it yet and returns what happened to each. */
export async function runDigest(database: Database, opts: RunDigestOptions): Promise<DigestRunResult> {
  const { config } = opts;
  const log = opts.log ?? silentLogger;
  const week = opts.week ? formatWeek(parseWeek(opts.week)) : defaultWeek(config, opts.now);
  const digest = await buildDigest(database, week, config);
  const { recipients, skipped } = await recipientList(database.db, config);
  for (const r of skipped) log.warn({ week, recipient: r.email }, `digest not sent to ${r.email}: ${r.reason}`);
  const transport = opts.transport ?? transportFromEnv();
  const result: DigestRunResult = {
    week, subject: digest.subject, counts: digest.counts, empty: digest.empty, skippedEmpty: false, skippedBeforeFirstIngest: false,
    transport: transport.describe, recipients: [], skipped, interruptedRuns: [],
  };
  let runId: number | null = null;
  let finished = false;
  try {
    // A fresh install must not mail the (empty) digest of a week it never watched.
    const firstIngest = await firstIngestAt(database.db);
    if (!firstIngest || digest.end.getTime() <= firstIngest.getTime()) {
      log.info({ week, first_ingest_at: firstIngest?.toISOString() ?? null }, 'week ended before the first ingest: nothing sent');
      return { ...result, skippedBeforeFirstIngest: true };
    }
    if (digest.empty && config.emptyWeek === 'skip') {
      log.info({ week }, 'empty week, configured to skip: nothing sent');
      return { ...result, skippedEmpty: true };
    }
    // Two digest runs may overlap (cron and `radar run`), so only a run whose recorded process is gone is marked.
    const interrupted = await markInterruptedRuns(database.db, 'digest');
    result.interruptedRuns = interrupted.map((r) => r.id);
    for (const r of interrupted) log.warn({ run_id: r.id, started_at: r.startedAt.toISOString() }, 'earlier digest run never finished: marked interrupted');
    runId = await startRun(database.db, 'digest');
    if (recipients.length) {
      // Plan first: one pending row per recipient, so the ledger shows who is still owed this week's digest.
      await database.db.insert(digestSends).values(recipients.map((r) => ({ week, recipient: r.email })))
        .onConflictDoNothing({ target: [digestSends.week, digestSends.recipient] });
    }
    if (opts.resendUnconfirmed) {
      await database.db.update(digestSends).set({ status: 'failed', error: 'unconfirmed send released for another attempt by the operator' })
        .where(and(eq(digestSends.week, week), eq(digestSends.status, 'pending'), gt(digestSends.attempts, 0)));
    }
    for (const r of recipients) {
      if (opts.signal?.aborted) {
        result.recipients.push({ email: r.email, source: r.source, outcome: 'not_attempted', attempts: 0, messageId: null, error: null });
        continue;
      }
      result.recipients.push(await sendOne(database, transport, mailFor(digest, r, config), r, log));
    }
    const tally = (o: RecipientOutcome) => result.recipients.filter((x) => x.outcome === o).length;
    const counts = { events: digest.counts.total, recipients: recipients.length, sent: tally('sent'), already_sent: tally('already_sent'), failed: tally('failed'), unconfirmed: tally('unconfirmed') };
    finished = true;
    await finishRun(database.db, runId, {
      status: counts.failed || counts.unconfirmed ? 'partial' : 'ok',
      counts,
      errors: result.recipients.filter((x) => x.error).map((x) => ({ at: new Date().toISOString(), message: `${x.email}: ${x.error}` })),
    });
    log.info({ week, ...counts }, 'digest run finished');
    return result;
  } catch (err) {
    // A failure inside a long-lived process (the timer in `radar run`) must not leave the row `running` forever.
    if (runId !== null && !finished) {
      await finishRun(database.db, runId, { status: 'failed', errors: [{ at: new Date().toISOString(), message: (err as Error).message }] }).catch(() => {});
    }
    throw err;
  } finally {
    if (!opts.transport) await transport.close();
  }
}

/**
 * Why a --send run must exit non-zero, naming every recipient who is not known to have this week's digest: failed
 * (retried on the next run), unconfirmed (may or may not have gone out; never resent on its own) or not attempted
 * (the run was stopped). Null when every recipient has it.
 */
export function undeliveredReport(result: DigestRunResult): string | null {
  const by = (o: RecipientOutcome) => result.recipients.filter((r) => r.outcome === o);
  const parts: string[] = [];
  const unconfirmed = by('unconfirmed');
  if (unconfirmed.length) {
    parts.push(`${unconfirmed.length} unconfirmed (an earlier send may or may not have gone out; check the mail log for its Message-ID, then \`radar digest --send --week ${result.week} --resend-unconfirmed\`): ${unconfirmed.map((r) => r.email).join(', ')}`);
  }
  const failed = by('failed');
  if (failed.length) parts.push(`${failed.length} failed (retried on the next run): ${failed.map((r) => `${r.email} (${r.error ?? 'no error recorded'})`).join(', ')}`);
  const skipped = by('not_attempted');
  if (skipped.length) parts.push(`${skipped.length} not attempted (the run was stopped): ${skipped.map((r) => r.email).join(', ')}`);
  if (!parts.length) return null;
  const missing = unconfirmed.length + failed.length + skipped.length;
  return `digest ${result.week}: ${missing} of ${result.recipients.length} recipients have no confirmed mail: ${parts.join('; ')}`;
}

async function claim(database: Database, week: string, email: string, attemptsSeen?: number): Promise<DigestSend | undefined> {
  const claimable = attemptsSeen === undefined
    ? or(eq(digestSends.status, 'failed'), and(eq(digestSends.status, 'pending'), eq(digestSends.attempts, 0)))
    : and(eq(digestSends.status, 'pending'), eq(digestSends.attempts, attemptsSeen));
  const [row] = await database.db.update(digestSends)
    .set({ attempts: sql`${digestSends.attempts} + 1`, status: 'pending', error: null })
    .where(and(whereRow(week, email), claimable)).returning();
  return row;
}

async function sendOne(database: Database, transport: DigestTransport, mail: OutgoingMail, r: Recipient, log: Logger): Promise<RecipientResult> {
  const base = { email: r.email, source: r.source };
  let row = await claim(database, mail.week, r.email);
  if (!row) {
    const [current] = await database.db.select().from(digestSends).where(whereRow(mail.week, r.email));
    if (!current) throw new Error(`digest_sends row for ${mail.week}/${r.email} vanished during the run`);
    if (current.status === 'sent') return { ...base, outcome: 'already_sent', attempts: current.attempts, messageId: current.messageId, error: null };
    // Pending with attempts > 0: an earlier run claimed it and never reported back (crash, or still running).
    if (!transport.wasDelivered) {
      log.warn({ week: mail.week, recipient: r.email, message_id: mail.messageId, attempt: current.attempts }, 'send outcome unknown: not resent (at most once)');
      return { ...base, outcome: 'unconfirmed', attempts: current.attempts, messageId: mail.messageId, error: current.error };
    }
    if (await transport.wasDelivered(mail)) {
      await database.db.update(digestSends).set({ status: 'sent', messageId: mail.messageId, sentAt: new Date(), error: null }).where(eq(digestSends.id, current.id));
      return { ...base, outcome: 'already_sent', attempts: current.attempts, messageId: mail.messageId, error: null };
    }
    row = await claim(database, mail.week, r.email, current.attempts);
    if (!row) return { ...base, outcome: 'unconfirmed', attempts: current.attempts, messageId: mail.messageId, error: current.error };
  }
  try {
    const info = await transport.send(mail);
    await database.db.update(digestSends).set({ status: 'sent', messageId: info.messageId, sentAt: new Date(), error: null }).where(eq(digestSends.id, row.id));
    log.info({ week: mail.week, recipient: r.email, message_id: info.messageId, attempt: row.attempts }, 'digest sent');
    return { ...base, outcome: 'sent', attempts: row.attempts, messageId: info.messageId, error: null };
  } catch (err) {
    const error = errorText(err);
    if (isDefiniteFailure(err)) {
      await database.db.update(digestSends).set({ status: 'failed', error }).where(eq(digestSends.id, row.id));
      log.warn({ week: mail.week, recipient: r.email, attempt: row.attempts, error }, 'digest send failed: retried on the next run');
      return { ...base, outcome: 'failed', attempts: row.attempts, messageId: null, error };
    }
    // The message may have been queued before the error: keep the row pending (unconfirmed) and never resend it blindly.
    await database.db.update(digestSends).set({ error: `outcome unknown: ${error}` }).where(eq(digestSends.id, row.id));
    log.warn({ week: mail.week, recipient: r.email, attempt: row.attempts, error }, 'digest send outcome unknown: not resent (at most once)');
    return { ...base, outcome: 'unconfirmed', attempts: row.attempts, messageId: mail.messageId, error: `outcome unknown: ${error}` };
  }
}

/** The digest_sends rows of one week, keyed by recipient (for summaries and the review UI). */
export async function weekLedger(database: Pick<Database, 'db'>, week: string): Promise<Map<string, DigestSend>> {
  const rows = await database.db.select().from(digestSends).where(eq(digestSends.week, week));
  return new Map(rows.map((r) => [r.recipient, r]));
}
