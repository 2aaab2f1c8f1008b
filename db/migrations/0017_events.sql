CREATE TYPE "public"."event_kind" AS ENUM('seminar', 'webinar', 'conference', 'master_class', 'internship', 'contest', 'association_meeting', 'young_teacher_school', 'methodical_week', 'readings', 'august_conference', 'consultation', 'other');--> statement-breakpoint
CREATE TYPE "public"."event_level" AS ENUM('institutional', 'municipal', 'regional', 'federal');--> statement-breakpoint
CREATE TYPE "public"."event_plan_level" AS ENUM('municipal', 'institutional');--> statement-breakpoint
CREATE TYPE "public"."event_plan_status" AS ENUM('draft', 'approved');--> statement-breakpoint
CREATE TYPE "public"."event_registration_source" AS ENUM('self', 'nominated');--> statement-breakpoint
CREATE TYPE "public"."event_registration_status" AS ENUM('pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected');--> statement-breakpoint
CREATE TABLE "event_competencies" (
	"event_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	CONSTRAINT "event_competencies_event_id_competency_id_pk" PRIMARY KEY("event_id","competency_id")
);
--> statement-breakpoint
CREATE TABLE "event_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"level" "event_plan_level" NOT NULL,
	"region_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_id" uuid,
	"school_year" integer NOT NULL,
	"title" text NOT NULL,
	"status" "event_plan_status" DEFAULT 'draft' NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_plans_level_org" CHECK (("event_plans"."level" = 'municipal') = ("event_plans"."organization_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "event_registration_status" NOT NULL,
	"source" "event_registration_source" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"waitlisted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" text,
	"title" text NOT NULL,
	"description" text,
	"kind" "event_kind" NOT NULL,
	"level" "event_level" NOT NULL,
	"organizer_organization_id" uuid,
	"responsible_person_id" uuid,
	"responsible_text" text,
	"period_text" text,
	"starts_on" date,
	"ends_on" date,
	"place" text,
	"online_url" text,
	"target" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"capacity" integer,
	"registration_opens_on" date,
	"registration_closes_on" date,
	"waitlist_cutoff_on" date,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"planned_result" jsonb,
	"planned_result_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_dates" CHECK ("events"."ends_on" IS NULL OR "events"."starts_on" IS NULL OR "events"."ends_on" >= "events"."starts_on"),
	CONSTRAINT "events_capacity" CHECK ("events"."capacity" IS NULL OR "events"."capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "event_competencies" ADD CONSTRAINT "event_competencies_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_competencies" ADD CONSTRAINT "event_competencies_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_plans" ADD CONSTRAINT "event_plans_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_plans" ADD CONSTRAINT "event_plans_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_plans" ADD CONSTRAINT "event_plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_plans" ADD CONSTRAINT "event_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_plan_id_event_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."event_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organizer_organization_id_organizations_id_fk" FOREIGN KEY ("organizer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_competencies_comp_idx" ON "event_competencies" USING btree ("competency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_plans_municipal_uq" ON "event_plans" USING btree ("municipality_id","school_year") WHERE "event_plans"."organization_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "event_plans_institutional_uq" ON "event_plans" USING btree ("organization_id","school_year") WHERE "event_plans"."organization_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_live_uq" ON "event_registrations" USING btree ("event_id","person_id") WHERE "event_registrations"."status" IN ('pending', 'confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX "event_registrations_event_idx" ON "event_registrations" USING btree ("event_id","status","created_at");--> statement-breakpoint
CREATE INDEX "event_registrations_person_idx" ON "event_registrations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "events_plan_idx" ON "events" USING btree ("plan_id","starts_on");--> statement-breakpoint
CREATE INDEX "events_starts_idx" ON "events" USING btree ("starts_on");