CREATE TYPE "public"."approbation_level" AS ENUM('school', 'municipal', 'regional', 'federal');--> statement-breakpoint
CREATE TYPE "public"."practice_kind" AS ENUM('material', 'practice');--> statement-breakpoint
CREATE TYPE "public"."practice_status" AS ENUM('draft', 'on_moderation', 'published', 'returned');--> statement-breakpoint
CREATE TYPE "public"."practice_use_kind" AS ENUM('view', 'download', 'link');--> statement-breakpoint
CREATE TABLE "practice_material_authors" (
	"material_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "practice_material_authors_material_id_person_id_pk" PRIMARY KEY("material_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "practice_material_competencies" (
	"material_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	CONSTRAINT "practice_material_competencies_material_id_competency_id_pk" PRIMARY KEY("material_id","competency_id")
);
--> statement-breakpoint
CREATE TABLE "practice_material_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"material_id" uuid NOT NULL,
	"registration_id" uuid,
	"community_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_material_links_one_target" CHECK (num_nonnulls("practice_material_links"."registration_id", "practice_material_links"."community_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "practice_material_uses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"material_id" uuid NOT NULL,
	"kind" "practice_use_kind" NOT NULL,
	"user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "practice_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"file_id" uuid,
	"url" text,
	"approbation_level" "approbation_level" DEFAULT 'school' NOT NULL,
	"region_id" uuid NOT NULL,
	"municipality_id" uuid,
	"organization_id" uuid,
	"status" "practice_status" DEFAULT 'draft' NOT NULL,
	"return_reason" text,
	"submitted_at" timestamp with time zone,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_materials_published" CHECK (("practice_materials"."status" = 'published') = ("practice_materials"."published_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "practice_material_authors" ADD CONSTRAINT "practice_material_authors_material_id_practice_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."practice_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_material_authors" ADD CONSTRAINT "practice_material_authors_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_material_competencies" ADD CONSTRAINT "practice_material_competencies_material_id_practice_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."practice_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_material_competencies" ADD CONSTRAINT "practice_material_competencies_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_material_links" ADD CONSTRAINT "practice_material_links_material_id_practice_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."practice_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_material_links" ADD CONSTRAINT "practice_material_links_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_material_links" ADD CONSTRAINT "practice_material_links_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_material_links" ADD CONSTRAINT "practice_material_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_material_uses" ADD CONSTRAINT "practice_material_uses_material_id_practice_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."practice_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_material_uses" ADD CONSTRAINT "practice_material_uses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_materials" ADD CONSTRAINT "practice_materials_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_materials" ADD CONSTRAINT "practice_materials_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_materials" ADD CONSTRAINT "practice_materials_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_materials" ADD CONSTRAINT "practice_materials_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_materials" ADD CONSTRAINT "practice_materials_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_materials" ADD CONSTRAINT "practice_materials_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_material_authors_person_idx" ON "practice_material_authors" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "practice_material_competencies_idx" ON "practice_material_competencies" USING btree ("competency_id");--> statement-breakpoint
CREATE INDEX "practice_material_links_material_idx" ON "practice_material_links" USING btree ("material_id");--> statement-breakpoint
CREATE INDEX "practice_material_links_registration_idx" ON "practice_material_links" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "practice_material_links_community_idx" ON "practice_material_links" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "practice_material_uses_idx" ON "practice_material_uses" USING btree ("material_id","kind");--> statement-breakpoint
CREATE INDEX "practice_materials_territory_idx" ON "practice_materials" USING btree ("region_id","municipality_id","status");--> statement-breakpoint
CREATE INDEX "practice_materials_organization_idx" ON "practice_materials" USING btree ("organization_id");--> statement-breakpoint
-- The indicator engine reads practice_materials (practices.published): its writes bump the
-- engine's data version like every table the engine reads (0013, 0023, 0030).
CREATE TRIGGER engine_data_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practice_materials
  FOR EACH STATEMENT EXECUTE FUNCTION engine_data_written();
