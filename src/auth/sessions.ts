// Server-side sessions: the random token goes to the browser in an httpOnly cookie; the sessions row is keyed by the
// token's sha256, so a leaked database does not hand out live sessions. Each session carries its own CSRF token.
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users, type User } from '../db/schema.ts';
import { newToken, tokenDigest } from './tokens.ts';

export const DEFAULT_SESSION_TTL_MS = 12 * 3600_000;

/** The signed-in user as the web layer sees it. */
export interface SessionUser {
  id: number;
  email: string;
  role: User['role'];
}

export interface ActiveSession {
  /** sha256 of the token (the row id). */
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: SessionUser;
}

/** Creates a session row for the user and returns the cookie token (shown once) with the session. */
export async function createSession(db: Db, userId: number, ttlMs = DEFAULT_SESSION_TTL_MS, now = new Date()): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.insert(sessions).values({ id: tokenDigest(token), userId, csrfToken, expiresAt, createdAt: now });
  return { token, csrfToken, expiresAt };
}

/** Finds the live session for a cookie token (null when unknown, expired, or the account is disabled). */
export async function findSession(db: Db, token: string | undefined, now = new Date()): Promise<ActiveSession | null> {
  if (!token || token.length > 200) return null;
  const rows = await db
    .select({ id: sessions.id, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt, userId: users.id, email: users.email, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, tokenDigest(token)), gt(sessions.expiresAt, now), eq(users.disabled, false)))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  return { id: r.id, csrfToken: r.csrfToken, expiresAt: r.expiresAt, user: { id: r.userId, email: r.email, role: r.role } };
}

/** Ends a session (logout). */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (password change, account disabled). */
export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes expired rows; called now and then by the server. */
export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
