CREATE TYPE "public"."event_certificate_kind" AS ENUM('participant', 'gratitude', 'diploma');--> statement-breakpoint
CREATE TYPE "public"."event_certificate_status" AS ENUM('valid', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."event_registration_role" AS ENUM('participant', 'presenter', 'organizer', 'moderator', 'jury');--> statement-breakpoint
CREATE TABLE "event_certificate_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "event_certificate_kind" NOT NULL,
	"role" "event_registration_role" NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"serial" text NOT NULL,
	"token" text NOT NULL,
	"content" jsonb NOT NULL,
	"status" "event_certificate_status" DEFAULT 'valid' NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "event_certificates_revoked" CHECK (("event_certificates"."status" = 'revoked') = ("event_certificates"."revoked_at" IS NOT NULL AND "event_certificates"."revoked_reason" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "role" "event_registration_role" DEFAULT 'participant' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "topic" text;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "materials_url" text;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "attended" boolean;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "attendance_marked_by" uuid;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "attendance_marked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "attendance_source" text;--> statement-breakpoint
ALTER TABLE "event_certificates" ADD CONSTRAINT "event_certificates_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_certificates" ADD CONSTRAINT "event_certificates_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_certificates" ADD CONSTRAINT "event_certificates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_certificates" ADD CONSTRAINT "event_certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_certificates" ADD CONSTRAINT "event_certificates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_certificates_serial_uq" ON "event_certificates" USING btree ("serial");--> statement-breakpoint
CREATE UNIQUE INDEX "event_certificates_year_seq_uq" ON "event_certificates" USING btree ("year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "event_certificates_valid_uq" ON "event_certificates" USING btree ("registration_id") WHERE "event_certificates"."status" = 'valid';--> statement-breakpoint
CREATE INDEX "event_certificates_person_idx" ON "event_certificates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "event_certificates_event_idx" ON "event_certificates" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_attendance_marked_by_users_id_fk" FOREIGN KEY ("attendance_marked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;