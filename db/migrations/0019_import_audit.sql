ALTER TABLE "audit_log" ADD COLUMN "person_ids" uuid[];--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "changes" json;--> statement-breakpoint
CREATE INDEX "audit_log_person_ids_idx" ON "audit_log" USING gin ("person_ids") WHERE "audit_log"."person_ids" IS NOT NULL;