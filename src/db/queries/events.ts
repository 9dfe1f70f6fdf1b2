// Event queries for the review UI and the digest: the filtered, sorted, paged list with its total; one event with its
// supporting articles and history; status changes and slot edits, each recorded in review_actions (before/after).
import { and, asc, desc, eq, getTableColumns, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client.ts';
import { articles, entities, eventArticles, events, reviewActions, users, type EventRow, type ReviewAction } from '../schema.ts';
import { InputError } from '../../errors.ts';
import { EVENT_TYPES, type EventType } from '../../extract/types.ts';
import { NotFoundError } from './not-found.ts';

export type EventStatus = EventRow['status'];
export const EVENT_SORTS = ['occurred_desc', 'occurred_asc', 'confidence_desc', 'created_desc', 'support_desc'] as const;
export type EventSort = (typeof EVENT_SORTS)[number];

export interface EventListFilter {
  status?: EventStatus | EventStatus[];
  type?: EventType | EventType[];
  /** Case-insensitive substring of the event's firm or of any involved firm. */
  firm?: string;
  firmEntityId?: number;
  /** Case-insensitive substring of the event's place. */
  place?: string;
  placeEntityId?: number;
  /** The language of the event's best report. */
  language?: string;
  /** Inclusive range on the event date (first report's date, else when it was stored). */
  from?: Date;
  to?: Date;
  minConfidence?: number;
  sort?: EventSort;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export type EventSummary = Omit<EventRow, 'fingerprint' | 'identityKey'> & { date: Date; articleCount: number };

export const MAX_PAGE_SIZE = 500;

const like = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const eventDate = sql`coalesce(${events.occurredAt}, ${events.createdAt})`;
const supportCount = sql<number>`(select count(*)::int from ${eventArticles} where ${eventArticles.eventId} = ${events.id})`;
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function whereOf(f: EventListFilter): SQL | undefined {
  const conds: Array<SQL | undefined> = [];
  const statuses = asList(f.status);
  if (statuses.length) conds.push(inArray(events.status, statuses));
  const types = asList(f.type);
  if (types.length) conds.push(inArray(events.type, types));
  if (f.firm?.trim()) conds.push(or(ilike(events.firm, like(f.firm.trim())), sql`${events.firms}::text ilike ${like(f.firm.trim())}`));
  if (f.firmEntityId !== undefined) conds.push(eq(events.firmEntityId, f.firmEntityId));
  if (f.place?.trim()) conds.push(ilike(events.location, like(f.place.trim())));
  if (f.placeEntityId !== undefined) conds.push(eq(events.locationEntityId, f.placeEntityId));
  if (f.language) conds.push(eq(events.language, f.language));
  // Dates go in as ISO strings: raw sql params bypass drizzle's column mapping (see PERFORMANCE.md section 5).
  if (f.from) conds.push(gte(eventDate, sql`${f.from.toISOString()}::timestamptz`));
  if (f.to) conds.push(lte(eventDate, sql`${f.to.toISOString()}::timestamptz`));
  if (f.minConfidence !== undefined) conds.push(gte(events.confidence, f.minConfidence));
  const present = conds.filter((c): c is SQL => c !== undefined);
  return present.length ? and(...present) : undefined;
}

function orderOf(sort: EventSort): SQL[] {
  switch (sort) {
    case 'occurred_asc': return [asc(eventDate), asc(events.id)];
    case 'confidence_desc': return [desc(events.confidence), desc(events.id)];
    case 'created_desc': return [desc(events.createdAt), desc(events.id)];
    case 'support_desc': return [desc(supportCount), desc(events.id)];
    default: return [desc(eventDate), desc(events.id)];
  }
}

/** One page of events matching the filter, with the total number of matches. */
export async function listEvents(db: Db, filter: EventListFilter = {}): Promise<{ total: number; page: number; pageSize: number; rows: EventSummary[] }> {
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(filter.pageSize ?? 50)));
  const where = whereOf(filter);
  const { fingerprint: _f, identityKey: _i, ...cols } = getTableColumns(events);
  const [rows, totals] = await Promise.all([
    db
      .select({ ...cols, date: sql<string>`${eventDate}`, articleCount: supportCount })
      .from(events)
      .where(where)
      .orderBy(...orderOf(filter.sort ?? 'occurred_desc'))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(events).where(where),
  ]);
  return {
    total: Number(totals[0]?.n ?? 0),
    page,
    pageSize,
    rows: rows.map((r) => ({ ...r, date: new Date(r.date), articleCount: Number(r.articleCount) })),
  };
}

export interface SupportingArticle {
  articleId: number;
  url: string;
  title: string | null;
  siteName: string | null;
  language: string | null;
  publishedAt: Date | null;
  evidenceText: string;
  evidenceStart: number;
  evidenceEnd: number;
  confidence: number;
}

export type ReviewEntry = ReviewAction & { userEmail: string | null };

/** One event with every supporting article (best first) and its review history (oldest first), or null. */
export async function getEvent(db: Db, id: number): Promise<{ event: EventRow; articles: SupportingArticle[]; actions: ReviewEntry[] } | null> {
  const [event] = await db.select().from(events).where(eq(events.id, id));
  if (!event) return null;
  const [support, actions] = await Promise.all([
    db
      .select({
        articleId: eventArticles.articleId, url: articles.canonicalUrl, title: articles.title, siteName: articles.siteName,
        language: articles.language, publishedAt: articles.publishedAt, evidenceText: eventArticles.evidenceText,
        evidenceStart: eventArticles.evidenceStart, evidenceEnd: eventArticles.evidenceEnd, confidence: eventArticles.confidence,
      })
      .from(eventArticles)
      .innerJoin(articles, eq(articles.id, eventArticles.articleId))
      .where(eq(eventArticles.eventId, id))
      .orderBy(desc(eventArticles.confidence), asc(articles.publishedAt), asc(articles.id)),
    db
      .select({ ...getTableColumns(reviewActions), userEmail: users.email })
      .from(reviewActions)
      .leftJoin(users, eq(users.id, reviewActions.userId))
      .where(eq(reviewActions.eventId, id))
      .orderBy(asc(reviewActions.createdAt), asc(reviewActions.id)),
  ]);
  return { event, articles: support, actions };
}

const ACTION_FOR_STATUS: Record<EventStatus, string> = { approved: 'approve', rejected: 'reject', pending: 'reopen' };

/** Sets an event's status and records who did it (before/after, note); a repeated status with a note records the note. */
export async function setEventStatus(db: Db, id: number, status: EventStatus, userId: number | null, note: string | null = null): Promise<EventRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(events).where(eq(events.id, id)).for('update');
    if (!current) throw new NotFoundError('event', id);
    if (current.status === status) {
      if (note) await tx.insert(reviewActions).values({ userId, eventId: id, action: 'note', note });
      return current;
    }
    const now = new Date();
    const [updated] = await tx.update(events).set({ status, reviewedAt: now, reviewedBy: userId, updatedAt: now }).where(eq(events.id, id)).returning();
    await tx.insert(reviewActions).values({
      userId, eventId: id, action: ACTION_FOR_STATUS[status], before: { status: current.status }, after: { status }, note, createdAt: now,
    });
    return updated!;
  });
}

const nullableText = z.string().trim().min(1).max(300).nullable();
const textList = z.array(z.string().trim().min(1).max(300)).max(50);

/** The slots an analyst may edit; anything else in a patch is refused. */
export const slotPatchSchema = z.strictObject({
  type: z.enum(EVENT_TYPES).optional(),
  firm: nullableText.optional(),
  location: nullableText.optional(),
  person: nullableText.optional(),
  roles: textList.optional(),
  sourceFirms: textList.optional(),
  firms: textList.optional(),
  agency: nullableText.optional(),
  headcount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  planned: z.boolean().optional(),
});
export type SlotPatch = z.infer<typeof slotPatchSchema>;

async function liveEntityIdByName(tx: Db, type: 'firm' | 'location', name: string | null): Promise<number | null> {
  if (!name) return null;
  const [hit] = await tx
    .select({ id: entities.id })
    .from(entities)
    .where(and(eq(entities.type, type), isNull(entities.mergedIntoId), sql`lower(${entities.canonicalName}) = lower(${name})`))
    .orderBy(asc(entities.id))
    .limit(1);
  return hit?.id ?? null;
}

/** The involved-firms list with `oldFirm` (compared case-insensitively) replaced by `newFirm`, or dropped when it is null. */
export function replaceFirm(firms: string[], oldFirm: string | null, newFirm: string | null): string[] {
  if (!oldFirm) return firms;
  const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
  if (!firms.some((f) => same(f, oldFirm))) return firms;
  const out: string[] = [];
  for (const f of firms) {
    const next = same(f, oldFirm) ? newFirm : f;
    if (next && !out.some((o) => same(o, next))) out.push(next);
  }
  return out;
}

/**
 * Applies an analyst's slot edits, marks the event edited (re-extraction will not overwrite it) and records
 * before/after of the slots that changed. Returns the event as it is now.
 */
export async function updateEventSlots(db: Db, id: number, patch: SlotPatch, userId: number | null, note: string | null = null): Promise<EventRow> {
  const parsed = slotPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`event ${id}: slot "${issue.path.join('.') || '(patch)'}": ${issue.message}`);
  }
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(events).where(eq(events.id, id)).for('update');
    if (!current) throw new NotFoundError('event', id);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parsed.data) as Array<[keyof SlotPatch, unknown]>) {
      if (value === undefined || JSON.stringify(value) === JSON.stringify(current[key])) continue;
      before[key] = current[key];
      after[key] = value;
    }
    // "Firms involved" lists the event's firm too: a new firm replaces the old one there, unless the same edit set
    // the list itself. Otherwise the page, the exports and the digest keep showing the firm the analyst replaced.
    if ('firm' in after && !('firms' in after)) {
      const firms = replaceFirm(current.firms, current.firm, after.firm as string | null);
      if (JSON.stringify(firms) !== JSON.stringify(current.firms)) {
        before.firms = current.firms;
        after.firms = firms;
      }
    }
    if (!Object.keys(after).length) return current;
    const set: Partial<EventRow> = { ...(after as Partial<EventRow>), edited: true, updatedAt: new Date() };
    if ('firm' in after) set.firmEntityId = await liveEntityIdByName(tx, 'firm', after.firm as string | null);
    if ('location' in after) set.locationEntityId = await liveEntityIdByName(tx, 'location', after.location as string | null);
    const [updated] = await tx.update(events).set(set).where(eq(events.id, id)).returning();
    await tx.insert(reviewActions).values({ userId, eventId: id, action: 'edit', before, after, note });
    return updated!;
  });
}
