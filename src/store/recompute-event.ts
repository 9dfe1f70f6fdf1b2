// An event's row is a function of the articles that support it: the best report (highest confidence, then the
// earliest, then the lowest article id) gives the evidence and the slots, gaps are filled from the next reports,
// lists are unions. Recomputing from all reports makes the result independent of the order articles arrived in.
// Events an analyst reviewed or edited keep their slots: only their date follows new reports.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { articles, eventArticles, events, type EventRow } from '../db/schema.ts';
import type { EventType } from '../extract/types.ts';

/** One article's reading of an event, as stored in event_articles.extracted. */
export interface EventReading {
  type: EventType;
  firm: string | null;
  firmEntityId: number | null;
  location: string | null;
  locationEntityId: number | null;
  person: string | null;
  roles: string[];
  sourceFirms: string[];
  firms: string[];
  agency: string | null;
  headcount: number | null;
  planned: boolean;
}

/** True when an analyst's decision protects the event's slots from re-extraction. */
export function isFrozen(e: Pick<EventRow, 'status' | 'edited'>): boolean {
  return e.edited || e.status !== 'pending';
}

interface Support {
  articleId: number;
  evidenceText: string;
  evidenceStart: number;
  evidenceEnd: number;
  confidence: number;
  reading: EventReading | null;
  /** Publication date, else fetch time: orders reports only. */
  date: Date;
  /** Publication date (null when undated) and where it came from: what the event is dated with. */
  publishedAt: Date | null;
  dateSource: EventRow['dateSource'];
  language: string | null;
}

/** The earliest dated report's date and source; undated when no report has a publication date. */
function eventDate(support: Support[]): Pick<EventRow, 'occurredAt' | 'dateSource'> {
  let first: Support | null = null;
  for (const s of support) if (s.publishedAt && (!first || s.publishedAt.getTime() < first.publishedAt!.getTime())) first = s;
  return first ? { occurredAt: first.publishedAt, dateSource: first.dateSource } : { occurredAt: null, dateSource: 'undated' };
}

function firstOf<T>(list: Support[], pick: (r: EventReading) => T | null): { value: T | null; from: EventReading | null } {
  for (const s of list) {
    const v = s.reading ? pick(s.reading) : null;
    if (v !== null && v !== undefined) return { value: v, from: s.reading };
  }
  return { value: null, from: null };
}

function unionOf(list: Support[], pick: (r: EventReading) => string[]): string[] {
  const out: string[] = [];
  for (const s of list) for (const v of s.reading ? pick(s.reading) : []) if (!out.includes(v)) out.push(v);
  return out;
}

/** The event's values derived from its supporting reports; slots only when the event is not frozen. */
function derive(event: EventRow, support: Support[]): Partial<EventRow> {
  const dated = eventDate(support);
  if (isFrozen(event)) return dated;
  const ranked = [...support].sort((a, b) => b.confidence - a.confidence || a.date.getTime() - b.date.getTime() || a.articleId - b.articleId);
  const best = ranked[0]!;
  const location = firstOf(ranked, (r) => r.location);
  const firm = firstOf(ranked, (r) => r.firm);
  return {
    ...dated,
    firm: firm.value,
    firmEntityId: firm.from?.firmEntityId ?? null,
    location: location.value,
    locationEntityId: location.from?.locationEntityId ?? null,
    person: firstOf(ranked, (r) => r.person).value,
    headcount: firstOf(ranked, (r) => r.headcount).value,
    agency: firstOf(ranked, (r) => r.agency).value,
    roles: unionOf(ranked, (r) => r.roles),
    sourceFirms: unionOf(ranked, (r) => r.sourceFirms),
    firms: unionOf(ranked, (r) => r.firms),
    planned: best.reading?.planned ?? false,
    confidence: best.confidence,
    language: best.language,
    evidenceArticleId: best.articleId,
    evidenceText: best.evidenceText,
    evidenceStart: best.evidenceStart,
    evidenceEnd: best.evidenceEnd,
  };
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Brings one event in line with its supporting articles. A pending, unedited event with no support left is deleted;
 * a reviewed or edited one is kept as the analyst left it. Writes nothing when nothing changed.
 */
export async function recomputeEvent(tx: Db, eventId: number): Promise<'deleted' | 'updated' | 'unchanged'> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
  if (!event) return 'unchanged';
  const rows = await tx
    .select({
      articleId: eventArticles.articleId, evidenceText: eventArticles.evidenceText, evidenceStart: eventArticles.evidenceStart,
      evidenceEnd: eventArticles.evidenceEnd, confidence: eventArticles.confidence, reading: eventArticles.extracted,
      publishedAt: articles.publishedAt, dateSource: articles.dateSource, fetchedAt: articles.fetchedAt, language: articles.language,
    })
    .from(eventArticles)
    .innerJoin(articles, eq(articles.id, eventArticles.articleId))
    .where(eq(eventArticles.eventId, eventId))
    .orderBy(asc(eventArticles.articleId));
  if (!rows.length) {
    if (isFrozen(event)) return 'unchanged';
    await tx.delete(events).where(eq(events.id, eventId));
    return 'deleted';
  }
  const support: Support[] = rows.map((r) => ({ ...r, reading: r.reading as EventReading | null, date: r.publishedAt ?? r.fetchedAt }));
  const wanted = derive(event, support);
  const patch: Partial<EventRow> = {};
  for (const [key, value] of Object.entries(wanted) as Array<[keyof EventRow, unknown]>) {
    if (!same(event[key], value)) (patch as Record<string, unknown>)[key] = value;
  }
  if (!Object.keys(patch).length) return 'unchanged';
  await tx.update(events).set({ ...patch, updatedAt: new Date() }).where(eq(events.id, eventId));
  return 'updated';
}
