ALTER TABLE "programs" ADD COLUMN "municipality_id" uuid;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programs_municipality_idx" ON "programs" USING btree ("municipality_id");--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_municipality_in_region" CHECK ("programs"."municipality_id" IS NULL OR "programs"."region_id" IS NOT NULL);