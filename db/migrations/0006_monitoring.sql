CREATE TYPE "public"."indicator_direction" AS ENUM('up', 'down', 'none');--> statement-breakpoint
CREATE TYPE "public"."monitoring_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('pending', 'draft', 'submitted', 'accepted', 'returned');--> statement-breakpoint
CREATE TABLE "collection_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_level" "owner_level" NOT NULL,
	"region_id" uuid,
	"municipality_id" uuid,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"fields" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" "submission_status" DEFAULT 'pending' NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"reminded_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source_document" text,
	"preset_code" text,
	"owner_level" "owner_level" NOT NULL,
	"region_id" uuid,
	"municipality_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"indicator_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"value" numeric(14, 4) NOT NULL,
	CONSTRAINT "indicator_targets_indicator_id_year_pk" PRIMARY KEY("indicator_id","year")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"track" text DEFAULT '' NOT NULL,
	"criterion" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"formula" jsonb NOT NULL,
	"population" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unit" text DEFAULT '%' NOT NULL,
	"direction" "indicator_direction" DEFAULT 'up' NOT NULL,
	"data_source" text DEFAULT '' NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"representativeness" text DEFAULT '' NOT NULL,
	"periodicity" text DEFAULT '' NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"baseline_value" numeric(14, 4),
	"baseline_year" integer,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manual_measure_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_code" text NOT NULL,
	"region_id" uuid,
	"municipality_id" uuid,
	"organization_id" uuid,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"value" numeric(14, 4) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_members" (
	"monitoring_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"part" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"member_kind" text NOT NULL,
	"member_ids" uuid[] NOT NULL,
	CONSTRAINT "monitoring_members_monitoring_id_indicator_id_part_organization_id_pk" PRIMARY KEY("monitoring_id","indicator_id","part","organization_id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_schedule_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"track" text DEFAULT '' NOT NULL,
	"what" text NOT NULL,
	"timing" text NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"use_of_results" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_values" (
	"monitoring_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"slice_kind" text NOT NULL,
	"slice_key" text NOT NULL,
	"slice_label" text DEFAULT '' NOT NULL,
	"value" numeric(14, 4),
	"numerator" numeric(14, 4),
	"denominator" numeric(14, 4),
	"status" text DEFAULT 'ok' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	CONSTRAINT "monitoring_values_monitoring_id_indicator_id_slice_kind_slice_key_pk" PRIMARY KEY("monitoring_id","indicator_id","slice_kind","slice_key")
);
--> statement-breakpoint
CREATE TABLE "monitorings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"name" text NOT NULL,
	"owner_level" "owner_level" NOT NULL,
	"region_id" uuid,
	"municipality_id" uuid,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"as_of" date NOT NULL,
	"target_year" integer NOT NULL,
	"schedule" text DEFAULT '' NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"status" "monitoring_status" DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "collection_forms" ADD CONSTRAINT "collection_forms_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_forms" ADD CONSTRAINT "collection_forms_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_forms" ADD CONSTRAINT "collection_forms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_assignments" ADD CONSTRAINT "form_assignments_form_id_collection_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."collection_forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_assignments" ADD CONSTRAINT "form_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_assignment_id_form_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."form_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_sets" ADD CONSTRAINT "indicator_sets_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_sets" ADD CONSTRAINT "indicator_sets_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_sets" ADD CONSTRAINT "indicator_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_set_id_indicator_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."indicator_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_measure_values" ADD CONSTRAINT "manual_measure_values_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_measure_values" ADD CONSTRAINT "manual_measure_values_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_measure_values" ADD CONSTRAINT "manual_measure_values_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_measure_values" ADD CONSTRAINT "manual_measure_values_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_members" ADD CONSTRAINT "monitoring_members_monitoring_id_monitorings_id_fk" FOREIGN KEY ("monitoring_id") REFERENCES "public"."monitorings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_members" ADD CONSTRAINT "monitoring_members_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_schedule_items" ADD CONSTRAINT "monitoring_schedule_items_set_id_indicator_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."indicator_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_values" ADD CONSTRAINT "monitoring_values_monitoring_id_monitorings_id_fk" FOREIGN KEY ("monitoring_id") REFERENCES "public"."monitorings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_values" ADD CONSTRAINT "monitoring_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitorings" ADD CONSTRAINT "monitorings_set_id_indicator_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."indicator_sets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitorings" ADD CONSTRAINT "monitorings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitorings" ADD CONSTRAINT "monitorings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitorings" ADD CONSTRAINT "monitorings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitorings" ADD CONSTRAINT "monitorings_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_assignments_form_idx" ON "form_assignments" USING btree ("form_id");--> statement-breakpoint
CREATE UNIQUE INDEX "form_submissions_assignment_org_uq" ON "form_submissions" USING btree ("assignment_id","organization_id");--> statement-breakpoint
CREATE INDEX "form_submissions_org_idx" ON "form_submissions" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_sets_owner_code_uq" ON "indicator_sets" USING btree ("code",coalesce("region_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("municipality_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_set_code_uq" ON "indicators" USING btree ("set_id","code");--> statement-breakpoint
CREATE INDEX "manual_measure_values_code_idx" ON "manual_measure_values" USING btree ("measure_code","period_start");--> statement-breakpoint
CREATE INDEX "monitoring_schedule_set_idx" ON "monitoring_schedule_items" USING btree ("set_id","position");--> statement-breakpoint
CREATE INDEX "monitorings_set_idx" ON "monitorings" USING btree ("set_id","as_of");