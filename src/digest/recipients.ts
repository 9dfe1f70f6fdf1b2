// Who receives a week's digest: the addresses in config/digest.yaml plus, when `opted_in_users` is true, every enabled
// user who opted in (users.digest_opt_in, off until the user turns it on). Addresses are compared lower-cased, and
// that lower-cased address is the key in digest_sends. Placeholder addresses (the documentation domains of RFC 2606
// and RFC 6761, such as the analysts@example.com a fresh config ships with) are listed as skipped and never mailed.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import type { DigestConfig } from './config.ts';

export interface Recipient {
  /** Lower-cased address: the ledger key in digest_sends. */
  email: string;
  name: string | null;
  source: 'config' | 'user';
}

export interface SkippedRecipient extends Recipient {
  reason: string;
}

/** Normalises an address for comparison and for the per-(week, recipient) ledger. */
export function recipientKey(email: string): string {
  return email.trim().toLowerCase();
}

// example.com/.org/.net are reserved for documentation (RFC 2606 section 3), and so are the .example and .invalid
// top-level domains (RFC 2606 section 2, RFC 6761). Mail to them is a placeholder nobody replaced; on a real SMTP
// server it leaves the machine. .test and .localhost stay allowed: they are what local test servers use.
const PLACEHOLDER_DOMAINS = ['example.com', 'example.org', 'example.net'];
const PLACEHOLDER_TLDS = ['example', 'invalid'];

/** True for an address at a documentation domain (example.com, example.org, example.net, their subdomains, *.example, *.invalid). */
export function isPlaceholderAddress(email: string): boolean {
  const domain = recipientKey(email).split('@').pop()?.replace(/\.$/, '') ?? '';
  if (PLACEHOLDER_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`))) return true;
  return PLACEHOLDER_TLDS.includes(domain.split('.').pop() ?? '');
}

/** Everyone the configuration names, without duplicates: those who get the digest, and placeholders that are skipped. */
export async function recipientList(db: Db, config: Pick<DigestConfig, 'recipients' | 'optedInUsers'>): Promise<{ recipients: Recipient[]; skipped: SkippedRecipient[] }> {
  const all = new Map<string, Recipient>();
  for (const r of config.recipients) {
    const key = recipientKey(r.email);
    if (!all.has(key)) all.set(key, { email: key, name: r.name, source: 'config' });
  }
  if (config.optedInUsers) {
    const rows = await db.select({ email: users.email }).from(users)
      .where(and(eq(users.digestOptIn, true), eq(users.disabled, false))).orderBy(asc(users.id));
    for (const u of rows) {
      const key = recipientKey(u.email);
      if (!all.has(key)) all.set(key, { email: key, name: null, source: 'user' });
    }
  }
  const recipients: Recipient[] = [];
  const skipped: SkippedRecipient[] = [];
  for (const r of all.values()) {
    if (isPlaceholderAddress(r.email)) skipped.push({ ...r, reason: 'placeholder address (a documentation domain, RFC 2606): replace it in digest.yaml' });
    else recipients.push(r);
  }
  return { recipients, skipped };
}

/** The configured recipients followed by opted-in users, without duplicates and without placeholder addresses. */
export async function resolveRecipients(db: Db, config: Pick<DigestConfig, 'recipients' | 'optedInUsers'>): Promise<Recipient[]> {
  return (await recipientList(db, config)).recipients;
}
