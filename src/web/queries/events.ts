// Read queries for the review UI: the filtered, sorted, paged queue (with the evidence article's title and URL, and
// free-text search) and one event with its evidence article's clean text, its mentions, supporting articles and
// history. Writes (status, slots) go through the shared src/db/queries/events.ts.
import { and, asc, desc, eq, gte, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { articles, entities, eventArticles, events, mentions, reviewActions, users, type EventRow } from '../../db/schema.ts';
import type { EventFilters, EventStatus, EventType } from './filters.ts';

/** One queue row. */
export interface EventListRow {
  id: number;
  type: EventType;
  status: EventStatus;
  firm: string | null;
  location: string | null;
  person: string | null;
  roles: string[];
  sourceFirms: string[];
  firms: string[];
  agency: string | null;
  headcount: number | null;
  confidence: number;
  language: string | null;
  /** The event's date for sorting and filtering: when it happened, else when it was stored. */
  date: Date;
  /** When it happened, or null for an undated event (no page or feed date). */
  occurredAt: Date | null;
  /** The evidence article's outlet (site name), else null. */
  outlet: string | null;
  evidenceText: string;
  articleTitle: string | null;
  articleUrl: string | null;
  articleCount: number;
}

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

const eventDate = sql<Date>`coalesce(${events.occurredAt}, ${events.createdAt})`;

function whereFor(f: EventFilters): SQL | undefined {
  const conds: SQL[] = [];
  if (f.status !== 'all') conds.push(eq(events.status, f.status));
  if (f.type) conds.push(eq(events.type, f.type));
  if (f.firm) conds.push(sql`(${events.firm} ilike ${likePattern(f.firm)} or ${events.firms}::text ilike ${likePattern(f.firm)})`);
  if (f.place) conds.push(sql`${events.location} ilike ${likePattern(f.place)}`);
  if (f.language) conds.push(eq(events.language, f.language));
  if (f.from) conds.push(gte(eventDate, sql`${f.from}::date`));
  if (f.to) conds.push(sql`${eventDate} < (${f.to}::date + 1)`);
  if (f.minConfidence !== null) conds.push(gte(events.confidence, f.minConfidence));
  if (f.q) conds.push(sql`(${events.evidenceText} ilike ${likePattern(f.q)} or ${events.person} ilike ${likePattern(f.q)})`);
  return conds.length ? and(...conds) : undefined;
}

function orderFor(f: EventFilters): SQL[] {
  const d = f.dir === 'asc' ? asc : desc;
  const column = { occurred: eventDate, confidence: events.confidence, created: events.createdAt, firm: events.firm, type: events.type }[f.sort];
  return [d(column), d(events.id)];
}

/**
 * The queue: one page of events matching the filters plus the total count. The page's ids are chosen first on the
 * events table alone (a "deferred join"), so the article join and the per-row support count run for 50 rows, not
 * for every row an OFFSET skips.
 */
export async function listEvents(db: Db, f: EventFilters, opts: { unpaged?: boolean; limit?: number } = {}): Promise<{ total: number; rows: EventListRow[] }> {
  const where = whereFor(f);
  const limit = opts.unpaged ? (opts.limit ?? 100_000) : f.pageSize;
  const offset = opts.unpaged ? 0 : (f.page - 1) * f.pageSize;
  const pageIds = db.select({ id: events.id }).from(events).where(where).orderBy(...orderFor(f)).limit(limit).offset(offset).as('page_ids');
  const [rows, countRows] = await Promise.all([
    db
      .select({
        id: events.id, type: events.type, status: events.status, firm: events.firm, location: events.location, person: events.person,
        roles: events.roles, sourceFirms: events.sourceFirms, firms: events.firms, agency: events.agency, headcount: events.headcount,
        confidence: events.confidence, language: events.language, date: eventDate, occurredAt: events.occurredAt, outlet: articles.siteName,
        evidenceText: events.evidenceText, articleTitle: articles.title, articleUrl: articles.canonicalUrl,
        articleCount: sql<number>`(select count(*)::int from ${eventArticles} where ${eventArticles.eventId} = ${events.id})`,
      })
      .from(pageIds)
      .innerJoin(events, eq(events.id, pageIds.id))
      .leftJoin(articles, eq(articles.id, events.evidenceArticleId))
      .orderBy(...orderFor(f)),
    db.select({ n: sql<number>`count(*)::int` }).from(events).where(where),
  ]);
  return {
    total: Number(countRows[0]?.n ?? 0),
    rows: rows.map((r) => ({ ...r, date: new Date(r.date), articleCount: Number(r.articleCount) })),
  };
}

/** The languages events are in, for the queue's language list. */
export async function listEventLanguages(db: Db): Promise<string[]> {
  const rows = await db.select({ language: events.language }).from(events).where(isNotNull(events.language)).groupBy(events.language).orderBy(asc(events.language));
  return rows.map((r) => r.language).filter((l): l is string => l !== null);
}

/** A marked entity occurrence inside an article's clean text. */
export interface MentionSpan {
  start: number;
  end: number;
  entityId: number;
  type: string;
  name: string;
}

export interface EventDetail {
  event: EventRow;
  article: { id: number; title: string | null; text: string; url: string; siteName: string | null; publishedAt: Date | null; language: string | null } | null;
  mentions: MentionSpan[];
  supporting: Array<{ articleId: number; title: string | null; url: string; siteName: string | null; publishedAt: Date | null; evidenceText: string; confidence: number }>;
  history: Array<{ id: number; action: string; at: Date; user: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null; note: string | null }>;
}

/** Everything the event page shows, or null when there is no such event. */
export async function getEventDetail(db: Db, id: number): Promise<EventDetail | null> {
  const [event] = await db.select().from(events).where(eq(events.id, id)).limit(1);
  if (!event) return null;
  const articleId = event.evidenceArticleId;
  const [articleRows, mentionRows, supporting, history] = await Promise.all([
    articleId === null ? Promise.resolve([]) : db
      .select({ id: articles.id, title: articles.title, text: articles.text, url: articles.canonicalUrl, siteName: articles.siteName, publishedAt: articles.publishedAt, language: articles.language })
      .from(articles).where(eq(articles.id, articleId)).limit(1),
    articleId === null ? Promise.resolve([]) : db
      .select({ start: mentions.start, end: mentions.end, entityId: mentions.entityId, type: entities.type, name: entities.canonicalName })
      .from(mentions).innerJoin(entities, eq(entities.id, mentions.entityId))
      .where(eq(mentions.articleId, articleId)).orderBy(asc(mentions.start)),
    db.select({
      articleId: eventArticles.articleId, title: articles.title, url: articles.canonicalUrl, siteName: articles.siteName,
      publishedAt: articles.publishedAt, evidenceText: eventArticles.evidenceText, confidence: eventArticles.confidence,
    }).from(eventArticles).innerJoin(articles, eq(articles.id, eventArticles.articleId))
      .where(eq(eventArticles.eventId, id)).orderBy(asc(articles.publishedAt), asc(articles.id)),
    db.select({
      id: reviewActions.id, action: reviewActions.action, at: reviewActions.createdAt, user: users.email,
      before: reviewActions.before, after: reviewActions.after, note: reviewActions.note,
    }).from(reviewActions).leftJoin(users, eq(users.id, reviewActions.userId))
      .where(eq(reviewActions.eventId, id)).orderBy(desc(reviewActions.createdAt), desc(reviewActions.id)),
  ]);
  return { event, article: articleRows[0] ?? null, mentions: mentionRows, supporting, history };
}
