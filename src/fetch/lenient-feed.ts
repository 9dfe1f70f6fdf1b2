// A forgiving XML feed reader (htmlparser2 in XML mode through cheerio): used when rss-parser's strict parser
// rejects a malformed feed, and to compute each item's xml:base, which rss-parser does not expose.
import type { CheerioAPI } from 'cheerio';
import { cheerio } from './cheerio.ts';
import type { AnyNode, Element } from 'domhandler';
import type { FeedFormat, FeedItem, ParsedFeed } from './feed-types.ts';
import { isoDate, normalizeGuid, resolveLink } from './feed-urls.ts';

const local = (el: Element) => el.name.toLowerCase().split(':').pop() ?? '';

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function children(el: Element, name: string): Element[] {
  return el.children.filter((c): c is Element => isElement(c) && local(c) === name);
}

function textOf($: CheerioAPI, el: Element | undefined): string | null {
  if (!el) return null;
  const t = $(el).text().trim();
  return t || null;
}

/** Every item/entry element in document order. */
function itemElements(root: AnyNode[]): Element[] {
  const out: Element[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      const name = local(n);
      if (name === 'item' || name === 'entry') out.push(n);
      else walk(n.children);
    }
  };
  walk(root);
  return out;
}

/** The effective base URL of `el`: xml:base attributes from the root down, resolved against the feed URL. */
export function baseOf(el: Element, feedUrl: string): string {
  const chain: string[] = [];
  for (let node: Element | null = el; node; node = node.parent && isElement(node.parent) ? node.parent : null) {
    const b = node.attribs['xml:base'];
    if (b !== undefined) chain.unshift(b);
  }
  let base = feedUrl;
  for (const b of chain) base = resolveLink(b || base, base) ?? base;
  return base;
}

function atomLink(el: Element, feedUrl: string): string | null {
  const links = children(el, 'link');
  const pick = links.find((l) => (l.attribs.rel ?? 'alternate') === 'alternate' && l.attribs.href) ?? links.find((l) => l.attribs.href);
  if (pick) return resolveLink(pick.attribs.href, baseOf(pick, feedUrl));
  return null;
}

function readItem($: CheerioAPI, el: Element, feedUrl: string): FeedItem {
  const base = baseOf(el, feedUrl);
  const first = (name: string) => children(el, name)[0];
  const guidRaw = textOf($, first('guid')) ?? textOf($, first('id')) ?? el.attribs['rdf:about'] ?? null;
  let link = atomLink(el, feedUrl);
  const linkText = textOf($, first('link'));
  if (!link && linkText) link = resolveLink(linkText, base);
  const guidEl = first('guid');
  if (!link && guidRaw && guidEl && guidEl.attribs.ispermalink !== 'false' && guidEl.attribs.isPermaLink !== 'false') link = resolveLink(guidRaw, base);
  if (!link && el.attribs['rdf:about']) link = resolveLink(el.attribs['rdf:about'], base);
  const summary = textOf($, first('description')) ?? textOf($, first('summary')) ?? textOf($, first('content'));
  return {
    guid: normalizeGuid(guidRaw),
    link,
    title: textOf($, first('title')),
    publishedAt: isoDate(textOf($, first('pubdate')) ?? textOf($, first('published')) ?? textOf($, first('date')) ?? textOf($, first('issued'))),
    updatedAt: isoDate(textOf($, first('updated')) ?? textOf($, first('modified'))),
    summary: summary ? summary.slice(0, 2000) : null,
  };
}

/** Parses malformed RSS/RDF/Atom as well as it can; throws when there is no feed root at all. */
export function parseLenientFeed(text: string, feedUrl: string): ParsedFeed {
  const $ = cheerio().load(text, { xml: { xmlMode: true, decodeEntities: true, recognizeCDATA: true } });
  const roots = $.root().children().toArray().filter(isElement);
  const root = roots.find((r) => ['rss', 'rdf', 'feed', 'channel'].includes(local(r)));
  if (!root) throw new Error(`no <rss>, <rdf:RDF> or <feed> root element (found ${roots.map((r) => `<${r.name}>`).join(', ') || 'nothing'})`);
  const format: FeedFormat = local(root) === 'feed' ? 'atom' : local(root) === 'rdf' ? 'rdf' : 'rss';
  const channel = local(root) === 'rss' ? (children(root, 'channel')[0] ?? root) : root;
  const items = itemElements(root.children).map((el) => readItem($, el, feedUrl));
  const siteUrl = format === 'atom' ? atomLink(root, feedUrl) : resolveLink(textOf($, children(channel, 'link')[0]), feedUrl);
  const language = root.attribs['xml:lang'] ?? textOf($, children(channel, 'language')[0]) ?? null;
  return { format, title: textOf($, children(channel, 'title')[0]), siteUrl, language, items, parser: 'lenient' };
}

/**
 * Per item, in document order: its xml:base-resolved base URL and, for Atom, the alternate link chosen by the spec
 * (a <link> without rel is "alternate"), to repair what rss-parser loses (it ignores xml:base and takes the first link).
 */
export function itemLinkInfo(text: string, feedUrl: string): Array<{ base: string; atomLink: string | null }> {
  const $ = cheerio().load(text, { xml: { xmlMode: true } });
  return itemElements($.root().children().toArray()).map((el) => {
    const link = children(el, 'link').find((l) => l.attribs.href);
    return { base: baseOf(link ?? el, feedUrl), atomLink: local(el) === 'entry' ? atomLink(el, feedUrl) : null };
  });
}
