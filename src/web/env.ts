// The web layer's dependencies and per-request variables, shared by every route module.
import type { Context } from 'hono';
import type { ActiveSession } from '../auth/sessions.ts';
import type { RateLimiter } from '../auth/rate-limit.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { ReviewConfig } from './config.ts';

export interface WebOptions {
  db: Db;
  log?: Logger;
  /** Mark cookies Secure (set when the UI is served over https, directly or behind a proxy). */
  cookieSecure?: boolean;
  /** Trust X-Forwarded-For for the client IP (only behind a proxy you run). */
  trustProxy?: boolean;
  sessionTtlMs?: number;
  /** Config folder for review.yaml and the digest preview (digest.yaml); the project's config/ when unset. */
  configDir?: string | undefined;
  /** Login throttling: attempts per client address, and failures per account from one address, per window. */
  loginLimits?: { perIp: number; perAccount: number; windowMs: number };
}

export interface WebDeps {
  db: Db;
  log: Logger;
  cookieSecure: boolean;
  trustProxy: boolean;
  sessionTtlMs: number;
  ipLimiter: RateLimiter;
  accountLimiter: RateLimiter;
  review: ReviewConfig;
}

export interface AppEnv {
  Variables: {
    deps: WebDeps;
    session: ActiveSession | null;
  };
}

export type Ctx = Context<AppEnv>;

/** The signed-in session; only called behind requireSession, so a missing one is a programming error. */
export function sessionOf(c: Ctx): ActiveSession {
  const s = c.get('session');
  if (!s) throw new Error('sessionOf called on a route without requireSession');
  return s;
}

/** A positive integer route parameter, or null. */
export function intParam(value: string | undefined): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
