// Regex pre-strip before jsdom: removing script/style/noscript/iframe/svg text makes jsdom 1.5x faster, avoids its
// per-iframe child windows and the jsdom 29.1.1 CSS-parser throw on SCSS leftovers (../shared/docs/PERFORMANCE.md §1).
// JSON-LD blocks are read out first because they carry the most reliable metadata (dates, headline, author).

export interface PreStripped {
  html: string;
  /** Raw text of every <script type="application/ld+json"> block, in document order. */
  jsonLd: string[];
}

const JSON_LD = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
// Raw-text elements: their content is never article text. `<template>` holds inert markup that Readability would read.
const RAW_BLOCKS = /<(script|style|noscript|iframe|svg|template|object|embed|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
// An unclosed <script> or <style> runs to the end of the document in a browser; cutting it there mirrors that.
const UNCLOSED = /<(script|style)\b[^>]*>[\s\S]*$/i;
const COMMENTS = /<!--[\s\S]*?-->/g;
// Inline style attributes feed the same CSS parser that throws; article text never needs them.
const STYLE_ATTR = /\sstyle\s*=\s*("[^"]*"|'[^']*')/gi;
const STYLESHEET_LINK = /<link\b[^>]*>/gi;

/** Collects JSON-LD and removes blocks that never hold article text, before the HTML reaches jsdom. */
export function preStrip(html: string): PreStripped {
  const jsonLd: string[] = [];
  for (const m of html.matchAll(JSON_LD)) if (m[1]?.trim()) jsonLd.push(m[1]);
  const stripped = html
    .replace(RAW_BLOCKS, '')
    .replace(UNCLOSED, '')
    .replace(COMMENTS, '')
    .replace(STYLE_ATTR, '')
    .replace(STYLESHEET_LINK, (tag) => (/\brel\s*=\s*["']?(canonical|alternate|author)\b/i.test(tag) ? tag : ''));
  return { html: stripped, jsonLd };
}

/** Last resort when no DOM could be built: tags out, block boundaries become paragraph breaks. */
export function roughText(html: string): string {
  return html
    .replace(/<(head)\b[\s\S]*?<\/\1\s*>/i, '')
    .replace(/<\/?(p|div|h[1-6]|li|br|tr|blockquote|section|article|header|footer|ul|ol|table)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'");
}
