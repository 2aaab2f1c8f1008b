ALTER TABLE "monitoring_values" ADD COLUMN "target" numeric(14, 4);--> statement-breakpoint
ALTER TABLE "monitoring_values" ADD COLUMN "direction" text;