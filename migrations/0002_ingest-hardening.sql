CREATE TABLE "page_failures" (
	"url" text PRIMARY KEY NOT NULL,
	"feed_id" integer,
	"error_count" integer DEFAULT 0 NOT NULL,
	"last_error" text NOT NULL,
	"last_status" integer,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"failed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "last_warning" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "removed_from_config_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "owner" jsonb;--> statement-breakpoint
ALTER TABLE "page_failures" ADD CONSTRAINT "page_failures_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "page_failures_feed_idx" ON "page_failures" USING btree ("feed_id");--> statement-breakpoint
CREATE INDEX "articles_guid_idx" ON "articles" USING btree ("guid");--> statement-breakpoint
-- Feeds paused for leaving config/feeds.yaml used to carry that note as their last error: move it to its own column.
UPDATE "feeds" SET "removed_from_config_at" = "updated_at", "last_error" = NULL WHERE "last_error" = 'removed from config/feeds.yaml';
