// The digest as data, shared by the HTML and text renderers: sections, groups, labels and the subject line.
// Pure: no database, no clock; everything comes in through DigestModel.
import type { LeadershipKind } from './leadership.ts';
import { EVENT_TYPES, type DigestEvent, type DigestSource, type EventType, type TypeCounts } from './select.ts';

/** Everything a digest shows for one week. */
export interface DigestModel {
  /** "2026-W47" */
  week: string;
  start: Date;
  /** Exclusive end of the week. */
  end: Date;
  timeZone: string;
  events: DigestEvent[];
  counts: TypeCounts;
  previous: TypeCounts;
  /** Base URL of the review UI, or null. */
  reviewUrl: string | null;
}

export const PRODUCT = 'Hiring Radar';

const LABELS: Record<EventType, [string, string]> = {
  hiring: ['hiring', 'hiring'],
  expansion: ['expansion', 'expansions'],
  talent_move: ['talent move', 'talent moves'],
  leadership: ['leadership change', 'leadership changes'],
  contraction: ['contraction', 'contractions'],
  export_control: ['export control', 'export controls'],
};

/** Human label of an event type, singular or plural by `n`. */
export function typeLabel(type: EventType, n = 1): string {
  return LABELS[type][n === 1 ? 0 : 1];
}

/** Sum of all per-type counts. */
export function total(counts: TypeCounts): number {
  return EVENT_TYPES.reduce((sum, t) => sum + counts[t], 0);
}

/** "Hiring Radar 2026-W47: 12 events (5 hiring, 3 expansions, ...)", or "...: no approved events". */
export function subjectLine(week: string, counts: TypeCounts): string {
  const n = total(counts);
  if (n === 0) return `${PRODUCT} ${week}: no approved events`;
  const parts = EVENT_TYPES.filter((t) => counts[t] > 0).map((t) => `${counts[t]} ${typeLabel(t, counts[t])}`);
  return `${PRODUCT} ${week}: ${n} ${n === 1 ? 'event' : 'events'} (${parts.join(', ')})`;
}

/** "23 Nov - 29 Nov 2026" on the wall clock of the digest's time zone. */
export function weekSpan(model: Pick<DigestModel, 'start' | 'end' | 'timeZone'>): string {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: model.timeZone, day: 'numeric', month: 'short', year: 'numeric' });
  return `${fmt.format(model.start)} - ${fmt.format(new Date(model.end.getTime() - 1))}`;
}

/** Short local date of an event ("Tue 24 Nov"). */
export function shortDate(when: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(when);
}

/** Cuts evidence to about `max` characters at a word boundary, so the quote stays a quote and not an article. */
export function shortQuote(text: string, max = 220): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Change against the previous week as "+3", "-1" or "±0". */
export function delta(now: number, before: number): string {
  const d = now - before;
  return d > 0 ? `+${d}` : d < 0 ? `${d}` : '±0';
}

export const UNKNOWN_FIRM = '(firm not named)';

/** Events per firm (alphabetical, unknown last), each firm's events per type in EVENT_TYPES order; export controls excluded. */
export function groupByFirm(events: DigestEvent[]): Array<{ firm: string; types: Array<{ type: EventType; events: DigestEvent[] }> }> {
  const firms = new Map<string, DigestEvent[]>();
  for (const e of events) {
    if (e.type === 'export_control') continue;
    const key = e.firm ?? UNKNOWN_FIRM;
    firms.set(key, [...(firms.get(key) ?? []), e]);
  }
  const names = [...firms.keys()].sort((a, b) => (a === UNKNOWN_FIRM ? 1 : b === UNKNOWN_FIRM ? -1 : a.localeCompare(b, 'en')));
  return names.map((firm) => {
    const list = firms.get(firm)!;
    return { firm, types: EVENT_TYPES.map((type) => ({ type, events: list.filter((e) => e.type === type) })).filter((g) => g.events.length > 0) };
  });
}

/** A talent flow: people or hiring drawn from `from` to `to`, with the events that report it. */
export interface TalentFlow {
  from: string;
  to: string;
  people: string[];
  roles: string[];
  events: DigestEvent[];
}

/** Aggregates source firms -> firm over every event that names source firms, biggest flows first. */
export function talentFlows(events: DigestEvent[]): TalentFlow[] {
  const flows = new Map<string, TalentFlow>();
  for (const e of events) {
    if (e.type === 'export_control') continue;
    for (const from of e.sourceFirms) {
      const to = e.firm ?? UNKNOWN_FIRM;
      const key = `${from}\u0000${to}`;
      const flow = flows.get(key) ?? { from, to, people: [], roles: [], events: [] };
      flow.events.push(e);
      if (e.person && !flow.people.includes(e.person)) flow.people.push(e.person);
      for (const r of e.roles) if (!flow.roles.includes(r)) flow.roles.push(r);
      flows.set(key, flow);
    }
  }
  return [...flows.values()].sort((a, b) => b.events.length - a.events.length || a.to.localeCompare(b.to, 'en') || a.from.localeCompare(b.from, 'en'));
}

/** The chip-export-control events of the week. */
export function exportControls(events: DigestEvent[]): DigestEvent[] {
  return events.filter((e) => e.type === 'export_control');
}

/** "Appointment: Li Si as chief executive officer" / "Departure: Wang Wu, chief technology officer". */
function leadershipFact(e: DigestEvent & { leadership: LeadershipKind }): [string, string] {
  const who = e.person ?? '(person not named)';
  const roles = e.roles.join(', ');
  if (e.leadership === 'departure') return ['Departure', roles ? `${who}, ${roles}` : who];
  return ['Appointment', roles ? `${who} as ${roles}` : who];
}

/** The facts of one event as label/value pairs (place, roles, headcount, person...), empty ones left out. */
export function eventFacts(e: DigestEvent): Array<[string, string]> {
  const facts: Array<[string, string]> = [];
  if (e.location) facts.push(['Place', e.location]);
  if (e.type === 'leadership' && e.leadership) {
    facts.push(leadershipFact({ ...e, leadership: e.leadership }));
  } else {
    if (e.person) facts.push(['Person', e.person]);
    if (e.roles.length) facts.push([e.roles.length === 1 ? 'Role' : 'Roles', e.roles.join(', ')]);
  }
  if (e.headcount !== null) facts.push(['Headcount', `${e.planned ? 'planned ' : ''}${e.headcount.toLocaleString('en-US')}`]);
  if (e.sourceFirms.length) facts.push(['From', e.sourceFirms.join(', ')]);
  if (e.type === 'export_control') {
    if (e.agency) facts.push(['Agency', e.agency]);
    const firms = e.firms.length ? e.firms : e.firm ? [e.firm] : [];
    if (firms.length) facts.push(['Firms', firms.join(', ')]);
  }
  return facts;
}

/** The event's day, or "undated (first seen Thu 19 Nov)" when no source gave a publication date. */
export function eventDateLabel(e: Pick<DigestEvent, 'when' | 'undated'>, timeZone: string): string {
  return e.undated ? `undated (first seen ${shortDate(e.when, timeZone)})` : shortDate(e.when, timeZone);
}

/** A source's outlet (its site name, else its host) and date: "Tech Wire, 17 Nov 2026" or "daily.example, undated". */
export function sourceDetails(s: DigestSource, timeZone: string): string {
  let outlet = s.siteName;
  if (!outlet) {
    try {
      outlet = new URL(s.url).hostname;
    } catch {
      outlet = null;
    }
  }
  const date = s.publishedAt
    ? new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(s.publishedAt)
    : 'undated';
  return outlet ? `${outlet}, ${date}` : date;
}

/** The event's page in the review UI (RADAR_PUBLIC_URL + /events/ID), or null when no public URL is set. */
export function eventLink(reviewUrl: string | null, id: number): string | null {
  if (!reviewUrl || !isLinkable(reviewUrl)) return null;
  return `${reviewUrl.replace(/\/+$/, '')}/events/${id}`;
}

/** Link text for a source: its title, else its site, else its host. */
export function sourceLabel(s: { url: string; title: string | null; siteName: string | null }): string {
  if (s.title) return s.title;
  if (s.siteName) return s.siteName;
  try {
    return new URL(s.url).hostname;
  } catch {
    return s.url;
  }
}

/** True for URLs safe to put in an href (http/https only: no javascript:, data: or relative links in mail). */
export function isLinkable(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
