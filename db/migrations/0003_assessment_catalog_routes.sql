CREATE TYPE "public"."attempt_status" AS ENUM('started', 'submitted');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."instrument_kind" AS ENUM('test', 'self_assessment', 'burnout');--> statement-breakpoint
CREATE TYPE "public"."owner_level" AS ENUM('system', 'region', 'municipality', 'organization');--> statement-breakpoint
CREATE TYPE "public"."result_source" AS ENUM('platform', 'import');--> statement-breakpoint
CREATE TYPE "public"."program_format" AS ENUM('in_person', 'distance', 'blended');--> statement-breakpoint
CREATE TYPE "public"."program_kind" AS ENUM('upgrade', 'retraining');--> statement-breakpoint
CREATE TYPE "public"."training_document" AS ENUM('certificate', 'diploma');--> statement-breakpoint
CREATE TYPE "public"."activity_kind" AS ENUM('program', 'event', 'mentoring', 'self_education', 'internship');--> statement-breakpoint
CREATE TYPE "public"."learning_form" AS ENUM('formal', 'informal', 'self_education');--> statement-breakpoint
CREATE TYPE "public"."route_item_status" AS ENUM('planned', 'in_progress', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."route_status" AS ENUM('draft', 'agreed', 'in_progress', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "assessment_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"instrument_id" uuid NOT NULL,
	"instrument_version" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "attempt_status" DEFAULT 'started' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"scales" jsonb
);
--> statement-breakpoint
CREATE TABLE "assessment_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"owner_level" "owner_level" NOT NULL,
	"region_id" uuid,
	"municipality_id" uuid,
	"organization_id" uuid,
	"framework_id" uuid,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"target" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "campaign_instruments" (
	"campaign_id" uuid NOT NULL,
	"instrument_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_instruments_campaign_id_instrument_id_pk" PRIMARY KEY("campaign_id","instrument_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_participants" (
	"campaign_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_participants_campaign_id_person_id_pk" PRIMARY KEY("campaign_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "competencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competency_frameworks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT 'teacher' NOT NULL,
	"owner_level" "owner_level" DEFAULT 'system' NOT NULL,
	"region_id" uuid,
	"municipality_id" uuid,
	"deficit_below" numeric(5, 2) DEFAULT '50' NOT NULL,
	"partial_below" numeric(5, 2) DEFAULT '75' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competency_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competency_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"campaign_id" uuid,
	"attempt_id" uuid,
	"source" "result_source" NOT NULL,
	"procedure" text,
	"organization_id" uuid,
	"assessed_on" date NOT NULL,
	"percent" numeric(5, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "competency_results_percent_range" CHECK ("competency_results"."percent" >= 0 AND "competency_results"."percent" <= 100)
);
--> statement-breakpoint
CREATE TABLE "instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "instrument_kind" NOT NULL,
	"framework_id" uuid,
	"owner_level" "owner_level" DEFAULT 'system' NOT NULL,
	"region_id" uuid,
	"municipality_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"seats" integer
);
--> statement-breakpoint
CREATE TABLE "program_competencies" (
	"program_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	CONSTRAINT "program_competencies_program_id_competency_id_pk" PRIMARY KEY("program_id","competency_id")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "program_kind" NOT NULL,
	"hours" integer NOT NULL,
	"provider" text NOT NULL,
	"format" "program_format" NOT NULL,
	"federal_registry" boolean DEFAULT false NOT NULL,
	"federal_registry_number" text,
	"priority_directions" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"program_id" uuid,
	"program_name" text NOT NULL,
	"provider" text,
	"document" "training_document" NOT NULL,
	"document_number" text NOT NULL,
	"issued_on" date NOT NULL,
	"hours" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_route_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"route_id" uuid NOT NULL,
	"item_id" uuid,
	"author_user_id" uuid,
	"kind" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_route_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"route_id" uuid NOT NULL,
	"competency_id" uuid,
	"activity_kind" "activity_kind" NOT NULL,
	"activity_id" uuid,
	"title" text NOT NULL,
	"form" "learning_form" NOT NULL,
	"planned_start" date,
	"planned_end" date,
	"hours" integer DEFAULT 0 NOT NULL,
	"expected_result" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"status" "route_item_status" DEFAULT 'planned' NOT NULL,
	"evidence" jsonb,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"dropped_reason" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"campaign_id" uuid,
	"curator_user_id" uuid,
	"status" "route_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"agreed_by_teacher_at" timestamp with time zone,
	"agreed_by_curator_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_campaign_id_assessment_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."assessment_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_campaigns" ADD CONSTRAINT "assessment_campaigns_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_campaigns" ADD CONSTRAINT "assessment_campaigns_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_campaigns" ADD CONSTRAINT "assessment_campaigns_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_campaigns" ADD CONSTRAINT "assessment_campaigns_framework_id_competency_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."competency_frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_campaigns" ADD CONSTRAINT "assessment_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_instruments" ADD CONSTRAINT "campaign_instruments_campaign_id_assessment_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."assessment_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_instruments" ADD CONSTRAINT "campaign_instruments_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_campaign_id_assessment_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."assessment_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competencies" ADD CONSTRAINT "competencies_framework_id_competency_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."competency_frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competencies" ADD CONSTRAINT "competencies_group_id_competency_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."competency_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_frameworks" ADD CONSTRAINT "competency_frameworks_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_frameworks" ADD CONSTRAINT "competency_frameworks_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_groups" ADD CONSTRAINT "competency_groups_framework_id_competency_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."competency_frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_results" ADD CONSTRAINT "competency_results_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_results" ADD CONSTRAINT "competency_results_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_results" ADD CONSTRAINT "competency_results_campaign_id_assessment_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."assessment_campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_results" ADD CONSTRAINT "competency_results_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_results" ADD CONSTRAINT "competency_results_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_framework_id_competency_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."competency_frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_cohorts" ADD CONSTRAINT "program_cohorts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_competencies" ADD CONSTRAINT "program_competencies_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_competencies" ADD CONSTRAINT "program_competencies_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_route_events" ADD CONSTRAINT "learning_route_events_route_id_learning_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."learning_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_route_events" ADD CONSTRAINT "learning_route_events_item_id_learning_route_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."learning_route_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_route_events" ADD CONSTRAINT "learning_route_events_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_route_items" ADD CONSTRAINT "learning_route_items_route_id_learning_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."learning_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_route_items" ADD CONSTRAINT "learning_route_items_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_route_items" ADD CONSTRAINT "learning_route_items_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_routes" ADD CONSTRAINT "learning_routes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_routes" ADD CONSTRAINT "learning_routes_campaign_id_assessment_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."assessment_campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_routes" ADD CONSTRAINT "learning_routes_curator_user_id_users_id_fk" FOREIGN KEY ("curator_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_attempts_uq" ON "assessment_attempts" USING btree ("campaign_id","instrument_id","person_id");--> statement-breakpoint
CREATE INDEX "campaign_participants_person_idx" ON "campaign_participants" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "competencies_framework_code_uq" ON "competencies" USING btree ("framework_id","code");--> statement-breakpoint
CREATE INDEX "competency_results_person_idx" ON "competency_results" USING btree ("person_id","competency_id","assessed_on");--> statement-breakpoint
CREATE INDEX "competency_results_campaign_idx" ON "competency_results" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "program_cohorts_program_idx" ON "program_cohorts" USING btree ("program_id","starts_on");--> statement-breakpoint
CREATE INDEX "program_competencies_comp_idx" ON "program_competencies" USING btree ("competency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programs_code_uq" ON "programs" USING btree ("code");--> statement-breakpoint
CREATE INDEX "trainings_person_idx" ON "trainings" USING btree ("person_id","issued_on");--> statement-breakpoint
CREATE UNIQUE INDEX "trainings_document_uq" ON "trainings" USING btree ("person_id","document_number");--> statement-breakpoint
CREATE INDEX "learning_route_events_route_idx" ON "learning_route_events" USING btree ("route_id","at");--> statement-breakpoint
CREATE INDEX "learning_route_items_route_idx" ON "learning_route_items" USING btree ("route_id");--> statement-breakpoint
CREATE INDEX "learning_routes_person_idx" ON "learning_routes" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "learning_routes_curator_idx" ON "learning_routes" USING btree ("curator_user_id");