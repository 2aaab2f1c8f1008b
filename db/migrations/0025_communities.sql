CREATE TYPE "public"."community_kind" AS ENUM('gmo', 'rmo', 'shmo', 'regional_association', 'methodical_council', 'young_teachers_council', 'coordination_council', 'council', 'professional_community', 'mentors_club', 'young_teacher_school');--> statement-breakpoint
CREATE TYPE "public"."community_level" AS ENUM('institutional', 'municipal', 'regional');--> statement-breakpoint
CREATE TYPE "public"."community_meeting_status" AS ENUM('planned', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."membership_kind" AS ENUM('methodical_asset', 'expert_community', 'manager_reserve', 'regional_reserve_bank', 'tutor');--> statement-breakpoint
CREATE TYPE "public"."membership_status" AS ENUM('nominated', 'approved', 'active', 'ended', 'rejected');--> statement-breakpoint
CREATE TABLE "communities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "community_kind" NOT NULL,
	"level" "community_level" NOT NULL,
	"region_id" uuid NOT NULL,
	"municipality_id" uuid,
	"organization_id" uuid,
	"name" text NOT NULL,
	"subject" text,
	"direction" text,
	"description" text,
	"leader_person_id" uuid,
	"rule" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communities_level_territory" CHECK (("communities"."level" = 'institutional') = ("communities"."organization_id" IS NOT NULL)
        AND ("communities"."level" = 'regional') = ("communities"."municipality_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "community_attendance" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "community_attendance_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "community_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"responsible_person_id" uuid,
	"due_on" date,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "community_deputies" (
	"community_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "community_deputies_community_id_person_id_pk" PRIMARY KEY("community_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "community_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"agenda" text,
	"status" "community_meeting_status" DEFAULT 'planned' NOT NULL,
	"minutes" text,
	"plan_item_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"left_reason" text,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_members_period" CHECK ("community_members"."left_on" IS NULL OR "community_members"."left_on" >= "community_members"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "community_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"title" text NOT NULL,
	"responsible_person_id" uuid,
	"event_id" uuid,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_plan_items_dates" CHECK ("community_plan_items"."ends_on" IS NULL OR "community_plan_items"."ends_on" >= "community_plan_items"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "membership_training_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"membership_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"membership_id" uuid NOT NULL,
	"from_status" "membership_status",
	"to_status" "membership_status" NOT NULL,
	"by_user" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "membership_kind" NOT NULL,
	"person_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_id" uuid,
	"status" "membership_status" DEFAULT 'nominated' NOT NULL,
	"direction" text,
	"note" text,
	"from_on" date,
	"to_on" date,
	"reason" text,
	"nominated_by" uuid,
	"nominated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_period" CHECK ("memberships"."to_on" IS NULL OR "memberships"."from_on" IS NULL OR "memberships"."to_on" >= "memberships"."from_on")
);
--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_leader_person_id_people_id_fk" FOREIGN KEY ("leader_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_attendance" ADD CONSTRAINT "community_attendance_meeting_id_community_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."community_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_attendance" ADD CONSTRAINT "community_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_decisions" ADD CONSTRAINT "community_decisions_meeting_id_community_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."community_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_decisions" ADD CONSTRAINT "community_decisions_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_deputies" ADD CONSTRAINT "community_deputies_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_deputies" ADD CONSTRAINT "community_deputies_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_meetings" ADD CONSTRAINT "community_meetings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_meetings" ADD CONSTRAINT "community_meetings_plan_item_id_community_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."community_plan_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_plan_items" ADD CONSTRAINT "community_plan_items_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_plan_items" ADD CONSTRAINT "community_plan_items_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_plan_items" ADD CONSTRAINT "community_plan_items_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_training_items" ADD CONSTRAINT "membership_training_items_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_transitions" ADD CONSTRAINT "membership_transitions_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_transitions" ADD CONSTRAINT "membership_transitions_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communities_municipality_idx" ON "communities" USING btree ("municipality_id","kind");--> statement-breakpoint
CREATE INDEX "communities_organization_idx" ON "communities" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "communities_region_idx" ON "communities" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "community_attendance_person_idx" ON "community_attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "community_decisions_meeting_idx" ON "community_decisions" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "community_meetings_idx" ON "community_meetings" USING btree ("community_id","school_year","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "community_members_open_uq" ON "community_members" USING btree ("community_id","person_id") WHERE "community_members"."left_on" IS NULL;--> statement-breakpoint
CREATE INDEX "community_members_person_idx" ON "community_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "community_plan_items_idx" ON "community_plan_items" USING btree ("community_id","school_year","starts_on");--> statement-breakpoint
CREATE INDEX "membership_training_items_idx" ON "membership_training_items" USING btree ("membership_id");--> statement-breakpoint
CREATE INDEX "membership_transitions_idx" ON "membership_transitions" USING btree ("membership_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_open_uq" ON "memberships" USING btree ("kind","person_id") WHERE "memberships"."status" IN ('nominated', 'approved', 'active');--> statement-breakpoint
CREATE INDEX "memberships_municipality_idx" ON "memberships" USING btree ("municipality_id","kind","status");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id");