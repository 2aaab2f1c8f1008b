CREATE TABLE "engine_data_writes" (
	"txid" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_dashboard_parts" (
	"monitoring_id" uuid NOT NULL,
	"part" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_dashboard_parts_monitoring_id_part_pk" PRIMARY KEY("monitoring_id","part")
);
--> statement-breakpoint
ALTER TABLE "monitoring_dashboard_parts" ADD CONSTRAINT "monitoring_dashboard_parts_monitoring_id_monitorings_id_fk" FOREIGN KEY ("monitoring_id") REFERENCES "public"."monitorings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written: every statement that writes a table the indicator engine reads records its
-- transaction once (a key per transaction: concurrent writers never wait on one another). A row
-- becomes visible when its transaction commits, so count(*) grows with every committed write.
CREATE FUNCTION engine_data_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO engine_data_writes (txid) VALUES (pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'municipalities', 'regions', 'people', 'employments', 'staffing',
    'vacancies', 'settings', 'assessment_attempts', 'competencies', 'competency_frameworks', 'competency_groups',
    'competency_results', 'instruments', 'programs', 'program_cohorts', 'program_competencies', 'trainings',
    'learning_routes', 'learning_route_items', 'learning_route_events', 'form_assignments', 'form_submissions',
    'collection_forms', 'indicator_sets', 'indicators', 'indicator_targets', 'manual_measure_values', 'curator_assignments', 'monitorings'] LOOP
    EXECUTE format('CREATE TRIGGER engine_data_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION engine_data_written()', t);
  END LOOP;
END $$;
