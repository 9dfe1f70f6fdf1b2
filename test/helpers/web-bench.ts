// The review queue benchmark: seeds N events, signs in, and times the queue page (server-side render through
// app.request, so the figure is the app + database, not the network). `npm run bench` calls benchQueuePage.
import { createSession } from '../../src/auth/sessions.ts';
import { createUser } from '../../src/auth/users.ts';
import type { Db } from '../../src/db/client.ts';
import { createApp } from '../../src/web/app.ts';
import { seedEvents } from './seed-events.ts';

export interface QueueTiming {
  path: string;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  bytes: number;
}

/** The queue views timed by default: the landing page, all statuses, a deep page, and filtered views. */
export const QUEUE_PATHS = [
  '/',
  '/?status=all',
  '/?status=all&sort=confidence&dir=asc&page=150',
  '/?status=pending&firm=baidu&minConfidence=0.5',
  '/?status=all&q=GPU&from=2025-03-01&to=2025-06-30',
];

/** Seeds `events` events into an empty database (skip with seed: false) and times each queue path `runs` times after one warm-up. */
export async function benchQueuePage(db: Db, opts: { events?: number; runs?: number; seed?: boolean; paths?: string[] } = {}): Promise<{ seedMs: number; timings: QueueTiming[] }> {
  const started = performance.now();
  if (opts.seed !== false) await seedEvents(db, opts.events ?? 10_000);
  const seedMs = Math.round(performance.now() - started);
  const email = `bench-${Date.now()}@example.com`;
  const user = await createUser(db, { email, password: 'bench password 123', role: 'analyst' });
  const session = await createSession(db, user.id);
  const app = createApp({ db });
  const headers = { cookie: `radar_session=${session.token}`, accept: 'text/html' };
  const timings: QueueTiming[] = [];
  for (const path of opts.paths ?? QUEUE_PATHS) {
    await (await app.request(path, { headers })).text();
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < (opts.runs ?? 10); i++) {
      const t = performance.now();
      const res = await app.request(path, { headers });
      const body = await res.text();
      times.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`bench: ${path} answered ${res.status}`);
      bytes = body.length;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 10) / 10;
    timings.push({ path, medianMs: at(0.5), p95Ms: at(0.95), maxMs: at(1), bytes });
  }
  return { seedMs, timings };
}
