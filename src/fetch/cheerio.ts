// cheerio, loaded on first use: it costs about 220 ms to load, and most feeds (RSS 2.0 without xml:base) never need
// it, nor does an ingest run that finds nothing new.
import { createRequire } from 'node:module';
import type * as Cheerio from 'cheerio';

let loaded: typeof Cheerio | null = null;

export function cheerio(): typeof Cheerio {
  return (loaded ??= createRequire(import.meta.url)('cheerio') as typeof Cheerio);
}
