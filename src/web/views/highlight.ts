// Renders an article's clean text as escaped text with the evidence sentence highlighted and entity mentions marked.
// Offsets are UTF-16 code units into the text (the contract's convention); bad offsets degrade to plain text.
import { html } from 'hono/html';
import type { MentionSpan } from '../queries/events.ts';
import type { Html } from './layout.ts';

/** Finds the evidence span in the text: the stored offsets when they match, else the first occurrence, else null. */
export function locateEvidence(text: string, ev: { text: string; start: number; end: number }): { start: number; end: number } | null {
  if (ev.start >= 0 && ev.end <= text.length && ev.start < ev.end && text.slice(ev.start, ev.end) === ev.text) return { start: ev.start, end: ev.end };
  const at = ev.text ? text.indexOf(ev.text) : -1;
  return at >= 0 ? { start: at, end: at + ev.text.length } : null;
}

function renderRange(text: string, from: number, to: number, mentions: MentionSpan[]): Html[] {
  const out: Html[] = [];
  let pos = from;
  for (const m of mentions) {
    const s = Math.max(m.start, from);
    const e = Math.min(m.end, to);
    if (e <= s || s < pos) continue; // outside this range, or overlapping one already drawn
    if (s > pos) out.push(html`${text.slice(pos, s)}`);
    out.push(html`<mark class="ent ent-${m.type}" title="${m.type}: ${m.name}" data-entity="${m.entityId}">${text.slice(s, e)}</mark>`);
    pos = e;
  }
  if (pos < to) out.push(html`${text.slice(pos, to)}`);
  return out;
}

/** The article text as HTML-safe markup: mentions as <mark class="ent">, the evidence inside <mark id="evidence">. */
export function highlightArticle(text: string, evidence: { start: number; end: number } | null, mentions: MentionSpan[]): Html {
  const valid = mentions
    .filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  if (!evidence) return html`${renderRange(text, 0, text.length, valid)}`;
  return html`${renderRange(text, 0, evidence.start, valid)}<mark id="evidence" class="evidence">${renderRange(text, evidence.start, evidence.end, valid)}</mark>${renderRange(text, evidence.end, text.length, valid)}`;
}
