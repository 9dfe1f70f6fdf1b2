// Typed errors. The class is the retry policy: decideNext() is the one place that turns an error into an action.

/** Base class: every error the project throws on purpose carries a message that names the input and the reason. */
export class RadarError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A config file is missing, unreadable or invalid; the message names the file, the key or line, and the reason. */
export class ConfigError extends RadarError {
  override readonly exitCode = 2;
}

/** Bad input on the command line or in a file the user gave us. */
export class InputError extends RadarError {
  override readonly exitCode = 2;
}

/** The embedded database folder is held by another process. */
export class DatabaseBusyError extends RadarError {
  override readonly exitCode = 3;
}

/** Not worth retrying: 404/410, unsupported content, unparseable page. Recorded, never retried. */
export class SkipError extends RadarError {}

/** Network error, 5xx, timeout: retried later with backoff; counts toward the feed's error budget. */
export class RetryLaterError extends RadarError {}

/** 429 or 503 with Retry-After: reschedule at that time; does not count as a failure. */
export class RateLimitedError extends RadarError {
  constructor(message: string, readonly retryAfterMs: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Stops the run. */
export class FatalError extends RadarError {}

export type NextStep =
  | { action: 'skip' }
  | { action: 'reschedule'; delayMs: number; countsAsFailure: boolean }
  | { action: 'abort' };

/** Jittered exponential backoff: base * 2^attempt, capped, +-25% jitter so feeds do not stampede together. */
export function backoffMs(attempt: number, baseMs = 60_000, capMs = 24 * 3600_000): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(raw * (0.75 + Math.random() * 0.5));
}

/** The one decision function: what to do after `error` on the given attempt (0-based). */
export function decideNext(error: unknown, attempt: number): NextStep {
  if (error instanceof RateLimitedError) return { action: 'reschedule', delayMs: error.retryAfterMs, countsAsFailure: false };
  if (error instanceof SkipError) return { action: 'skip' };
  if (error instanceof FatalError || error instanceof ConfigError) return { action: 'abort' };
  return { action: 'reschedule', delayMs: backoffMs(attempt), countsAsFailure: true };
}
