// The review queue's response time with 10,000 events: seeded, signed in, the queue page rendered through the app
// (test/helpers/web-bench.ts, written with the review UI), on PGlite and, when DATABASE_URL is set, on Postgres.
import { benchQueuePage } from '../../test/helpers/web-bench.ts';
import { openBenchDatabase } from './store.ts';

export interface ReviewBenchResult {
  engine: 'pglite' | 'postgres';
  events: number;
  seedSeconds: number;
  /** The landing page (pending events, newest first). */
  queueP50Ms: number;
  queueP95Ms: number;
  /** Every view timed, by path. */
  paths: Array<{ path: string; p50Ms: number; p95Ms: number }>;
}

/** Seeds `events` events and times the queue views `runs` times each. */
export async function benchReview(engine: 'pglite' | 'postgres', events: number, runs: number): Promise<ReviewBenchResult> {
  const { database, destroy } = await openBenchDatabase(engine);
  try {
    const { seedMs, timings } = await benchQueuePage(database.db, { events, runs });
    const landing = timings.find((t) => t.path === '/') ?? timings[0]!;
    return {
      engine, events, seedSeconds: Math.round(seedMs / 100) / 10, queueP50Ms: landing.medianMs, queueP95Ms: landing.p95Ms,
      paths: timings.map((t) => ({ path: t.path, p50Ms: t.medianMs, p95Ms: t.p95Ms })),
    };
  } finally {
    await destroy();
  }
}
