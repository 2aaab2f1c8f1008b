CREATE TYPE "public"."contest_outcome" AS ENUM('participant', 'laureate', 'prize_winner', 'winner');--> statement-breakpoint
CREATE TABLE "event_check_in_tokens" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contest_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"title" text NOT NULL,
	"max_score" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "contest_criteria_max" CHECK ("contest_criteria"."max_score" BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE "contest_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"title" text NOT NULL,
	"materials_url" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" "contest_outcome",
	"outcome_set_by" uuid,
	"outcome_set_at" timestamp with time zone,
	"diploma_certificate_id" uuid
);
--> statement-breakpoint
CREATE TABLE "contest_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contest_scores" (
	"entry_id" uuid NOT NULL,
	"juror_registration_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contest_scores_entry_id_juror_registration_id_criterion_id_pk" PRIMARY KEY("entry_id","juror_registration_id","criterion_id"),
	CONSTRAINT "contest_scores_nonneg" CHECK ("contest_scores"."score" >= 0)
);
--> statement-breakpoint
CREATE TABLE "contests" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid
);
--> statement-breakpoint
DROP INDEX "event_certificates_valid_uq";--> statement-breakpoint
ALTER TABLE "event_check_in_tokens" ADD CONSTRAINT "event_check_in_tokens_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_criteria" ADD CONSTRAINT "contest_criteria_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_nomination_id_contest_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."contest_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_outcome_set_by_users_id_fk" FOREIGN KEY ("outcome_set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_diploma_certificate_id_event_certificates_id_fk" FOREIGN KEY ("diploma_certificate_id") REFERENCES "public"."event_certificates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_nominations" ADD CONSTRAINT "contest_nominations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_scores" ADD CONSTRAINT "contest_scores_entry_id_contest_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."contest_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_scores" ADD CONSTRAINT "contest_scores_juror_registration_id_event_registrations_id_fk" FOREIGN KEY ("juror_registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_scores" ADD CONSTRAINT "contest_scores_criterion_id_contest_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."contest_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contests" ADD CONSTRAINT "contests_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contests" ADD CONSTRAINT "contests_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_check_in_tokens_token_uq" ON "event_check_in_tokens" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "contest_criteria_title_uq" ON "contest_criteria" USING btree ("event_id","title");--> statement-breakpoint
CREATE UNIQUE INDEX "contest_entries_reg_nom_uq" ON "contest_entries" USING btree ("registration_id","nomination_id");--> statement-breakpoint
CREATE INDEX "contest_entries_event_idx" ON "contest_entries" USING btree ("event_id","nomination_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contest_nominations_title_uq" ON "contest_nominations" USING btree ("event_id","title");--> statement-breakpoint
CREATE INDEX "contest_scores_juror_idx" ON "contest_scores" USING btree ("juror_registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_certificates_valid_uq" ON "event_certificates" USING btree ("registration_id") WHERE "event_certificates"."status" = 'valid' AND "event_certificates"."kind" <> 'diploma';