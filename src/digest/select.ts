// Reads what a digest shows: the approved events of one week (by occurred_at; undated ones by when they were first
// stored, and marked undated) with their sources, quotes, notes, and per-type counts for the previous week.
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { articles, eventArticles, events, reviewActions, runs, type EventRow } from '../db/schema.ts';
import type { LeadershipKind } from './leadership.ts';
import { sentenceQuote } from './quote.ts';

export const EVENT_TYPES = ['hiring', 'expansion', 'talent_move', 'leadership', 'contraction', 'export_control'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type TypeCounts = Record<EventType, number>;

/** A source article of an event, as linked from the digest. */
export interface DigestSource {
  url: string;
  title: string | null;
  /** The outlet (the page's site name). */
  siteName: string | null;
  /** Its publication date (page, else feed item); null when undated. */
  publishedAt?: Date | null;
}

/** One approved event with its sources, as the renderer needs it. */
export interface DigestEvent {
  id: number;
  type: EventType;
  firm: string | null;
  location: string | null;
  person: string | null;
  roles: string[];
  sourceFirms: string[];
  firms: string[];
  agency: string | null;
  headcount: number | null;
  planned: boolean;
  evidence: string;
  /** The evidence widened to whole sentences of its article (src/digest/quote.ts); the evidence when absent. */
  quote?: string;
  /** The moment that places the event in a week: when it happened, else (undated) when it was first stored. */
  when: Date;
  /** True when no supporting article has a publication date: `when` is then only when we first saw it. */
  undated?: boolean;
  /** Language of the best report, for reading the evidence. */
  language?: string | null;
  /** The latest analyst note on the event, if any. */
  note?: string | null;
  /** For leadership changes: appointment or departure (set by buildDigest from the evidence). */
  leadership?: LeadershipKind;
  sources: DigestSource[];
}

/** The moment that places an event in a week: when it happened, or when we first stored it. */
const eventTime = sql`coalesce(${events.occurredAt}, ${events.createdAt})`;

function inRange(start: Date, end: Date) {
  // ISO strings with an explicit cast behave the same on PGlite and postgres.js (raw Date params do not).
  return and(
    eq(events.status, 'approved'),
    gte(eventTime, sql`${start.toISOString()}::timestamptz`),
    lt(eventTime, sql`${end.toISOString()}::timestamptz`),
  );
}

/** Zero for every event type. */
export function emptyCounts(): TypeCounts {
  return Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as TypeCounts;
}

/** Approved events whose time falls in [start, end), oldest first, each with its source articles. */
export async function selectWeekEvents(db: Db, start: Date, end: Date): Promise<DigestEvent[]> {
  const rows: EventRow[] = await db.select().from(events).where(inRange(start, end)).orderBy(asc(eventTime), asc(events.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await db
    .select({ eventId: eventArticles.eventId, articleId: articles.id, url: articles.canonicalUrl, title: articles.title, siteName: articles.siteName, publishedAt: articles.publishedAt })
    .from(eventArticles)
    .innerJoin(articles, eq(articles.id, eventArticles.articleId))
    .where(inArray(eventArticles.eventId, ids))
    .orderBy(asc(articles.publishedAt), asc(articles.id));
  // The evidence article is a source too, even if extraction did not write an event_articles row for it.
  const evidenceIds = [...new Set(rows.map((r) => r.evidenceArticleId).filter((v): v is number => v !== null))];
  const evidenceArticles = evidenceIds.length
    ? await db.select({ id: articles.id, url: articles.canonicalUrl, title: articles.title, siteName: articles.siteName, publishedAt: articles.publishedAt, text: articles.text, language: articles.language })
      .from(articles).where(inArray(articles.id, evidenceIds))
    : [];
  const byArticle = new Map(evidenceArticles.map((a) => [a.id, a]));
  const notes = await latestNotes(db, ids);
  return rows.map((r) => {
    const sources: DigestSource[] = [];
    const seen = new Set<string>();
    const add = (s: DigestSource) => {
      if (seen.has(s.url)) return;
      seen.add(s.url);
      sources.push(s);
    };
    const ev = r.evidenceArticleId === null ? undefined : byArticle.get(r.evidenceArticleId);
    if (ev) add({ url: ev.url, title: ev.title, siteName: ev.siteName, publishedAt: ev.publishedAt });
    for (const l of links) if (l.eventId === r.id) add({ url: l.url, title: l.title, siteName: l.siteName, publishedAt: l.publishedAt });
    return {
      id: r.id,
      type: r.type,
      firm: r.firm,
      location: r.location,
      person: r.person,
      roles: r.roles,
      sourceFirms: r.sourceFirms,
      firms: r.firms,
      agency: r.agency,
      headcount: r.headcount,
      planned: r.planned,
      evidence: r.evidenceText,
      quote: sentenceQuote({ evidence: r.evidenceText, start: r.evidenceStart, end: r.evidenceEnd, text: ev?.text ?? null, language: ev?.language ?? r.language }),
      when: r.occurredAt ?? r.createdAt,
      undated: r.occurredAt === null,
      language: r.language,
      note: notes.get(r.id) ?? null,
      sources,
    };
  });
}

/** The most recent analyst note of each event (status changes and edits can carry one; so can a bare note). */
async function latestNotes(db: Db, ids: number[]): Promise<Map<number, string>> {
  const rows = await db.select({ eventId: reviewActions.eventId, note: reviewActions.note }).from(reviewActions)
    .where(and(inArray(reviewActions.eventId, ids), isNotNull(reviewActions.note)))
    .orderBy(desc(reviewActions.createdAt), desc(reviewActions.id));
  const out = new Map<number, string>();
  for (const r of rows) if (r.eventId !== null && r.note?.trim() && !out.has(r.eventId)) out.set(r.eventId, r.note.trim());
  return out;
}

/** Number of approved events per type in [start, end). */
export async function countWeekEvents(db: Db, start: Date, end: Date): Promise<TypeCounts> {
  const rows = await db.select({ type: events.type, n: sql<number>`count(*)::int` }).from(events).where(inRange(start, end)).groupBy(events.type);
  const counts = emptyCounts();
  for (const r of rows) counts[r.type] = Number(r.n);
  return counts;
}

/** Counts events per type in memory (the selected week's rows are already loaded). */
export function countByType(list: Array<{ type: EventType }>): TypeCounts {
  const counts = emptyCounts();
  for (const e of list) counts[e.type] += 1;
  return counts;
}

/** When this installation first ingested anything: its first ingest run or its first stored article; null if never. */
export async function firstIngestAt(db: Db): Promise<Date | null> {
  const [row] = await db.select({
    at: sql<string | null>`least((select min(${runs.startedAt}) from ${runs} where ${runs.kind} = 'ingest'), (select min(${articles.fetchedAt}) from ${articles}))`,
  }).from(sql`(select 1) as one`);
  return row?.at ? new Date(row.at) : null;
}
