// Queue settings come from RADAR_QUEUE_* variables with defaults, and a bad value names its variable; the queue
// commands refuse to start without a Postgres DATABASE_URL and say why.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { articleJobKey } from '../../../src/queue/article-job.ts';
import { requireQueueDatabaseUrl } from '../../../src/queue/boss.ts';
import { queueSettings } from '../../../src/queue/settings.ts';

describe('queue settings', () => {
  it('uses the defaults when nothing is set', () => {
    expect(queueSettings({})).toEqual({ expireInSeconds: 300, retryLimit: 3, retryDelaySeconds: 30, maintenanceIntervalSeconds: 60, pollingIntervalSeconds: 2 });
  });

  it('reads each variable, and overrides win over the environment', () => {
    const s = queueSettings({ RADAR_QUEUE_EXPIRE_SECONDS: '20', RADAR_QUEUE_RETRY_LIMIT: '0', RADAR_QUEUE_POLL_SECONDS: '0.5' }, { maintenanceIntervalSeconds: 2 });
    expect(s).toMatchObject({ expireInSeconds: 20, retryLimit: 0, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 2 });
  });

  it('names the variable of a bad value', () => {
    expect(() => queueSettings({ RADAR_QUEUE_EXPIRE_SECONDS: 'soon' })).toThrow(ConfigError);
    expect(() => queueSettings({ RADAR_QUEUE_EXPIRE_SECONDS: 'soon' })).toThrow(/RADAR_QUEUE_EXPIRE_SECONDS=soon/);
    expect(() => queueSettings({ RADAR_QUEUE_POLL_SECONDS: '0.1' })).toThrow(/RADAR_QUEUE_POLL_SECONDS/);
  });
});

describe('queue database', () => {
  it('needs a postgres:// DATABASE_URL and says why', () => {
    expect(() => requireQueueDatabaseUrl('radar worker', {})).toThrow(/radar worker needs DATABASE_URL/);
    expect(() => requireQueueDatabaseUrl('radar worker', { DATABASE_URL: 'mysql://u:secret@h/db' })).toThrow(/got "mysql:\/\/u:\*\*\*@h\/db"/);
    expect(requireQueueDatabaseUrl('radar worker', { DATABASE_URL: 'postgres://u@h:5432/db' })).toBe('postgres://u@h:5432/db');
  });

  it('keys a job by the link without tracking parameters or fragment', () => {
    expect(articleJobKey('https://News.example.com/a/1?utm_source=rss&id=7#top')).toBe('https://news.example.com/a/1?id=7');
    expect(articleJobKey('not a url')).toBe('not a url');
  });
});
