ALTER TABLE "articles" ADD COLUMN "extraction_hash" text;--> statement-breakpoint
ALTER TABLE "event_articles" ADD COLUMN "extracted" jsonb;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "identity_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "events_identity_idx" ON "events" USING btree ("identity_key","occurred_at");--> statement-breakpoint
CREATE INDEX "events_status_occurred_idx" ON "events" USING btree ("status","occurred_at");--> statement-breakpoint
CREATE INDEX "events_status_confidence_idx" ON "events" USING btree ("status","confidence");--> statement-breakpoint
CREATE INDEX "events_location_idx" ON "events" USING btree ("location_entity_id");--> statement-breakpoint
CREATE INDEX "events_evidence_article_idx" ON "events" USING btree ("evidence_article_id");