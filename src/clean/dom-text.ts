// DOM subtree -> plain text with one paragraph per block element, so later stages get "\n\n"-separated paragraphs.

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'CAPTION', 'CENTER',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT']);

/** Collapses inline whitespace the way a browser renders it (no-break spaces become plain spaces). */
export function collapseSpaces(s: string): string {
  return s.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/** Returns the text of `root` as blocks: one string per paragraph-level element, whitespace collapsed, empties dropped. */
export function blocksOf(root: Node): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const t = collapseSpaces(current);
    if (t) blocks.push(t);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    if (tag === 'BR') {
      // A double <br> is how old CMSes separate paragraphs; a single one is a line break inside one.
      const next = el.nextSibling;
      if (next && next.nodeType === 1 && (next as Element).tagName === 'BR') flush();
      else current += ' ';
      return;
    }
    if (tag === 'IMG') {
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    else if (tag === 'TD' || tag === 'TH') current += ' ';
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}

/** Joins blocks into the clean text format: paragraphs separated by one blank line. */
export function joinBlocks(blocks: string[]): string {
  return blocks.join('\n\n');
}
