ALTER TABLE "learning_route_items" ADD COLUMN "mentor_person_id" uuid;--> statement-breakpoint
ALTER TABLE "learning_route_items" ADD COLUMN "mentorship_id" uuid;--> statement-breakpoint
ALTER TABLE "learning_route_items" ADD CONSTRAINT "learning_route_items_mentor_person_id_people_id_fk" FOREIGN KEY ("mentor_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_route_items" ADD CONSTRAINT "learning_route_items_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_route_items_mentorship_idx" ON "learning_route_items" USING btree ("mentorship_id");