CREATE TYPE "public"."support_item_kind" AS ENUM('psychologist', 'group', 'load_recommendation', 'other');--> statement-breakpoint
CREATE TYPE "public"."support_plan_outcome" AS ENUM('improved', 'other');--> statement-breakpoint
CREATE TYPE "public"."support_plan_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."support_risk_level" AS ENUM('high', 'moderate', 'low');--> statement-breakpoint
CREATE TABLE "support_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" "support_item_kind" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"due_on" date,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"source_attempt_id" uuid,
	"risk_level" "support_risk_level" NOT NULL,
	"status" "support_plan_status" DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"follow_up_due" date NOT NULL,
	"follow_up_notified_on" date,
	"follow_up_attempt_id" uuid,
	"follow_up_risk" "support_risk_level",
	"follow_up_on" date,
	"outcome" "support_plan_outcome",
	"outcome_note" text,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_plans_closed" CHECK (("support_plans"."status" = 'open') = ("support_plans"."closed_on" IS NULL) AND ("support_plans"."status" = 'open' OR "support_plans"."outcome" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "support_plan_items" ADD CONSTRAINT "support_plan_items_plan_id_support_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."support_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_source_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("source_attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_follow_up_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("follow_up_attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_plan_items_plan_idx" ON "support_plan_items" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "support_plans_org_idx" ON "support_plans" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_plans_one_open_uq" ON "support_plans" USING btree ("person_id") WHERE "support_plans"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "support_plans_source_uq" ON "support_plans" USING btree ("source_attempt_id");