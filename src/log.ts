// Structured logging: JSON lines on stderr (stdout belongs to command output such as `radar extract`).
// Log keys are snake_case and stable: feed_id, feed_url, article_url, stage, duration_ms, attempt, count, error.
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the root logger; LOG_LEVEL picks the level (default info, or warn under tests). */
export function createLogger(level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'warn' : 'info')): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}

/** A logger that writes nothing, for library use and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
