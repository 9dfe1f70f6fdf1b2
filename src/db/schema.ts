// The whole product's schema: the only source of truth; SQL migrations in migrations/ are generated from it.
// Tables first, then relations, then inferred row types. TS keys camelCase, SQL names snake_case.
import { relations, sql } from 'drizzle-orm';
import {
  bigserial, bigint, boolean, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * bytea as a Node Buffer (used for the compressed fetched HTML). Written as base64 text that the server decodes:
 * PGlite serialises a bytea parameter byte by byte in JavaScript (13 ms for 50 KB, against 2 ms this way), which
 * was a tenth of the ingest's main-thread time. Read it fast with byteaBase64() (src/db/queries/articles.ts).
 */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => sql`decode(${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}, 'base64')`,
  fromDriver: (value) => Buffer.from(value),
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();

export const entityType = pgEnum('entity_type', ['firm', 'person', 'location', 'agency']);
export const eventType = pgEnum('event_type', ['hiring', 'expansion', 'talent_move', 'leadership', 'contraction', 'export_control']);
export const eventStatus = pgEnum('event_status', ['pending', 'approved', 'rejected']);
export const userRole = pgEnum('user_role', ['analyst', 'admin']);
export const sendStatus = pgEnum('send_status', ['pending', 'sent', 'failed']);
/** Where a date came from: the page's own metadata, the feed item that linked to it, or nowhere (undated). */
export const dateSource = pgEnum('date_source', ['page', 'feed', 'undated']);

/** A feed and its fetch state (conditional GET validators, schedule, error budget). */
export const feeds = pgTable('feeds', {
  id: serial('id').primaryKey(),
  url: text('url').notNull().unique(),
  title: text('title'),
  language: text('language'),
  region: text('region'),
  tags: jsonb('tags').$type<string[]>().notNull().default([]),
  intervalMinutes: integer('interval_minutes').notNull().default(60),
  paused: boolean('paused').notNull().default(false),
  /** Set when the feed came from config/feeds.yaml (re-synced at start); null when added in the UI. */
  fromConfig: boolean('from_config').notNull().default(false),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastFetchedAt: ts('last_fetched_at'),
  lastStatus: integer('last_status'),
  nextCheckAt: ts('next_check_at').notNull().defaultNow(),
  errorCount: integer('error_count').notNull().default(0),
  lastError: text('last_error'),
  /** What the last successful fetch could not read cleanly ("parsed 1 item; the XML is broken at line 7: ..."); null when clean. */
  lastWarning: text('last_warning'),
  /** When the feed left config/feeds.yaml and was paused for it; null while listed. Kept apart from last_error, which stays the real one. */
  removedFromConfigAt: ts('removed_from_config_at'),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('feeds_next_check_idx').on(t.nextCheckAt)]);

/**
 * An article page whose fetch failed for a reason that may pass (timeout, 5xx, network): retried with backoff instead
 * of on every cycle, and marked failed (failed_at) after the error budget. Deleted once the page is stored.
 */
export const pageFailures = pgTable('page_failures', {
  url: text('url').primaryKey(),
  feedId: integer('feed_id').references(() => feeds.id, { onDelete: 'cascade' }),
  errorCount: integer('error_count').notNull().default(0),
  lastError: text('last_error').notNull(),
  lastStatus: integer('last_status'),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  /** Set when error_count reached errorBudget.maxConsecutiveFailures: the page is reported failed, still retried with backoff. */
  failedAt: ts('failed_at'),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('page_failures_feed_idx').on(t.feedId)]);

/** One article, stored once however many feeds or URLs reach it. */
export const articles = pgTable('articles', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  canonicalUrl: text('canonical_url').notNull().unique(),
  feedId: integer('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
  guid: text('guid'),
  title: text('title'),
  byline: text('byline'),
  siteName: text('site_name'),
  /** The publication date: the page's own, else the feed item's (feedPublishedAt); null when neither gave one. */
  publishedAt: ts('published_at'),
  /** Which of the two publishedAt is ("undated" when null); never the fetch time. */
  dateSource: dateSource('date_source').notNull().default('undated'),
  /** The feed item's date as the feed gave it, kept so a re-clean that finds no page date can fall back to it. */
  feedPublishedAt: ts('feed_published_at'),
  language: text('language'),
  contentType: text('content_type'),
  /** The fetched bytes, gzip-compressed, so the article can be re-cleaned and re-extracted without refetching. */
  rawGzip: bytea('raw_gzip'),
  text: text('text').notNull().default(''),
  /** sha256 of the normalised clean text: the second dedup key after the canonical URL. */
  contentHash: text('content_hash').notNull(),
  cleanPath: text('clean_path'),
  fetchedAt: ts('fetched_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  extractedAt: ts('extracted_at'),
  /** sha256 of the last stored extraction, so re-storing the same article and extraction writes nothing. */
  extractionHash: text('extraction_hash'),
}, (t) => [
  index('articles_content_hash_idx').on(t.contentHash),
  index('articles_published_idx').on(t.publishedAt),
  index('articles_feed_idx').on(t.feedId),
  // The known-item check looks items up by feed GUID once per feed and cycle.
  index('articles_guid_idx').on(t.guid),
]);

/** Every URL (and feed GUID) an article was reached under, so a second URL finds the stored article. */
export const articleUrls = pgTable('article_urls', {
  url: text('url').primaryKey(),
  articleId: bigint('article_id', { mode: 'number' }).notNull().references(() => articles.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [index('article_urls_article_idx').on(t.articleId)]);

/** A canonical entity; `mergedIntoId` points at the survivor after an analyst merge. */
export const entities = pgTable('entities', {
  id: serial('id').primaryKey(),
  /** Stable key from the knowledge base ("firm:alibaba") or "new:<type>:<slug>" for names the KB did not know. */
  key: text('key').notNull().unique(),
  type: entityType('type').notNull(),
  canonicalName: text('canonical_name').notNull(),
  /** Aliases per language code ("und" when unknown): { "es": ["Pekín"], "zh": ["北京"] }. */
  aliases: jsonb('aliases').$type<Record<string, string[]>>().notNull().default({}),
  country: text('country'),
  externalIds: jsonb('external_ids').$type<Record<string, string>>().notNull().default({}),
  mergedIntoId: integer('merged_into_id'),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('entities_type_name_idx').on(t.type, t.canonicalName), index('entities_merged_idx').on(t.mergedIntoId)]);

/** One occurrence of an entity in an article's clean text. */
export const mentions = pgTable('mentions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  articleId: bigint('article_id', { mode: 'number' }).notNull().references(() => articles.id, { onDelete: 'cascade' }),
  entityId: integer('entity_id').notNull().references(() => entities.id, { onDelete: 'cascade' }),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
  surface: text('surface').notNull(),
}, (t) => [
  uniqueIndex('mentions_article_span_entity_uq').on(t.articleId, t.start, t.end, t.entityId),
  index('mentions_entity_idx').on(t.entityId),
]);

/** A hiring-signal event, merged across the articles that report it. */
export const events = pgTable('events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** Deterministic key (type, firm, window...) so writes are idempotent and reports of one event merge. */
  fingerprint: text('fingerprint').notNull().unique(),
  /** The event's identity without its date (type, resolved firm, person for people events): reports of one event share it,
   *  and a new report joins the event with this key whose supporting articles lie within the merge window. */
  identityKey: text('identity_key').notNull().default(''),
  type: eventType('type').notNull(),
  firmEntityId: integer('firm_entity_id').references(() => entities.id, { onDelete: 'set null' }),
  firm: text('firm'),
  location: text('location'),
  locationEntityId: integer('location_entity_id').references(() => entities.id, { onDelete: 'set null' }),
  person: text('person'),
  roles: jsonb('roles').$type<string[]>().notNull().default([]),
  sourceFirms: jsonb('source_firms').$type<string[]>().notNull().default([]),
  firms: jsonb('firms').$type<string[]>().notNull().default([]),
  agency: text('agency'),
  headcount: integer('headcount'),
  planned: boolean('planned').notNull().default(false),
  confidence: real('confidence').notNull().default(0),
  status: eventStatus('status').notNull().default('pending'),
  language: text('language'),
  evidenceArticleId: bigint('evidence_article_id', { mode: 'number' }).references(() => articles.id, { onDelete: 'set null' }),
  evidenceText: text('evidence_text').notNull(),
  evidenceStart: integer('evidence_start').notNull(),
  evidenceEnd: integer('evidence_end').notNull(),
  /** When the event happened as far as we know: the earliest dated supporting article's publication date; null when
   *  no supporting article has a date (undated; the fetch time is never used). */
  occurredAt: ts('occurred_at'),
  /** Where occurredAt came from: that article's page or its feed item, or "undated". */
  dateSource: dateSource('date_source').notNull().default('undated'),
  /** True once an analyst edited a slot: re-extraction must not overwrite the analyst's values. */
  edited: boolean('edited').notNull().default(false),
  reviewedAt: ts('reviewed_at'),
  reviewedBy: integer('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  index('events_status_type_idx').on(t.status, t.type),
  index('events_occurred_idx').on(t.occurredAt),
  index('events_firm_idx').on(t.firmEntityId),
  index('events_created_idx').on(t.createdAt),
  index('events_identity_idx').on(t.identityKey, t.occurredAt),
  index('events_status_occurred_idx').on(t.status, t.occurredAt),
  index('events_status_confidence_idx').on(t.status, t.confidence),
  index('events_location_idx').on(t.locationEntityId),
  index('events_evidence_article_idx').on(t.evidenceArticleId),
]);

/** Every article that supports an event, with its own evidence. */
export const eventArticles = pgTable('event_articles', {
  eventId: bigint('event_id', { mode: 'number' }).notNull().references(() => events.id, { onDelete: 'cascade' }),
  articleId: bigint('article_id', { mode: 'number' }).notNull().references(() => articles.id, { onDelete: 'cascade' }),
  evidenceText: text('evidence_text').notNull(),
  evidenceStart: integer('evidence_start').notNull(),
  evidenceEnd: integer('evidence_end').notNull(),
  confidence: real('confidence').notNull().default(0),
  /** This article's own reading of the event (slots as extracted), so the event can be recomputed from its reports. */
  extracted: jsonb('extracted').$type<Record<string, unknown>>(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.eventId, t.articleId] }), index('event_articles_article_idx').on(t.articleId)]);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  /** scrypt hash with its salt and parameters ("scrypt$N$r$p$salt$hash"). */
  passwordHash: text('password_hash').notNull(),
  role: userRole('role').notNull().default('analyst'),
  digestOptIn: boolean('digest_opt_in').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
});

export const sessions = pgTable('sessions', {
  /** sha256 of the session token; the token itself lives only in the user's cookie. */
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** Who changed what, when: every analyst action on events, entities, feeds and users. */
export const reviewActions = pgTable('review_actions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  eventId: bigint('event_id', { mode: 'number' }).references(() => events.id, { onDelete: 'cascade' }),
  entityId: integer('entity_id').references(() => entities.id, { onDelete: 'set null' }),
  action: text('action').notNull(),
  before: jsonb('before').$type<Record<string, unknown>>(),
  after: jsonb('after').$type<Record<string, unknown>>(),
  note: text('note'),
  createdAt: createdAt(),
}, (t) => [index('review_actions_event_idx').on(t.eventId), index('review_actions_entity_idx').on(t.entityId)]);

/** One row per (ISO week, recipient): the record that makes a digest go out at most once. */
export const digestSends = pgTable('digest_sends', {
  id: serial('id').primaryKey(),
  week: text('week').notNull(),
  recipient: text('recipient').notNull(),
  status: sendStatus('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  messageId: text('message_id'),
  error: text('error'),
  sentAt: ts('sent_at'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('digest_sends_week_recipient_uq').on(t.week, t.recipient)]);

/** One pipeline run (ingest cycle, reprocess, digest) with its counts and errors. */
export const runs = pgTable('runs', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  status: text('status').notNull().default('running'),
  startedAt: ts('started_at').notNull().defaultNow(),
  endedAt: ts('ended_at'),
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
  errors: jsonb('errors').$type<Array<{ at: string; message: string; url?: string }>>().notNull().default([]),
  /** The process that opened the run (host, pid, process start time), so a later run can tell a dead one from a live one. */
  owner: jsonb('owner').$type<RunOwner>(),
}, (t) => [index('runs_kind_started_idx').on(t.kind, t.startedAt)]);

/** Who runs a `runs` row: `startTicks` is the process start time from /proc (null where there is no /proc). */
export interface RunOwner {
  host: string;
  pid: number;
  startTicks: string | null;
}

export const feedsRelations = relations(feeds, ({ many }) => ({ articles: many(articles) }));
export const articlesRelations = relations(articles, ({ one, many }) => ({
  feed: one(feeds, { fields: [articles.feedId], references: [feeds.id] }),
  mentions: many(mentions),
  eventArticles: many(eventArticles),
}));
export const mentionsRelations = relations(mentions, ({ one }) => ({
  article: one(articles, { fields: [mentions.articleId], references: [articles.id] }),
  entity: one(entities, { fields: [mentions.entityId], references: [entities.id] }),
}));
export const eventsRelations = relations(events, ({ one, many }) => ({
  firmEntity: one(entities, { fields: [events.firmEntityId], references: [entities.id] }),
  evidenceArticle: one(articles, { fields: [events.evidenceArticleId], references: [articles.id] }),
  articles: many(eventArticles),
  actions: many(reviewActions),
}));
export const eventArticlesRelations = relations(eventArticles, ({ one }) => ({
  event: one(events, { fields: [eventArticles.eventId], references: [events.id] }),
  article: one(articles, { fields: [eventArticles.articleId], references: [articles.id] }),
}));
export const reviewActionsRelations = relations(reviewActions, ({ one }) => ({
  event: one(events, { fields: [reviewActions.eventId], references: [events.id] }),
  user: one(users, { fields: [reviewActions.userId], references: [users.id] }),
}));
export const sessionsRelations = relations(sessions, ({ one }) => ({ user: one(users, { fields: [sessions.userId], references: [users.id] }) }));

export type Feed = typeof feeds.$inferSelect;
export type NewFeed = typeof feeds.$inferInsert;
export type Article = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;
export type Entity = typeof entities.$inferSelect;
export type NewEntity = typeof entities.$inferInsert;
export type MentionRow = typeof mentions.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;
export type EventArticle = typeof eventArticles.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ReviewAction = typeof reviewActions.$inferSelect;
export type DigestSend = typeof digestSends.$inferSelect;
export type Run = typeof runs.$inferSelect;
export type PageFailure = typeof pageFailures.$inferSelect;

