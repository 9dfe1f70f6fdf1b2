// The event page: the article with the evidence highlighted, the editable slots, review buttons with a note,
// every supporting article with a link to the original, and the change history.
import { html } from 'hono/html';
import { EVENT_TYPES } from '../queries/filters.ts';
import type { EventDetail } from '../queries/events.ts';
import { highlightArticle, locateEvidence } from './highlight.ts';
import { badge, confidence, csrfField, fmtDate, fmtTime, safeHref, type Html } from './layout.ts';

const DATE_SOURCES: Record<string, string> = { page: "from the article page's own date", feed: "from the feed item's date (the page gives none)" };

/** The event's date and where it came from; "undated" when no report has a publication date (never the fetch time). */
function eventDate(e: EventDetail['event']): Html {
  if (!e.occurredAt) return html`<p class="event-date" id="event-date">Date: <strong>undated</strong> <small class="muted">no supporting article has a publication date, on its page or in its feed</small></p>`;
  const source = DATE_SOURCES[e.dateSource];
  return html`<p class="event-date" id="event-date">Date: <strong><time datetime="${e.occurredAt.toISOString()}">${fmtDate(e.occurredAt)}</time></strong>${source ? html` <small class="muted">${source}</small>` : ''}</p>`;
}

/** An article's date, or "undated". */
const articleDate = (d: Date | null) => (d ? fmtDate(d) : 'undated');

function field(label: string, name: string, value: string | number | null, hint = ''): Html {
  return html`<label>${label}${hint ? html` <small>${hint}</small>` : ''}<input name="${name}" value="${value ?? ''}"></label>`;
}

function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅';
  if (Array.isArray(v)) return v.length ? v.join('; ') : '∅';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function historyList(d: EventDetail): Html {
  if (d.history.length === 0) return html`<p class="muted">No changes yet.</p>`;
  return html`<ol class="history">${d.history.map((h) => {
    const keys = [...new Set([...Object.keys(h.before ?? {}), ...Object.keys(h.after ?? {})])];
    return html`<li><div><strong>${h.action}</strong> by ${h.user ?? 'someone'} <time>${fmtTime(h.at)}</time></div>
      ${keys.length ? html`<ul>${keys.map((k) => html`<li><code>${k}</code>: <del>${showValue(h.before?.[k])}</del> → <ins>${showValue(h.after?.[k])}</ins></li>`)}</ul>` : ''}
      ${h.note ? html`<blockquote>${h.note}</blockquote>` : ''}</li>`;
  })}</ol>`;
}

function backField(back: string): Html {
  return back ? html`<input type="hidden" name="back" value="${back}">` : html``;
}

function slotsForm(d: EventDetail, csrf: string, back: string): Html {
  const e = d.event;
  return html`<form class="slots card" method="post" action="/events/${e.id}/edit" id="edit">
  ${csrfField(csrf)}${backField(back)}
  <h2>Slots</h2>
  <label>Type <select name="type">${EVENT_TYPES.map((t) => html`<option value="${t}"${t === e.type ? html` selected` : ''}>${t.replace('_', ' ')}</option>`)}</select></label>
  <div class="pair">${field('Firm', 'firm', e.firm)}${field('Place', 'location', e.location)}</div>
  <div class="pair">${field('Person', 'person', e.person)}${field('Agency', 'agency', e.agency)}</div>
  ${field('Roles', 'roles', e.roles.join('; '), '; between items')}
  <div class="pair">${field('Source firms', 'sourceFirms', e.sourceFirms.join('; '), ';-separated')}${field('Firms involved', 'firms', e.firms.join('; '), ';-separated')}</div>
  ${field('Headcount', 'headcount', e.headcount)}
  <label class="check"><input type="checkbox" name="planned" value="1"${e.planned ? html` checked` : ''}> planned (announced, not yet done)</label>
  <label>Note <input name="note" placeholder="why (optional)"></label>
  <button type="submit">Save slots</button>
</form>`;
}

function reviewForm(d: EventDetail, csrf: string, back: string): Html {
  const e = d.event;
  return html`<form class="review card" method="post" action="/events/${e.id}/status" id="review">
  ${csrfField(csrf)}${backField(back)}
  <h2>Review ${badge(e.status)}</h2>
  <label>Note <textarea name="note" rows="2" placeholder="optional"></textarea></label>
  <div class="buttons">
    <button name="status" value="approved" class="ok" id="approve">Approve <kbd>a</kbd></button>
    <button name="status" value="rejected" class="no" id="reject">Reject <kbd>r</kbd></button>
    ${e.status !== 'pending' ? html`<button name="status" value="pending">Back to pending</button>` : ''}
  </div>
  ${e.reviewedAt ? html`<p class="muted">last reviewed ${fmtTime(e.reviewedAt)}</p>` : ''}
</form>`;
}

function articlePanel(d: EventDetail): Html {
  const a = d.article;
  const e = d.event;
  if (!a) return html`<section class="article card"><p class="muted">The evidence article is no longer stored.</p><blockquote class="evidence">${e.evidenceText}</blockquote></section>`;
  const span = locateEvidence(a.text, { text: e.evidenceText, start: e.evidenceStart, end: e.evidenceEnd });
  return html`<section class="article card">
  <h2 class="article-title">${a.title ?? '(untitled)'}</h2>
  <p class="meta">${a.siteName ?? ''} · ${articleDate(a.publishedAt)} · ${a.language ?? '?'} · <a href="${safeHref(a.url)}" rel="noopener noreferrer nofollow" target="_blank">original ↗</a></p>
  ${span ? '' : html`<blockquote class="evidence">${e.evidenceText}</blockquote>`}
  <div class="legend"><mark class="ent ent-firm">firm</mark> <mark class="ent ent-person">person</mark> <mark class="ent ent-location">place</mark> <mark class="ent ent-agency">agency</mark> <mark class="evidence">evidence</mark></div>
  <div class="text">${highlightArticle(a.text, span, d.mentions)}</div>
</section>`;
}

function supportingList(d: EventDetail): Html {
  return html`<section class="card"><h2>Supporting articles (${d.supporting.length})</h2>
  <ul class="supporting">${d.supporting.map((s) => html`<li>
    <a href="${safeHref(s.url)}" rel="noopener noreferrer nofollow" target="_blank">${s.title ?? s.url}</a>
    <small>${s.siteName ?? ''} · ${articleDate(s.publishedAt)} · ${confidence(s.confidence)}</small>
    <q>${s.evidenceText}</q></li>`)}</ul></section>`;
}

/** The event page body. */
export function eventBody(d: EventDetail, csrf: string, back: string): Html {
  const e = d.event;
  return html`<div class="event-head">
  <a href="/${back ? `?${back}` : ''}" id="back">← queue</a>
  <h1>#${e.id} ${badge(e.type)} ${e.firm ?? '(no firm)'}${e.location ? html` <small>in ${e.location}</small>` : ''}</h1>
  <span>${badge(e.status)} ${confidence(e.confidence)} ${e.edited ? html`<span class="badge b-edited">edited</span>` : ''}</span>
</div>
${eventDate(e)}
<div class="event-grid">
  <div>${articlePanel(d)}${supportingList(d)}</div>
  <aside>${reviewForm(d, csrf, back)}${slotsForm(d, csrf, back)}<section class="card"><h2>History</h2>${historyList(d)}</section></aside>
</div>`;
}
