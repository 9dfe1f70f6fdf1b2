// Queue tuning from the environment: one table of setting = validator + env name + default (STYLE.md habit 4).
// Expiry is the safety net for a worker that dies mid-job: its job stays "active" until started_on + expiry, then
// the next maintenance pass (run by any live worker) fails it into "retry" and another worker picks it up.
import { z } from 'zod';
import { ConfigError } from '../errors.ts';

const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  /** RADAR_QUEUE_EXPIRE_SECONDS: how long a job may stay active before it counts as lost and is retried. */
  expireInSeconds: positiveInt.default(300),
  /** RADAR_QUEUE_RETRY_LIMIT: retries after the first attempt (fetch errors, 5xx, lost workers). */
  retryLimit: z.coerce.number().int().min(0).default(3),
  /** RADAR_QUEUE_RETRY_DELAY_SECONDS: first retry delay; doubles with each retry (pg-boss backoff). */
  retryDelaySeconds: positiveInt.default(30),
  /** RADAR_QUEUE_MAINTENANCE_SECONDS: how often expired jobs are swept back into the queue. */
  maintenanceIntervalSeconds: positiveInt.default(60),
  /** RADAR_QUEUE_POLL_SECONDS: how often an idle worker looks for jobs (min 0.5). */
  pollingIntervalSeconds: z.coerce.number().min(0.5).default(2),
});

export type QueueSettings = z.output<typeof schema>;

const ENV: Record<keyof QueueSettings, string> = {
  expireInSeconds: 'RADAR_QUEUE_EXPIRE_SECONDS',
  retryLimit: 'RADAR_QUEUE_RETRY_LIMIT',
  retryDelaySeconds: 'RADAR_QUEUE_RETRY_DELAY_SECONDS',
  maintenanceIntervalSeconds: 'RADAR_QUEUE_MAINTENANCE_SECONDS',
  pollingIntervalSeconds: 'RADAR_QUEUE_POLL_SECONDS',
};

/** Reads the queue settings from `env`; a bad value fails with the variable's name. */
export function queueSettings(env: NodeJS.ProcessEnv = process.env, overrides: Partial<QueueSettings> = {}): QueueSettings {
  const raw = Object.fromEntries(Object.entries(ENV).flatMap(([key, name]) => (env[name] === undefined || env[name] === '' ? [] : [[key, env[name]]])));
  const parsed = schema.safeParse({ ...raw, ...overrides });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path[0] as keyof QueueSettings;
  throw new ConfigError(`${ENV[key] ?? String(key)}=${String(raw[key as string] ?? overrides[key])}: ${issue.message}`);
}
