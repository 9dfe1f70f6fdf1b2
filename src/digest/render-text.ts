// The plain-text part of the digest: the same sections as the HTML, readable in any mail client or terminal.
import { EVENT_TYPES, type DigestEvent } from './select.ts';
import {
  delta, eventDateLabel, eventFacts, eventLink, exportControls, groupByFirm, isLinkable, PRODUCT, shortQuote, sourceDetails, sourceLabel, talentFlows,
  total, typeLabel, weekSpan, type DigestModel,
} from './model.ts';
import { MAX_QUOTE } from './quote.ts';

function eventLines(e: DigestEvent, model: Pick<DigestModel, 'timeZone' | 'reviewUrl'>, indent: string): string[] {
  const facts = eventFacts(e).map(([k, v]) => `${k}: ${v}`);
  const lines = [`${indent}* ${[eventDateLabel(e, model.timeZone), ...facts].join(' | ')}`];
  const quote = e.quote ?? e.evidence;
  if (quote.trim()) lines.push(`${indent}  "${shortQuote(quote, MAX_QUOTE)}"`);
  if (e.note) lines.push(`${indent}  Analyst note: ${e.note}`);
  for (const s of e.sources) lines.push(`${indent}  - ${sourceLabel(s)} (${sourceDetails(s, model.timeZone)})${isLinkable(s.url) ? ` <${s.url}>` : ''}`);
  const link = eventLink(model.reviewUrl, e.id);
  if (link) lines.push(`${indent}  Review: ${link}`);
  return lines;
}

function countsSection(model: DigestModel): string[] {
  const rows = EVENT_TYPES.filter((t) => model.counts[t] > 0 || model.previous[t] > 0);
  const width = Math.max(18, ...rows.map((t) => typeLabel(t, 2).length));
  const line = (label: string, now: number, before: number) =>
    `  ${label.padEnd(width)} ${String(now).padStart(4)}   (last week ${before}, ${delta(now, before)})`;
  return [
    'THIS WEEK AGAINST LAST WEEK',
    ...rows.map((t) => line(typeLabel(t, 2), model.counts[t], model.previous[t])),
    line('total', total(model.counts), total(model.previous)),
  ];
}

/** Renders the plain-text part of a digest. */
export function renderText(model: DigestModel): string {
  const n = total(model.counts);
  const out: string[] = [
    `${PRODUCT} - week ${model.week}`,
    `${weekSpan(model)} (${model.timeZone})`,
    `${n} approved ${n === 1 ? 'event' : 'events'}`,
    '',
  ];
  if (n === 0) {
    out.push('No events were approved for this week.', '', ...countsSection(model), '');
  } else {
    out.push(...countsSection(model), '');
    const flows = talentFlows(model.events);
    if (flows.length) {
      out.push('TALENT FLOWS (from -> to)');
      for (const f of flows) {
        const extra = [...f.people, ...f.roles];
        out.push(`  ${f.from} -> ${f.to}: ${f.events.length}${extra.length ? ` (${extra.join('; ')})` : ''}`);
      }
      out.push('');
    }
    const controls = exportControls(model.events);
    if (controls.length) {
      out.push('CHIP-EXPORT CONTROLS');
      for (const e of controls) out.push(...eventLines(e, model, '  '));
      out.push('');
    }
    const firms = groupByFirm(model.events);
    if (firms.length) {
      out.push('BY FIRM');
      for (const f of firms) {
        out.push('', `== ${f.firm} ==`);
        for (const g of f.types) {
          out.push(`  ${typeLabel(g.type, g.events.length)}`);
          for (const e of g.events) out.push(...eventLines(e, model, '  '));
        }
      }
      out.push('');
    }
  }
  out.push('--', `Approved events only, by the week they happened in (${model.timeZone}).`);
  if (model.events.some((e) => e.undated)) out.push('Undated: no source gave a publication date; listed in the week the event was first seen.');
  if (model.reviewUrl) out.push(`Review queue: ${model.reviewUrl}`);
  return `${out.join('\n')}\n`;
}
