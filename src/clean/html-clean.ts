// HTML -> article text and metadata: regex pre-strip, a DOM (linkedom; jsdom with scripts off when linkedom finds too
// little), boilerplate removal, Readability, a fallback when Readability finds too little, and `close()` on every path.
// Memory: jsdom keeps each window alive until the event loop turns (../shared/docs/PERFORMANCE.md §1). Callers that clean
// many documents in one loop MUST yield after each one: `await new Promise((r) => setImmediate(r))`. A worker fed one
// document per message yields for free.
import { createRequire } from 'node:module';
import type * as ReadabilityModule from '@mozilla/readability';
import type { Readability } from '@mozilla/readability';
import type * as JsdomModule from 'jsdom';
import type * as LinkedomModule from 'linkedom';
import { removeBoilerplate } from './boilerplate.ts';
import { blocksOf } from './dom-text.ts';
import { fallbackBlocks, type FallbackKind } from './fallback.ts';
import { readMetadata, type PageMetadata } from './metadata.ts';
import { preStrip, roughText } from './prestrip.ts';

export interface HtmlCleanResult {
  blocks: string[];
  meta: PageMetadata;
  /** Readability's own view of title/byline/site, used when the page's metadata lacks them. */
  readability: { title: string | null; byline: string | null; siteName: string | null } | null;
  path: 'readability' | 'fallback';
  /** Finer detail of the path: which fallback, or why (e.g. "fallback:dense-block", "fallback:rough-text"). */
  detail: string;
}

/** Below this many characters Readability's pick is compared with the fallback's (short CJK stories are ~150 chars). */
const SHORT_TEXT_CHARS = 250;
const PLACEHOLDER_URL = 'https://localhost/';

// The DOM libraries load on first use, synchronously (require) so that cleaning stays a plain function: jsdom alone
// takes about a second to load and only pages linkedom cannot handle need it, and plain-text input needs none of them.
// Long-lived workers call preloadDomLibraries() while warming up, so no page's time budget pays for the loading.
const require = createRequire(import.meta.url);
let jsdom: { JSDOM: typeof JsdomModule.JSDOM; quietConsole: JsdomModule.VirtualConsole } | null = null;

function loadJsdom(): NonNullable<typeof jsdom> {
  if (!jsdom) {
    const { JSDOM, VirtualConsole } = require('jsdom') as typeof JsdomModule;
    // jsdom reports CSS and markup problems on its virtual console; they are the page's problem, not ours.
    jsdom = { JSDOM, quietConsole: new VirtualConsole() };
  }
  return jsdom;
}
const loadLinkedom = () => require('linkedom') as typeof LinkedomModule;
const loadReadability = () => (require('@mozilla/readability') as typeof ReadabilityModule).Readability;

/** Loads every DOM library now (a worker's warm-up), instead of on the first page that needs it. */
export function preloadDomLibraries(): void {
  loadJsdom();
  loadLinkedom();
  loadReadability();
}

/** A parsed page: its document and how to release it. */
interface Dom {
  document: Document;
  close(): void;
}
type DomBuilder = (html: string, url: string) => Dom;

function buildJsdom(html: string, url: string): Dom {
  // runScripts unset = scripts never run; no resources are loaded.
  const { JSDOM, quietConsole } = loadJsdom();
  const dom = new JSDOM(html, { url, virtualConsole: quietConsole, pretendToBeVisual: false });
  return { document: dom.window.document, close: () => dom.window.close() };
}

function buildLinkedom(html: string, url: string): Dom {
  const { document } = loadLinkedom().parseHTML(html) as unknown as { document: Document };
  // linkedom has no document URL; Readability reads it to resolve links.
  Object.defineProperty(document, 'baseURI', { value: url });
  Object.defineProperty(document, 'documentURI', { value: url });
  if (!document.body?.firstChild) throw new Error('linkedom built no body');
  return { document, close: () => {} };
}

function domUrl(url: string | null | undefined): string {
  if (url && /^https?:\/\//i.test(url)) {
    try {
      return new URL(url).toString();
    } catch {
      // fall through to the placeholder
    }
  }
  return PLACEHOLDER_URL;
}

function emptyMeta(): PageMetadata {
  return { title: null, byline: null, siteName: null, canonicalUrl: null, declaredLanguage: null, dateCandidates: [] };
}

/** Parses with jsdom; when jsdom's parser throws (e.g. its CSS parser on SCSS leftovers), retries without any <style>/<link>. */
function parseResilient(html: string, url: string, build: DomBuilder): Dom | null {
  try {
    return build(html, url);
  } catch {
    try {
      return build(html.replace(/<link\b[^>]*>/gi, '').replace(/<\/?style\b[^>]*>/gi, ''), url);
    } catch {
      return null;
    }
  }
}

function runFallback(html: string, url: string, build: DomBuilder): { blocks: string[]; kind: FallbackKind } | null {
  const dom = parseResilient(html, url, build);
  if (!dom) return null;
  try {
    removeBoilerplate(dom.document);
    return fallbackBlocks(dom.document);
  } finally {
    dom.close();
  }
}

const blocksLength = (blocks: string[]) => blocks.reduce((n, b) => n + b.length, 0);

/**
 * Cleans one HTML document: article blocks, metadata and the path taken. Never throws on malformed pages.
 * linkedom builds the DOM (5x faster than jsdom with the same text on the benchmark pages; ../shared/docs/PERFORMANCE.md
 * §1 and issue 9); a page where it finds too little text (or no body) is cleaned again with jsdom, the reference DOM.
 */
export function cleanHtml(html: string, pageUrl: string | null | undefined): HtmlCleanResult {
  const { html: stripped, jsonLd } = preStrip(html);
  const url = domUrl(pageUrl);
  const fast = cleanWith(stripped, jsonLd, url, pageUrl, buildLinkedom);
  return fast.detail === 'readability' ? fast : cleanWith(stripped, jsonLd, url, pageUrl, buildJsdom);
}

function cleanWith(stripped: string, jsonLd: string[], url: string, pageUrl: string | null | undefined, build: DomBuilder): HtmlCleanResult {
  const dom = parseResilient(stripped, url, build);
  if (!dom) {
    const blocks = roughText(stripped).split(/\n\s*\n/).map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean);
    return { blocks, meta: emptyMeta(), readability: null, path: 'fallback', detail: 'fallback:rough-text' };
  }
  let meta: PageMetadata;
  let blocks: string[] = [];
  let readability: HtmlCleanResult['readability'] = null;
  try {
    const doc = dom.document;
    meta = readMetadata(doc, jsonLd, pageUrl ?? null);
    removeBoilerplate(doc);
    let article: ReturnType<Readability<Node>['parse']> = null;
    try {
      const Readability = loadReadability();
      article = new Readability<Node>(doc, { serializer: (node) => node, charThreshold: 500 }).parse();
    } catch {
      article = null;
    }
    if (article?.content) {
      blocks = blocksOf(article.content);
      readability = { title: article.title || null, byline: article.byline || null, siteName: article.siteName || null };
    }
  } finally {
    dom.close();
  }
  if (blocksLength(blocks) >= SHORT_TEXT_CHARS) return { blocks, meta, readability, path: 'readability', detail: 'readability' };
  const fallback = runFallback(stripped, url, build);
  if (fallback && blocksLength(fallback.blocks) > blocksLength(blocks)) {
    return { blocks: fallback.blocks, meta, readability, path: 'fallback', detail: `fallback:${fallback.kind}` };
  }
  return { blocks, meta, readability, path: blocks.length ? 'readability' : 'fallback', detail: blocks.length ? 'readability:short' : 'fallback:empty' };
}
