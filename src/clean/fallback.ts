// Fallback extraction for pages Readability declines or shortchanges (CJK articles under its length thresholds, short
// notices, list pages): the most text-dense block of the page, else every paragraph, else every non-link block.
import { blocksOf, collapseSpaces } from './dom-text.ts';

export type FallbackKind = 'dense-block' | 'paragraphs' | 'blocks';

export interface FallbackResult {
  blocks: string[];
  kind: FallbackKind;
}

const PARAGRAPH_LIKE = new Set(['P', 'PRE', 'BLOCKQUOTE', 'H2', 'H3', 'H4', 'LI', 'DD']);

function nonLinkLength(el: Element): number {
  const total = collapseSpaces(el.textContent ?? '').length;
  let links = 0;
  for (const a of el.querySelectorAll('a')) links += collapseSpaces(a.textContent ?? '').length;
  return Math.max(0, total - links);
}

/** Text an element holds directly: its own text nodes plus its paragraph-like children, links discounted. */
function directText(el: Element): number {
  let n = 0;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) n += collapseSpaces(c.nodeValue ?? '').length;
    else if (c.nodeType === 1 && PARAGRAPH_LIKE.has((c as Element).tagName)) n += nonLinkLength(c as Element);
  }
  return n;
}

/** Picks the best available text from a document whose main content Readability did not find. */
export function fallbackBlocks(doc: Document): FallbackResult {
  const body = doc.body;
  if (!body) return { blocks: [], kind: 'blocks' };
  let best: Element | null = null;
  let bestScore = 0;
  for (const el of body.querySelectorAll('div, section, article, main, td, body, ul, ol')) {
    const score = directText(el);
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  let allParagraphs = 0;
  const paragraphs = [...body.querySelectorAll('p')].filter((p) => {
    const len = nonLinkLength(p);
    allParagraphs += len;
    return len >= 2;
  });
  // A dense block that holds most of the page's paragraph text is the article; otherwise the text is spread out.
  if (best && bestScore >= 80 && bestScore >= allParagraphs * 0.5) {
    const blocks = blocksOf(best).filter((b) => b.length > 1);
    if (blocks.length) return { blocks, kind: 'dense-block' };
  }
  if (allParagraphs >= 80) return { blocks: paragraphs.map((p) => collapseSpaces(p.textContent ?? '')).filter(Boolean), kind: 'paragraphs' };
  // No paragraphs: keep blocks that are mostly not link text (menus are all links).
  const blocks = blocksOf(body).filter((b) => b.length >= 2);
  return { blocks, kind: 'blocks' };
}
