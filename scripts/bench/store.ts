// Write throughput of the real storage path (storeArticle: article row, raw gzip, URLs, entities, mentions, events
// merged by identity, in one transaction per article) on embedded PGlite and, when DATABASE_URL is set, on a scratch
// database of that Postgres server. Inputs are real pages cleaned and extracted once; each stored copy gets its own
// URL and a distinct last line of text, so every write is a new article whose events join the events already stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/client.ts';
import type { ProcessedPage } from '../../src/ingest/process-page.ts';
import { storeArticle } from '../../src/store/store-article.ts';
import { createScratchServerDatabase } from '../../test/helpers/db.ts';
import { mapLimit, round } from './stats.ts';

export interface StoreBenchResult {
  engine: 'pglite' | 'postgres';
  articles: number;
  seconds: number;
  articlesPerSec: number;
  /** Event links written (an article's report of an event, new or merged) per second. */
  eventsPerSec: number;
  newEvents: number;
  eventLinks: number;
}

/** An embedded database in a temp folder, or a scratch database on the DATABASE_URL server; destroy() removes it. */
export async function openBenchDatabase(engine: 'pglite' | 'postgres'): Promise<{ database: Database; destroy: () => Promise<void> }> {
  if (engine === 'postgres') {
    const scratch = await createScratchServerDatabase(process.env.DATABASE_URL!);
    const database = await openDatabase({ databaseUrl: scratch.url, maxConnections: 8 });
    return { database, destroy: async () => { await database.close(); await scratch.drop(); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-db-'));
  const database = await openDatabase({ dataDir: dir, databaseUrl: '', purpose: 'bench' });
  return { database, destroy: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Stores `count` articles built from `processed` (cycled), `concurrency` at a time, and reports the rate. */
export async function benchStore(engine: 'pglite' | 'postgres', processed: Array<ProcessedPage & { body: Uint8Array }>, count: number, concurrency = 4): Promise<StoreBenchResult> {
  const { database, destroy } = await openBenchDatabase(engine);
  try {
    const inputs = Array.from({ length: count }, (_, i) => {
      const p = processed[i % processed.length]!;
      const url = `https://bench.example.org/${engine}/${i}`;
      // Appending keeps every offset valid and makes the text (so the content hash) unique.
      const clean = { ...p.clean, text: `${p.clean.text}\n\nBench copy ${i}.` };
      return { url, finalUrl: url, feedId: null, guid: null, contentType: 'text/html', rawBody: p.body, clean, extraction: p.extraction };
    });
    let eventLinks = 0;
    let newEvents = 0;
    const started = performance.now();
    await mapLimit(inputs, concurrency, async (input) => {
      const r = await storeArticle(database, input);
      eventLinks += r.events;
      newEvents += r.newEvents;
    });
    const seconds = (performance.now() - started) / 1000;
    return { engine, articles: count, seconds: round(seconds, 1), articlesPerSec: round(count / seconds, 1), eventsPerSec: round(eventLinks / seconds, 1), newEvents, eventLinks };
  } finally {
    await destroy();
  }
}
