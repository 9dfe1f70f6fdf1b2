// Worker-thread side of the page pool: loads jsdom, the knowledge base and the NER models once, then cleans and
// extracts one page per message. One page per message also gives jsdom the event-loop turn it needs to free each
// window (../shared/docs/PERFORMANCE.md §1), so memory stays flat over any number of pages.
import { parentPort, workerData } from 'node:worker_threads';
import { preloadDomLibraries } from '../clean/html-clean.ts';
import type { WorkerMessage } from '../clean/worker-pool.ts';
import type { AnalystOverrides } from '../extract/analyst-overrides.ts';
import { createExtractor } from '../extract/extract.ts';
import { inlineProcessPage, type PageInput, type ProcessedPage } from '../ingest/process-page.ts';

/** What the pool hands each worker at start. */
export interface PageWorkerData {
  configDir: string;
  /** The analysts' alias and merge decisions, loaded from the database by the pool. */
  overrides: AnalystOverrides | null;
}

const WARM_UP_HTML = '<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1><p>Alibaba is hiring engineers in Sunnyvale, the company said on Monday.</p></article></body></html>';

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('page-worker.ts must run in a worker thread');
  const { configDir, overrides } = workerData as PageWorkerData;
  const processPage = inlineProcessPage(await createExtractor(configDir, overrides ? { overrides } : {}));
  // The first page pays for loading jsdom, its first window and the JIT; keep that off every real page's time budget.
  preloadDomLibraries();
  await processPage({ body: new TextEncoder().encode(WARM_UP_HTML), url: 'https://localhost/warm-up', finalUrl: 'https://localhost/warm-up', contentType: 'text/html', langHint: 'en' });
  port.on('message', async (msg: { id: number; payload: PageInput }) => {
    let reply: WorkerMessage<ProcessedPage>;
    try {
      reply = { kind: 'done', id: msg.id, ok: true, result: await processPage(msg.payload) };
    } catch (err) {
      reply = { kind: 'done', id: msg.id, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage<never>);
}

await run();
