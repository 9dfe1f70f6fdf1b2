// Attaching one article's extracted events to stored events: each report joins the event with the same identity
// whose reports lie within the merge window of the article's date (else a new event is opened), the article's own
// reading is kept in event_articles, and every touched event is recomputed from all its reports.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { articles, eventArticles, events, type EventRow } from '../db/schema.ts';
import type { LiveEntity } from '../db/queries/entities.ts';
import type { ArticleEntity, ExtractedEvent } from '../extract/types.ts';
import type { ArticleDate } from './article-date.ts';
import { eventFingerprint, eventIdentity } from './event-identity.ts';
import { LOCK_EVENT_IDENTITY, lockAll } from './keys.ts';
import { isFrozen, recomputeEvent, type EventReading } from './recompute-event.ts';
import { entityByName } from './write-entities.ts';

export interface ArticleEventContext {
  articleId: number;
  /** The article's date for the merge window: publication date, else fetch time. */
  date: Date;
  /** The article's publication date and its source: what an event it opens is dated with (never the fetch time). */
  published: ArticleDate;
  language: string | null;
  mergeWindowDays: number;
  /** The article was inserted in this transaction: it has no links yet, nothing to look up. */
  fresh?: boolean;
}

export interface AttachResult {
  /** Events this article supports after the write. */
  events: number;
  /** Events opened by this write. */
  newEvents: number;
  /** Pending events deleted because no article supports them any more. */
  removedEvents: number;
}

interface Report {
  identity: string;
  reading: EventReading;
  evidence: ExtractedEvent['evidence'];
  confidence: number;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** Resolves each extracted event's firm and place to live entities and keeps one report per identity (the most confident). */
export function toReports(list: ExtractedEvent[], entityList: ArticleEntity[], resolved: Map<string, LiveEntity>): Report[] {
  const byIdentity = new Map<string, Report>();
  for (const ev of list) {
    const firm = entityByName(entityList, resolved, 'firm', ev.firm);
    const place = entityByName(entityList, resolved, 'location', ev.location);
    const reading: EventReading = {
      type: ev.type,
      firm: firm?.canonicalName ?? ev.firm,
      firmEntityId: firm?.id ?? null,
      location: place?.canonicalName ?? ev.location,
      locationEntityId: place?.id ?? null,
      person: ev.person,
      roles: [...ev.roles],
      sourceFirms: [...ev.sourceFirms],
      firms: [...ev.firms],
      agency: ev.agency,
      headcount: ev.headcount,
      planned: ev.planned ?? false,
    };
    const identity = eventIdentity({ type: ev.type, firm: reading.firm, firmKey: firm?.key ?? null, person: ev.person, agency: ev.agency });
    const report = { identity, reading, evidence: ev.evidence, confidence: clamp01(ev.confidence) };
    const seen = byIdentity.get(identity);
    if (!seen || report.confidence > seen.confidence) byIdentity.set(identity, report);
  }
  return [...byIdentity.values()].sort((a, b) => (a.identity < b.identity ? -1 : 1));
}

/** The event with this identity whose reports come closest to `date`, if any lies within the window. */
async function findInWindow(tx: Db, identity: string, date: Date, windowDays: number): Promise<number | null> {
  const at = sql`${date.toISOString()}::timestamptz`;
  const window = sql`make_interval(days => ${windowDays}::int)`;
  const d = sql`coalesce(${articles.publishedAt}, ${articles.fetchedAt})`;
  const first = sql`coalesce(min(${d}), min(${events.occurredAt}), min(${events.createdAt}))`;
  const last = sql`coalesce(max(${d}), max(${events.occurredAt}), max(${events.createdAt}))`;
  const [hit] = await tx
    .select({ id: events.id })
    .from(events)
    .leftJoin(eventArticles, eq(eventArticles.eventId, events.id))
    .leftJoin(articles, eq(articles.id, eventArticles.articleId))
    .where(eq(events.identityKey, identity))
    .groupBy(events.id)
    .having(sql`${last} >= ${at} - ${window} and ${first} <= ${at} + ${window}`)
    .orderBy(sql`greatest(extract(epoch from ${first} - ${at}), extract(epoch from ${at} - ${last}), 0)`, events.id)
    .limit(1);
  return hit?.id ?? null;
}

async function createEvent(tx: Db, ctx: ArticleEventContext, r: Report): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    // A twin fingerprint exists only when an older event with this identity drifted out of the window (its articles
    // were re-dated); a suffix keeps both.
    const [row] = await tx
      .insert(events)
      .values({
        fingerprint: eventFingerprint(r.identity, ctx.date, attempt),
        identityKey: r.identity,
        ...r.reading,
        confidence: r.confidence,
        language: ctx.language,
        evidenceArticleId: ctx.articleId,
        evidenceText: r.evidence.text,
        evidenceStart: r.evidence.start,
        evidenceEnd: r.evidence.end,
        occurredAt: ctx.published.publishedAt,
        dateSource: ctx.published.dateSource,
      })
      .onConflictDoNothing({ target: events.fingerprint })
      .returning({ id: events.id });
    if (row) return row.id;
  }
  throw new Error(`event fingerprint ${r.identity}: 100 twins on one day`);
}

async function upsertLink(tx: Db, eventId: number, articleId: number, r: Report): Promise<void> {
  await tx
    .insert(eventArticles)
    .values({ eventId, articleId, evidenceText: r.evidence.text, evidenceStart: r.evidence.start, evidenceEnd: r.evidence.end, confidence: r.confidence, extracted: { ...r.reading } })
    .onConflictDoUpdate({
      target: [eventArticles.eventId, eventArticles.articleId],
      set: {
        evidenceText: sql`excluded.evidence_text`, evidenceStart: sql`excluded.evidence_start`, evidenceEnd: sql`excluded.evidence_end`,
        confidence: sql`excluded.confidence`, extracted: sql`excluded.extracted`,
      },
      setWhere: sql`(${eventArticles.evidenceText}, ${eventArticles.evidenceStart}, ${eventArticles.evidenceEnd}, ${eventArticles.confidence}, ${eventArticles.extracted})
        is distinct from (excluded.evidence_text, excluded.evidence_start, excluded.evidence_end, excluded.confidence, excluded.extracted)`,
    });
}

interface Link {
  eventId: number;
  identity: string;
  type: EventRow['type'];
  status: EventRow['status'];
  edited: boolean;
}

/**
 * The event this article already supports that `r` is a new reading of: same type, and an identity that none of the
 * article's reports has any more (new rules resolved the firm to a knowledge-base key, or read the name differently).
 * It is the same event, so it keeps its id (links to it stay valid) instead of being replaced by a new one.
 */
function renamedLink(links: Link[], r: Report, reports: Report[], claimed: Set<number>): Link | null {
  const current = new Set(reports.map((x) => x.identity));
  return links.find((l) => !claimed.has(l.eventId) && l.type === r.reading.type && !current.has(l.identity)) ?? null;
}

/** Gives an existing event a new identity (and the matching unique fingerprint); the caller holds both identity locks. */
async function rekeyEvent(tx: Db, eventId: number, identity: string, anchor: Date): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const fingerprint = eventFingerprint(identity, anchor, attempt);
    const [taken] = await tx.select({ id: events.id }).from(events).where(eq(events.fingerprint, fingerprint)).limit(1);
    if (taken && taken.id !== eventId) continue;
    await tx.update(events).set({ identityKey: identity, fingerprint, updatedAt: new Date() }).where(eq(events.id, eventId));
    return;
  }
  throw new Error(`event fingerprint ${identity}: 100 twins on one day`);
}

/**
 * Makes the article's event links match its extraction: joins or opens one event per identity, drops its links to
 * pending events it no longer reports (deleting events left with no report), keeps its links to reviewed or edited
 * events, and recomputes every event it touched. A report whose identity changed keeps the event it already
 * supports (renamedLink), so re-extraction never moves an event to a new id.
 */
export async function attachEvents(tx: Db, ctx: ArticleEventContext, reports: Report[]): Promise<AttachResult> {
  const links: Link[] = ctx.fresh ? [] : await tx
    .select({ eventId: events.id, identity: events.identityKey, type: events.type, status: events.status, edited: events.edited })
    .from(eventArticles)
    .innerJoin(events, eq(events.id, eventArticles.eventId))
    .where(eq(eventArticles.articleId, ctx.articleId));
  await lockAll(tx, [...reports.map((r) => r.identity), ...links.map((l) => l.identity)].map((k) => [LOCK_EVENT_IDENTITY, k]));
  const touched = new Set<number>();
  // Events opened here from this one report already hold exactly what a recompute would derive.
  const opened = new Set<number>();
  for (const r of reports) {
    let eventId = links.find((l) => l.identity === r.identity)?.eventId ?? (await findInWindow(tx, r.identity, ctx.date, ctx.mergeWindowDays));
    if (eventId === null) {
      const renamed = renamedLink(links, r, reports, touched);
      if (renamed) {
        await rekeyEvent(tx, renamed.eventId, r.identity, ctx.date);
        eventId = renamed.eventId;
      }
    }
    if (eventId === null) {
      eventId = await createEvent(tx, ctx, r);
      opened.add(eventId);
    }
    await upsertLink(tx, eventId, ctx.articleId, r);
    touched.add(eventId);
  }
  const stale = links.filter((l) => !touched.has(l.eventId) && !isFrozen(l)).map((l) => l.eventId);
  if (stale.length) {
    await tx.delete(eventArticles).where(and(eq(eventArticles.articleId, ctx.articleId), inArray(eventArticles.eventId, stale)));
  }
  let removedEvents = 0;
  for (const id of [...touched, ...stale].sort((a, b) => a - b)) {
    if (!opened.has(id) && (await recomputeEvent(tx, id)) === 'deleted') removedEvents++;
  }
  return { events: touched.size, newEvents: opened.size, removedEvents };
}
