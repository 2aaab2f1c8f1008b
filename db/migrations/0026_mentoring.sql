CREATE TYPE "public"."mentoring_form" AS ENUM('teacher_teacher', 'head_teacher', 'experienced_young', 'group');--> statement-breakpoint
CREATE TYPE "public"."mentorship_finish_reason" AS ENUM('completed', 'transfer', 'other');--> statement-breakpoint
CREATE TYPE "public"."mentorship_goal_outcome" AS ENUM('reached', 'partly', 'not_reached');--> statement-breakpoint
CREATE TYPE "public"."mentorship_plan_kind" AS ENUM('meeting', 'task');--> statement-breakpoint
CREATE TYPE "public"."mentorship_report_side" AS ENUM('mentor', 'mentee');--> statement-breakpoint
CREATE TABLE "mentoring_mentors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentoring_mentors_capacity" CHECK ("mentoring_mentors"."capacity" BETWEEN 1 AND 50)
);
--> statement-breakpoint
CREATE TABLE "mentoring_programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"forms" "mentoring_form"[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"order_number" text,
	"order_date" date,
	"order_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentoring_programs_period" CHECK ("mentoring_programs"."ends_on" IS NULL OR "mentoring_programs"."ends_on" >= "mentoring_programs"."starts_on"),
	CONSTRAINT "mentoring_programs_forms" CHECK (cardinality("mentoring_programs"."forms") > 0)
);
--> statement-breakpoint
CREATE TABLE "mentorship_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentorship_id" uuid NOT NULL,
	"mentee_person_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"title" text,
	"baseline_percent" numeric(5, 2) NOT NULL,
	"baseline_on" date NOT NULL,
	"outcome" "mentorship_goal_outcome",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentorship_mentees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentorship_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"finished_on" date
);
--> statement-breakpoint
CREATE TABLE "mentorship_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentorship_id" uuid NOT NULL,
	"kind" "mentorship_plan_kind" NOT NULL,
	"planned_on" date NOT NULL,
	"topic" text NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentorship_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentorship_id" uuid NOT NULL,
	"side" "mentorship_report_side" NOT NULL,
	"author_person_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentorships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"form" "mentoring_form" NOT NULL,
	"started_on" date NOT NULL,
	"finished_on" date,
	"finish_reason" "mentorship_finish_reason",
	"finish_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentorships_period" CHECK ("mentorships"."finished_on" IS NULL OR "mentorships"."finished_on" >= "mentorships"."started_on"),
	CONSTRAINT "mentorships_finish" CHECK (("mentorships"."finished_on" IS NULL) = ("mentorships"."finish_reason" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "mentoring_mentors" ADD CONSTRAINT "mentoring_mentors_program_id_mentoring_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."mentoring_programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_mentors" ADD CONSTRAINT "mentoring_mentors_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_programs" ADD CONSTRAINT "mentoring_programs_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_programs" ADD CONSTRAINT "mentoring_programs_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_programs" ADD CONSTRAINT "mentoring_programs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_goals" ADD CONSTRAINT "mentorship_goals_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_goals" ADD CONSTRAINT "mentorship_goals_mentee_person_id_people_id_fk" FOREIGN KEY ("mentee_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_goals" ADD CONSTRAINT "mentorship_goals_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_mentees" ADD CONSTRAINT "mentorship_mentees_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_mentees" ADD CONSTRAINT "mentorship_mentees_program_id_mentoring_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."mentoring_programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_mentees" ADD CONSTRAINT "mentorship_mentees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_plan_items" ADD CONSTRAINT "mentorship_plan_items_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_reports" ADD CONSTRAINT "mentorship_reports_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_reports" ADD CONSTRAINT "mentorship_reports_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_reports" ADD CONSTRAINT "mentorship_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_program_id_mentoring_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."mentoring_programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentor_id_mentoring_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentoring_mentors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mentoring_mentors_program_person_uq" ON "mentoring_mentors" USING btree ("program_id","person_id");--> statement-breakpoint
CREATE INDEX "mentoring_mentors_person_idx" ON "mentoring_mentors" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "mentoring_programs_org_idx" ON "mentoring_programs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "mentoring_programs_municipality_idx" ON "mentoring_programs" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentorship_goals_uq" ON "mentorship_goals" USING btree ("mentorship_id","mentee_person_id","competency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentorship_mentees_one_open_uq" ON "mentorship_mentees" USING btree ("program_id","person_id") WHERE "mentorship_mentees"."finished_on" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "mentorship_mentees_pair_person_uq" ON "mentorship_mentees" USING btree ("mentorship_id","person_id");--> statement-breakpoint
CREATE INDEX "mentorship_mentees_person_idx" ON "mentorship_mentees" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "mentorship_plan_items_mentorship_idx" ON "mentorship_plan_items" USING btree ("mentorship_id","planned_on");--> statement-breakpoint
CREATE INDEX "mentorship_reports_mentorship_idx" ON "mentorship_reports" USING btree ("mentorship_id","reported_on");--> statement-breakpoint
CREATE INDEX "mentorships_program_idx" ON "mentorships" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "mentorships_mentor_idx" ON "mentorships" USING btree ("mentor_id");