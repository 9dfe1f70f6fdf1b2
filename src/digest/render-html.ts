// The HTML part of the digest, written for mail clients rather than browsers: nested tables of fixed width for
// layout, every style inline (Gmail and Outlook drop <style> blocks and external CSS), no images, no scripts, and
// every value from the database escaped, because firm names and quotes come from scraped news.
import { EVENT_TYPES, type DigestEvent, type EventType } from './select.ts';
import {
  delta, eventDateLabel, eventFacts, eventLink, exportControls, groupByFirm, isLinkable, PRODUCT, shortQuote, sourceDetails, sourceLabel, subjectLine,
  talentFlows, total, typeLabel, weekSpan, type DigestModel,
} from './model.ts';
import { MAX_QUOTE } from './quote.ts';

const FONT = "font-family:Arial,Helvetica,sans-serif;";
const MUTED = '#6b7280';
const INK = '#111827';
const RULE = '#e5e7eb';

const COLORS: Record<EventType, string> = {
  hiring: '#047857',
  expansion: '#1d4ed8',
  talent_move: '#7c3aed',
  leadership: '#b45309',
  contraction: '#b91c1c',
  export_control: '#374151',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function sectionTitle(title: string): string {
  return `<tr><td style="${FONT}padding:24px 24px 8px 24px;font-size:13px;font-weight:bold;letter-spacing:1px;text-transform:uppercase;color:${MUTED};border-bottom:1px solid ${RULE};">${escapeHtml(title)}</td></tr>`;
}

function badge(type: EventType, n = 1): string {
  return `<span style="${FONT}display:inline-block;padding:1px 6px;font-size:11px;font-weight:bold;color:#ffffff;background-color:${COLORS[type]};border-radius:3px;">${escapeHtml(typeLabel(type, n))}</span>`;
}

function sourceLinks(e: DigestEvent, timeZone: string): string {
  if (!e.sources.length) return '';
  const links = e.sources.map((s) => {
    const label = escapeHtml(shortQuote(sourceLabel(s), 90));
    const linked = isLinkable(s.url) ? `<a href="${escapeHtml(s.url)}" style="color:#1d4ed8;text-decoration:underline;">${label}</a>` : label;
    return `${linked} (${escapeHtml(sourceDetails(s, timeZone))})`;
  });
  return `<div style="${FONT}font-size:12px;color:${MUTED};padding-top:4px;">Sources: ${links.join(' &middot; ')}</div>`;
}

function eventBlock(e: DigestEvent, model: Pick<DigestModel, 'timeZone' | 'reviewUrl'>, showType: boolean): string {
  const facts = eventFacts(e)
    .map(([k, v]) => `<span style="color:${MUTED};">${escapeHtml(k)}:</span> ${escapeHtml(v)}`)
    .join(' &nbsp;&middot;&nbsp; ');
  const text = e.quote ?? e.evidence;
  const quote = text.trim()
    ? `<div style="${FONT}font-size:13px;font-style:italic;color:#374151;border-left:3px solid ${RULE};padding:2px 0 2px 8px;margin-top:4px;">&ldquo;${escapeHtml(shortQuote(text, MAX_QUOTE))}&rdquo;</div>`
    : '';
  const note = e.note ? `<div style="${FONT}font-size:12px;color:${INK};padding-top:4px;"><b>Analyst note:</b> ${escapeHtml(e.note)}</div>` : '';
  const link = eventLink(model.reviewUrl, e.id);
  const review = link ? ` &nbsp;&middot;&nbsp; <a href="${escapeHtml(link)}" style="color:#1d4ed8;text-decoration:underline;">review</a>` : '';
  const date = e.undated ? `<span style="color:${MUTED};">${escapeHtml(eventDateLabel(e, model.timeZone))}</span>` : `<b>${escapeHtml(eventDateLabel(e, model.timeZone))}</b>`;
  return `<tr><td style="${FONT}padding:8px 24px 8px 36px;font-size:14px;color:${INK};">`
    + `<div style="${FONT}font-size:13px;">${showType ? `${badge(e.type)} ` : ''}${date}${facts ? ` &nbsp;&middot;&nbsp; ${facts}` : ''}${review}</div>`
    + `${quote}${note}${sourceLinks(e, model.timeZone)}</td></tr>`;
}

function countsTable(model: DigestModel): string {
  const types = EVENT_TYPES.filter((t) => model.counts[t] > 0 || model.previous[t] > 0);
  const cell = (v: string, extra = '') => `<td style="${FONT}padding:4px 8px;font-size:13px;color:${INK};border-bottom:1px solid ${RULE};${extra}">${v}</td>`;
  const row = (label: string, now: number, before: number, bold = false) => {
    const w = bold ? 'font-weight:bold;' : '';
    const d = now - before;
    const color = d > 0 ? '#047857' : d < 0 ? '#b91c1c' : MUTED;
    return `<tr>${cell(escapeHtml(label), w)}${cell(String(now), `text-align:right;${w}`)}${cell(String(before), `text-align:right;color:${MUTED};`)}${cell(escapeHtml(delta(now, before)), `text-align:right;color:${color};`)}</tr>`;
  };
  const head = ['', 'this week', 'last week', 'change']
    .map((h, i) => `<th align="${i ? 'right' : 'left'}" style="${FONT}padding:4px 8px;font-size:11px;font-weight:normal;color:${MUTED};border-bottom:1px solid ${RULE};">${h}</th>`)
    .join('');
  return `<tr><td style="padding:8px 24px;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>${head}</tr>`
    + types.map((t) => row(typeLabel(t, 2), model.counts[t], model.previous[t])).join('')
    + row('total', total(model.counts), total(model.previous), true)
    + '</table></td></tr>';
}

function flowsSection(model: DigestModel): string {
  const flows = talentFlows(model.events);
  if (!flows.length) return '';
  const rows = flows.map((f) => {
    const extra = [...f.people, ...f.roles];
    return `<tr><td style="${FONT}padding:6px 24px 6px 36px;font-size:14px;color:${INK};"><b>${escapeHtml(f.from)}</b> &rarr; <b>${escapeHtml(f.to)}</b>`
      + ` <span style="color:${MUTED};">(${f.events.length})</span>`
      + (extra.length ? `<div style="${FONT}font-size:12px;color:${MUTED};">${escapeHtml(extra.join('; '))}</div>` : '')
      + '</td></tr>';
  });
  return sectionTitle('Talent flows') + rows.join('');
}

function controlsSection(model: DigestModel): string {
  const controls = exportControls(model.events);
  if (!controls.length) return '';
  return sectionTitle('Chip-export controls') + controls.map((e) => eventBlock(e, model, false)).join('');
}

function firmsSection(model: DigestModel): string {
  const firms = groupByFirm(model.events);
  if (!firms.length) return '';
  const parts = firms.map((f) => {
    const head = `<tr><td style="${FONT}padding:16px 24px 2px 24px;font-size:16px;font-weight:bold;color:${INK};">${escapeHtml(f.firm)}</td></tr>`;
    return head + f.types.map((g) => `<tr><td style="padding:4px 24px 0 36px;">${badge(g.type, g.events.length)}</td></tr>`
      + g.events.map((e) => eventBlock(e, model, false)).join('')).join('');
  });
  return sectionTitle('By firm') + parts.join('');
}

/** Renders the HTML part of a digest: a complete document with table layout and inline styles only. */
export function renderHtml(model: DigestModel): string {
  const n = total(model.counts);
  const subject = subjectLine(model.week, model.counts);
  const body = n === 0
    ? `<tr><td style="${FONT}padding:24px;font-size:15px;color:${INK};">No events were approved for this week.</td></tr>${countsTable(model)}`
    : countsTable(model) + flowsSection(model) + controlsSection(model) + firmsSection(model);
  const footer = `Approved events only, placed in the week they happened (${escapeHtml(model.timeZone)}).`
    + (model.events.some((e) => e.undated) ? ' Undated: no source gave a publication date; listed in the week the event was first seen.' : '')
    + (model.reviewUrl && isLinkable(model.reviewUrl)
      ? ` <a href="${escapeHtml(model.reviewUrl)}" style="color:${MUTED};text-decoration:underline;">Open the review queue</a>.`
      : '');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background-color:#f3f4f6;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(subject)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f3f4f6" style="background-color:#f3f4f6;"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="width:100%;max-width:640px;background-color:#ffffff;border:1px solid ${RULE};">
<tr><td bgcolor="#111827" style="${FONT}padding:20px 24px;background-color:#111827;color:#ffffff;">
<div style="${FONT}font-size:12px;letter-spacing:1px;text-transform:uppercase;color:#9ca3af;">${PRODUCT} &middot; weekly digest</div>
<div style="${FONT}font-size:22px;font-weight:bold;color:#ffffff;padding-top:4px;">Week ${escapeHtml(model.week)}: ${n} approved ${n === 1 ? 'event' : 'events'}</div>
<div style="${FONT}font-size:13px;color:#d1d5db;padding-top:2px;">${escapeHtml(weekSpan(model))}</div>
</td></tr>
${body}
<tr><td style="${FONT}padding:24px;font-size:12px;color:${MUTED};border-top:1px solid ${RULE};">${footer}</td></tr>
</table>
</td></tr></table>
</body></html>
`;
}
