// HTML -> article text and metadata: regex pre-strip, jsdom (scripts off, url set), boilerplate removal, Readability,
// a fallback when Readability finds too little, and `window.close()` on every path.
// Memory: jsdom keeps each window alive until the event loop turns (../shared/docs/PERFORMANCE.md §1). Callers that clean
// many documents in one loop MUST yield after each one: `await new Promise((r) => setImmediate(r))`. A worker fed one
// document per message yields for free.
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
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
// jsdom reports CSS and markup problems on its virtual console; they are the page's problem, not ours.
const quietConsole = new VirtualConsole();

function buildDom(html: string, url: string): JSDOM {
  // runScripts unset = scripts never run; no resources are loaded.
  return new JSDOM(html, { url, virtualConsole: quietConsole, pretendToBeVisual: false });
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
function parseResilient(html: string, url: string): JSDOM | null {
  try {
    return buildDom(html, url);
  } catch {
    try {
      return buildDom(html.replace(/<link\b[^>]*>/gi, '').replace(/<\/?style\b[^>]*>/gi, ''), url);
    } catch {
      return null;
    }
  }
}

function runFallback(html: string, url: string): { blocks: string[]; kind: FallbackKind } | null {
  const dom = parseResilient(html, url);
  if (!dom) return null;
  try {
    removeBoilerplate(dom.window.document);
    return fallbackBlocks(dom.window.document);
  } finally {
    dom.window.close();
  }
}

const blocksLength = (blocks: string[]) => blocks.reduce((n, b) => n + b.length, 0);

/** Cleans one HTML document: article blocks, metadata and the path taken. Never throws on malformed pages. */
export function cleanHtml(html: string, pageUrl: string | null | undefined): HtmlCleanResult {
  const { html: stripped, jsonLd } = preStrip(html);
  const url = domUrl(pageUrl);
  const dom = parseResilient(stripped, url);
  if (!dom) {
    const blocks = roughText(stripped).split(/\n\s*\n/).map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean);
    return { blocks, meta: emptyMeta(), readability: null, path: 'fallback', detail: 'fallback:rough-text' };
  }
  let meta: PageMetadata;
  let blocks: string[] = [];
  let readability: HtmlCleanResult['readability'] = null;
  try {
    const doc = dom.window.document;
    meta = readMetadata(doc, jsonLd, pageUrl ?? null);
    removeBoilerplate(doc);
    let article: ReturnType<Readability<Node>['parse']> = null;
    try {
      article = new Readability<Node>(doc, { serializer: (node) => node, charThreshold: 500 }).parse();
    } catch {
      article = null;
    }
    if (article?.content) {
      blocks = blocksOf(article.content);
      readability = { title: article.title || null, byline: article.byline || null, siteName: article.siteName || null };
    }
  } finally {
    dom.window.close();
  }
  if (blocksLength(blocks) >= SHORT_TEXT_CHARS) return { blocks, meta, readability, path: 'readability', detail: 'readability' };
  const fallback = runFallback(stripped, url);
  if (fallback && blocksLength(fallback.blocks) > blocksLength(blocks)) {
    return { blocks: fallback.blocks, meta, readability, path: 'fallback', detail: `fallback:${fallback.kind}` };
  }
  return { blocks, meta, readability, path: blocks.length ? 'readability' : 'fallback', detail: blocks.length ? 'readability:short' : 'fallback:empty' };
}
