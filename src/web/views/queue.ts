// The review queue: filter bar, counts and paging, and the event table inside one bulk-action form.
import { html } from 'hono/html';
import { EVENT_STATUSES, EVENT_TYPES, SORTS, filtersToQuery, type EventFilters } from '../queries/filters.ts';
import type { EventListRow } from '../queries/events.ts';
import { badge, confidence, csrfField, fmtDate, truncate, type Html } from './layout.ts';

function option(value: string, label: string, selected: boolean): Html {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
}

function languageSelect(f: EventFilters, languages: string[]): Html {
  // The languages events are in; the chosen one stays listed even when no event has it any more.
  const list = f.language && !languages.includes(f.language) ? [...languages, f.language].sort() : languages;
  return html`<select name="language">${option('', 'any', !f.language)}${list.map((l) => option(l, l, f.language === l))}</select>`;
}

function filterBar(f: EventFilters, languages: string[], defaultMinConfidence: number): Html {
  const query = filtersToQuery(f, { page: 1 });
  return html`<form class="filters" method="get" action="/" id="filters">
  <label>Status <select name="status">${option('all', 'all', f.status === 'all')}${EVENT_STATUSES.map((s) => option(s, s, f.status === s))}</select></label>
  <label>Type <select name="type">${option('', 'any', !f.type)}${EVENT_TYPES.map((t) => option(t, t.replace('_', ' '), f.type === t))}</select></label>
  <label>Firm <input name="firm" value="${f.firm}" size="12" placeholder="any"></label>
  <label>Place <input name="place" value="${f.place}" size="10" placeholder="any"></label>
  <label>Lang ${languageSelect(f, languages)}</label>
  <label>From <input type="date" name="from" value="${f.from}"></label>
  <label>To <input type="date" name="to" value="${f.to}"></label>
  <label title="events below this confidence are hidden; default ${defaultMinConfidence} (config/review.yaml), 0 shows all">Min conf <input type="number" name="minConfidence" min="0" max="1" step="0.05" value="${f.minConfidence ?? ''}" placeholder="${defaultMinConfidence}" class="num"></label>
  <label>Text <input name="q" value="${f.q}" size="12" placeholder="evidence…"></label>
  <label>Sort <select name="sort">${SORTS.map((s) => option(s, s, f.sort === s))}</select></label>
  <select name="dir" aria-label="direction">${option('desc', '↓', f.dir === 'desc')}${option('asc', '↑', f.dir === 'asc')}</select>
  <button type="submit">Apply</button>
  <a href="/">Reset</a>
  <span class="spacer"></span>
  <a class="export" href="/export.csv${query ? `?${query}` : ''}" download>CSV</a>
  <a class="export" href="/export.json${query ? `?${query}` : ''}" download>JSON</a>
</form>`;
}

function pager(f: EventFilters, total: number): Html {
  const pages = Math.max(1, Math.ceil(total / f.pageSize));
  const first = total === 0 ? 0 : (f.page - 1) * f.pageSize + 1;
  const last = Math.min(total, f.page * f.pageSize);
  const link = (p: number, label: string) => html`<a href="/?${filtersToQuery(f, { page: p })}">${label}</a>`;
  return html`<div class="pager"><span>${first.toLocaleString('en')}–${last.toLocaleString('en')} of <strong class="total">${total.toLocaleString('en')}</strong></span>
  ${f.page > 1 ? link(f.page - 1, '← prev') : ''} <span>page ${f.page} / ${pages}</span> ${f.page < pages ? link(f.page + 1, 'next →') : ''}</div>`;
}

function who(r: EventListRow): Html {
  const bits: Html[] = [];
  if (r.person) bits.push(html`<span class="person">${r.person}</span>`);
  if (r.roles.length) bits.push(html`<span class="roles">${r.roles.join(', ')}</span>`);
  if (r.sourceFirms.length) bits.push(html`<span class="from">from ${r.sourceFirms.join(', ')}</span>`);
  if (r.agency) bits.push(html`<span class="agency">${r.agency}</span>`);
  return html`${bits}`;
}

/** The outlet of the evidence article: its site name, else the host of its URL. */
function outlet(r: EventListRow): string {
  if (r.outlet) return r.outlet;
  try {
    return r.articleUrl ? new URL(r.articleUrl).hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}

function row(r: EventListRow, back: string): Html {
  const href = `/events/${r.id}${back ? `?${new URLSearchParams({ back }).toString()}` : ''}`;
  return html`<tr data-id="${r.id}" data-status="${r.status}">
  <td class="sel"><input type="checkbox" name="ids" value="${r.id}" aria-label="select event ${r.id}"></td>
  <td class="date">${r.occurredAt ? fmtDate(r.occurredAt) : html`<span class="undated">undated</span>`}</td>
  <td>${badge(r.type)}</td>
  <td class="firm"><a class="open" href="${href}">${r.firm ?? '(no firm)'}</a></td>
  <td class="place">${r.location ?? ''}</td>
  <td class="who">${who(r)}</td>
  <td class="num">${r.headcount ?? ''}</td>
  <td class="num">${confidence(r.confidence)}</td>
  <td class="lang">${r.language ?? ''}</td>
  <td class="outlet">${outlet(r)}</td>
  <td class="evidence" title="${r.articleTitle ?? ''}">${truncate(r.evidenceText, 140)}${r.articleCount > 1 ? html` <span class="count">×${r.articleCount}</span>` : ''}</td>
  <td class="status">${badge(r.status)}</td>
  <td class="acts"><button name="single" value="approve:${r.id}" class="ok" title="approve (a)">✓</button><button name="single" value="reject:${r.id}" class="no" title="reject (r)">✗</button></td>
</tr>`;
}

/** The queue page body. */
export function queueBody(o: { filters: EventFilters; total: number; rows: EventListRow[]; csrfToken: string; elapsedMs: number; languages: string[]; defaultMinConfidence: number }): Html {
  const back = filtersToQuery(o.filters);
  return html`${filterBar(o.filters, o.languages, o.defaultMinConfidence)}
<form method="post" action="/events/bulk" id="bulk">
  ${csrfField(o.csrfToken)}
  <input type="hidden" name="back" value="${back}">
  <div class="bar">
    ${pager(o.filters, o.total)}
    <span class="spacer"></span>
    <button name="action" value="approve" class="ok" id="bulk-approve">Approve selected</button>
    <button name="action" value="reject" class="no" id="bulk-reject">Reject selected</button>
    <button name="action" value="pending">Back to pending</button>
    <small class="muted"><kbd>?</kbd> keys · ${o.elapsedMs} ms</small>
  </div>
  <table class="queue">
    <thead><tr><th class="sel"><input type="checkbox" id="select-all" aria-label="select all"></th><th title="when the event happened">Event date</th><th>Type</th><th>Firm</th><th>Place</th><th>Who / roles</th><th>HC</th><th>Conf</th><th>Lang</th><th>Outlet</th><th>Evidence</th><th>Status</th><th></th></tr></thead>
    <tbody>${o.rows.length ? o.rows.map((r) => row(r, back)) : html`<tr><td colspan="13" class="empty">No events match these filters.</td></tr>`}</tbody>
  </table>
  <div class="bar">${pager(o.filters, o.total)}</div>
</form>`;
}
