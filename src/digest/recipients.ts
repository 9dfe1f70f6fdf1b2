// Who receives a week's digest: the addresses in config/digest.yaml plus, when enabled, every enabled user who
// opted in. Addresses are compared lower-cased, and that lower-cased address is the key in digest_sends.
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

/** Normalises an address for comparison and for the per-(week, recipient) ledger. */
export function recipientKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The configured recipients followed by opted-in users, without duplicates. */
export async function resolveRecipients(db: Db, config: Pick<DigestConfig, 'recipients' | 'optedInUsers'>): Promise<Recipient[]> {
  const out = new Map<string, Recipient>();
  for (const r of config.recipients) {
    const key = recipientKey(r.email);
    if (!out.has(key)) out.set(key, { email: key, name: r.name, source: 'config' });
  }
  if (config.optedInUsers) {
    const rows = await db.select({ email: users.email }).from(users)
      .where(and(eq(users.digestOptIn, true), eq(users.disabled, false))).orderBy(asc(users.id));
    for (const u of rows) {
      const key = recipientKey(u.email);
      if (!out.has(key)) out.set(key, { email: key, name: null, source: 'user' });
    }
  }
  return [...out.values()];
}
