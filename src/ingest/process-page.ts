// The CPU-bound part of ingesting one page, kept in one function so it can move to worker threads unchanged.
import { cleanDocument } from '../clean/clean-document.ts';
import type { CleanArticle } from '../clean/types.ts';
import type { Extractor } from '../extract/extract.ts';
import type { Extraction } from '../extract/types.ts';

export interface PageInput {
  body: Uint8Array;
  url: string;
  finalUrl: string;
  contentType: string | null;
  /** The feed's configured language, a hint for detection. */
  langHint: string | null;
}

export interface ProcessedPage {
  clean: CleanArticle;
  extraction: Extraction;
}

export type ProcessPage = (input: PageInput) => Promise<ProcessedPage>;

/** A processPage that cleans (jsdom + Readability) and extracts in this thread, yielding to the event loop after each page. */
export function inlineProcessPage(extractor: Extractor): ProcessPage {
  return async (input) => {
    const clean = cleanDocument({ body: input.body, source: input.finalUrl, contentType: input.contentType, url: input.finalUrl, langHint: input.langHint });
    const extraction = extractor.extract(clean);
    // jsdom frees a window only after the event loop turns (PERFORMANCE.md §1): yield before the next page.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return { clean, extraction };
  };
}
