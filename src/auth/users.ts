// Review accounts: create, list, look up, enable/disable. Emails are stored trimmed and lower-cased.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { InputError } from '../errors.ts';
import { users, type User } from '../db/schema.ts';
import { hashPassword } from './password.ts';

export type Role = User['role'];
export const ROLES: readonly Role[] = ['analyst', 'admin'];
export const MIN_PASSWORD_LENGTH = 10;

/** Normalises an email for storage and lookup. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Validates an email and password and creates the account; InputError on bad input or a duplicate email. */
export async function createUser(db: Db, input: { email: string; password: string; role: Role }): Promise<Pick<User, 'id' | 'email' | 'role'>> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) throw new InputError(`"${input.email}" is not an email address`);
  if (!ROLES.includes(input.role)) throw new InputError(`role "${input.role}" is not one of ${ROLES.join(', ')}`);
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new InputError(`the password for ${email} is too short: at least ${MIN_PASSWORD_LENGTH} characters`);
  const existing = await findUserByEmail(db, email);
  if (existing) throw new InputError(`an account for ${email} already exists`);
  const passwordHash = await hashPassword(input.password);
  const [row] = await db.insert(users).values({ email, passwordHash, role: input.role }).returning({ id: users.id, email: users.email, role: users.role });
  if (!row) throw new InputError(`could not create the account for ${email}`);
  return row;
}

/** The account with this email, or null. */
export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const rows = await db.select().from(users).where(eq(users.email, normaliseEmail(email))).limit(1);
  return rows[0] ?? null;
}

/** Every account, oldest first, without password hashes. */
export async function listUsers(db: Db): Promise<Array<Omit<User, 'passwordHash'>>> {
  return db
    .select({ id: users.id, email: users.email, role: users.role, digestOptIn: users.digestOptIn, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.id));
}

/** Enables or disables an account. */
export async function setUserDisabled(db: Db, userId: number, disabled: boolean): Promise<void> {
  await db.update(users).set({ disabled }).where(eq(users.id, userId));
}

/** Turns the weekly digest on or off for the account with this email; InputError naming the email when there is none. */
export async function setDigestOptIn(db: Db, email: string, on: boolean): Promise<Pick<User, 'id' | 'email' | 'digestOptIn'>> {
  const [row] = await db.update(users).set({ digestOptIn: on }).where(eq(users.email, normaliseEmail(email)))
    .returning({ id: users.id, email: users.email, digestOptIn: users.digestOptIn });
  if (!row) throw new InputError(`there is no account for ${normaliseEmail(email)} (see radar users list)`);
  return row;
}

/** Turns the weekly digest on or off for one account by id (the account page). */
export async function setDigestOptInById(db: Db, userId: number, on: boolean): Promise<void> {
  await db.update(users).set({ digestOptIn: on }).where(eq(users.id, userId));
}
