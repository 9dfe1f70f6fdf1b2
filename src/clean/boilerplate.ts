// DOM pre-cleaning before Readability: Readability's recall is already high, it loses on precision (captions, related
// links, share bars, newsletter boxes). Each rule here removes a kind of block that is never article prose.

// Whole class/id tokens (or token prefixes like "related-posts") that name boilerplate blocks.
const BOILERPLATE_TOKEN =
  /(^|[\s_-])(related|recommend(ed|ations)?|read-?more|more-?(stories|articles|news)|also-?read|see-?also|share|sharing|social|newsletter|subscribe|subscription|signup|sign-up|promo|advert(isement)?|ads?|sponsor(ed)?|cookie|consent|comments?|disqus|breadcrumbs?|tags?|tag-?list|topics|author-?(bio|box|info)|about-?the-?author|caption|credit|toolbar|outbrain|taboola|popular|trending|most-?read|paywall|print|donate|rating|pagination|pager|nav|navigation|menu|masthead|footer|sidebar|widget|jump-?link|inline-?(link|promo)|embed|video-?player|gallery-?nav|skip-?link|visually-?hidden|sr-only|screen-?reader)(?=$|[\s_-])/i;
// Elements whose role says they are not the main content.
const BOILERPLATE_ROLE = /^(navigation|complementary|contentinfo|banner|search|dialog|alert|menu|toolbar)$/i;
const ALWAYS_DROP = 'figcaption, nav, aside, form, button, select, label, footer, dialog, [hidden], [aria-hidden="true"]';

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').length;
}

function linkTextLength(el: Element): number {
  let n = 0;
  for (const a of el.querySelectorAll('a')) n += (a.textContent ?? '').replace(/\s+/g, ' ').length;
  return n;
}

// Names Readability also treats as content; a block named e.g. "entry-content-read-more" or "widget Blog" is the article.
const CONTENT_NAME = /article|body|content|entry|hentry|main|post|story|text|blog/i;

/** True when an element with a boilerplate-looking name is small or link-heavy enough that it cannot be the article. */
function removable(el: Element, bodyChars: number, names = ''): boolean {
  const len = textLength(el);
  if (len === 0) return true;
  const linkRatio = linkTextLength(el) / len;
  // A wrapper (a page-wide <form>, a "post has-comments" div) may hold the whole story: keep big blocks of prose.
  if ((len > Math.max(1500, bodyChars * 0.3) || len > bodyChars * 0.4) && linkRatio < 0.6) return false;
  if (names && CONTENT_NAME.test(names) && len >= 300 && linkRatio < 0.3) return false;
  // The whole of a <main> or <article> (sites put the story in an <aside> or a "teaser" box) is the story.
  const container = el.parentElement?.closest('main, article, [role="main"]');
  if (container && len >= 200 && len >= textLength(container) * 0.8 && linkRatio < 0.5) return false;
  return true;
}

/** Removes captions, navigation, share/related/newsletter blocks and similar from `doc` in place. */
export function removeBoilerplate(doc: Document, onRemove?: (el: Element, rule: string) => void): void {
  const body = doc.body;
  if (!body) return;
  const bodyChars = textLength(body);
  for (const el of [...body.querySelectorAll(ALWAYS_DROP)]) {
    // ASP.NET pages wrap everything in one <form>; <footer>/<aside> occasionally wrap real paragraphs. Keep long prose.
    if (el.isConnected && removable(el, bodyChars)) {
      onRemove?.(el, 'tag');
      el.remove();
    }
  }
  for (const el of [...body.querySelectorAll('[class], [id], [role]')]) {
    if (!el.isConnected || el.tagName === 'BODY' || el.tagName === 'HTML' || el.tagName === 'ARTICLE' || el.tagName === 'MAIN') continue;
    const role = el.getAttribute('role') ?? '';
    // BEM modifiers and state classes ("o-section--has-ads", "js-share") describe the block, they do not name it.
    const names = `${el.getAttribute('class') ?? ''} ${el.id ?? ''}`.replace(/\S*--\S*|(^|\s)(has|with|no|is|js)-\S*/g, ' ');
    if ((BOILERPLATE_ROLE.test(role) || BOILERPLATE_TOKEN.test(names)) && removable(el, bodyChars, names)) {
      onRemove?.(el, 'name');
      el.remove();
    }
  }
}
