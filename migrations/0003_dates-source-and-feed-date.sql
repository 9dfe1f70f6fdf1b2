CREATE TYPE "public"."date_source" AS ENUM('page', 'feed', 'undated');--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "date_source" date_source DEFAULT 'undated' NOT NULL;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "feed_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "date_source" date_source DEFAULT 'undated' NOT NULL;--> statement-breakpoint
-- Existing data: every stored publication date came from the page (feed dates were never used before this migration).
UPDATE "articles" SET "date_source" = 'page' WHERE "published_at" IS NOT NULL;--> statement-breakpoint
-- Events took the fetch time of undated articles: re-date each event from its dated reports only, undated when none.
UPDATE "events" e SET "occurred_at" = s."first", "date_source" = CASE WHEN s."first" IS NULL THEN 'undated'::date_source ELSE 'page'::date_source END
FROM (SELECT ea."event_id", min(a."published_at") AS "first" FROM "event_articles" ea JOIN "articles" a ON a."id" = ea."article_id" GROUP BY ea."event_id") s
WHERE s."event_id" = e."id";--> statement-breakpoint
-- Events with no stored report keep their date; one that has a date is taken to be a page date.
UPDATE "events" SET "date_source" = 'page' WHERE "occurred_at" IS NOT NULL AND "date_source" = 'undated' AND NOT EXISTS (SELECT 1 FROM "event_articles" ea WHERE ea."event_id" = "events"."id");
