ALTER TABLE "events" ADD COLUMN "start_time" time;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "end_time" time;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_end_time" CHECK ("events"."end_time" IS NULL OR "events"."start_time" IS NOT NULL);