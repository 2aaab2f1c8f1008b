CREATE TYPE "public"."expert_campaign_max_basis" AS ENUM('document', 'items');--> statement-breakpoint
CREATE TYPE "public"."expert_card_status" AS ENUM('draft', 'submitted', 'returned', 'verified');--> statement-breakpoint
CREATE TYPE "public"."expert_item_review" AS ENUM('pending', 'accepted', 'changed', 'returned', 'corrected');--> statement-breakpoint
CREATE TYPE "public"."expert_template_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TABLE "expert_campaign_templates" (
	"campaign_id" uuid NOT NULL,
	"org_kind" "org_kind" NOT NULL,
	"template_id" uuid NOT NULL,
	CONSTRAINT "expert_campaign_templates_campaign_id_org_kind_pk" PRIMARY KEY("campaign_id","org_kind")
);
--> statement-breakpoint
CREATE TABLE "expert_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"title" text NOT NULL,
	"fill_by" date NOT NULL,
	"verify_by" date NOT NULL,
	"evaluate_by" date NOT NULL,
	"max_basis" "expert_campaign_max_basis" DEFAULT 'document' NOT NULL,
	"max_basis_note" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_campaigns_year" UNIQUE("municipality_id","school_year"),
	CONSTRAINT "expert_campaigns_dates" CHECK ("expert_campaigns"."fill_by" <= "expert_campaigns"."verify_by" AND "expert_campaigns"."verify_by" <= "expert_campaigns"."evaluate_by")
);
--> statement-breakpoint
CREATE TABLE "expert_card_answers" (
	"card_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"value" jsonb,
	"comment" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"prefill" jsonb,
	"claimed_points" integer,
	"review" "expert_item_review" DEFAULT 'pending' NOT NULL,
	"verified_points" integer,
	"expert_comment" text DEFAULT '' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"flag" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "expert_card_answers_card_id_item_id_pk" PRIMARY KEY("card_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "expert_card_assignments" (
	"card_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_card_assignments_card_id_expert_id_pk" PRIMARY KEY("card_id","expert_id")
);
--> statement-breakpoint
CREATE TABLE "expert_card_delegates" (
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_card_delegates_organization_id_user_id_pk" PRIMARY KEY("organization_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "expert_card_directions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"stated_max" integer,
	CONSTRAINT "expert_card_directions_position" UNIQUE("template_id","position")
);
--> statement-breakpoint
CREATE TABLE "expert_card_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"card_id" uuid NOT NULL,
	"item_id" uuid,
	"kind" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expert_card_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"direction_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"method" text NOT NULL,
	"rule" jsonb NOT NULL,
	"periodicity" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"evidence_required" boolean DEFAULT true NOT NULL,
	"prefill_source" text,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "expert_card_items_position" UNIQUE("direction_id","position")
);
--> statement-breakpoint
CREATE TABLE "expert_card_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"org_kind" "org_kind" NOT NULL,
	"title" text NOT NULL,
	"preset_code" text,
	"region_id" uuid,
	"municipality_id" uuid,
	"stated_max" integer,
	"levels" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"status" "expert_template_status" DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_card_templates_version" UNIQUE("family","version")
);
--> statement-breakpoint
CREATE TABLE "expert_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"status" "expert_card_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"reopened_at" timestamp with time zone,
	"reopened_by" uuid,
	"reopen_reason" text,
	"verified_at" timestamp with time zone,
	"direction_points" jsonb,
	"total_points" integer,
	"level" text,
	"rank" integer,
	"scored_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_cards_organization" UNIQUE("campaign_id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "expert_campaign_templates" ADD CONSTRAINT "expert_campaign_templates_campaign_id_expert_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."expert_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_campaign_templates" ADD CONSTRAINT "expert_campaign_templates_template_id_expert_card_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."expert_card_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_campaigns" ADD CONSTRAINT "expert_campaigns_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_campaigns" ADD CONSTRAINT "expert_campaigns_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_campaigns" ADD CONSTRAINT "expert_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_answers" ADD CONSTRAINT "expert_card_answers_card_id_expert_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."expert_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_answers" ADD CONSTRAINT "expert_card_answers_item_id_expert_card_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."expert_card_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_answers" ADD CONSTRAINT "expert_card_answers_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_answers" ADD CONSTRAINT "expert_card_answers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_assignments" ADD CONSTRAINT "expert_card_assignments_card_id_expert_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."expert_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_assignments" ADD CONSTRAINT "expert_card_assignments_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_assignments" ADD CONSTRAINT "expert_card_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_delegates" ADD CONSTRAINT "expert_card_delegates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_delegates" ADD CONSTRAINT "expert_card_delegates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_delegates" ADD CONSTRAINT "expert_card_delegates_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_directions" ADD CONSTRAINT "expert_card_directions_template_id_expert_card_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."expert_card_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_history" ADD CONSTRAINT "expert_card_history_card_id_expert_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."expert_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_history" ADD CONSTRAINT "expert_card_history_item_id_expert_card_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."expert_card_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_history" ADD CONSTRAINT "expert_card_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_items" ADD CONSTRAINT "expert_card_items_template_id_expert_card_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."expert_card_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_items" ADD CONSTRAINT "expert_card_items_direction_id_expert_card_directions_id_fk" FOREIGN KEY ("direction_id") REFERENCES "public"."expert_card_directions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_templates" ADD CONSTRAINT "expert_card_templates_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_templates" ADD CONSTRAINT "expert_card_templates_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_card_templates" ADD CONSTRAINT "expert_card_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_cards" ADD CONSTRAINT "expert_cards_campaign_id_expert_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."expert_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_cards" ADD CONSTRAINT "expert_cards_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_cards" ADD CONSTRAINT "expert_cards_template_id_expert_card_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."expert_card_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_cards" ADD CONSTRAINT "expert_cards_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_card_assignments_expert_idx" ON "expert_card_assignments" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "expert_card_delegates_user_idx" ON "expert_card_delegates" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "expert_card_history_card_idx" ON "expert_card_history" USING btree ("card_id","at");--> statement-breakpoint
CREATE INDEX "expert_card_items_template_idx" ON "expert_card_items" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "expert_card_templates_territory_idx" ON "expert_card_templates" USING btree ("region_id","municipality_id");--> statement-breakpoint
CREATE INDEX "expert_cards_organization_idx" ON "expert_cards" USING btree ("organization_id");