CREATE TABLE "deficit_heat_cells" (
	"framework_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"competency_id" uuid NOT NULL,
	"assessed" integer NOT NULL,
	"deficit" integer NOT NULL,
	"partial" integer NOT NULL,
	CONSTRAINT "deficit_heat_cells_organization_id_framework_id_subject_competency_id_pk" PRIMARY KEY("organization_id","framework_id","subject","competency_id")
);
--> statement-breakpoint
CREATE TABLE "deficit_heat_dirty" (
	"framework_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "deficit_heat_dirty_framework_id_organization_id_pk" PRIMARY KEY("framework_id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "deficit_heat_cells" ADD CONSTRAINT "deficit_heat_cells_framework_id_competency_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."competency_frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deficit_heat_cells" ADD CONSTRAINT "deficit_heat_cells_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deficit_heat_cells" ADD CONSTRAINT "deficit_heat_cells_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deficit_heat_dirty" ADD CONSTRAINT "deficit_heat_dirty_framework_id_competency_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."competency_frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deficit_heat_dirty" ADD CONSTRAINT "deficit_heat_dirty_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deficit_heat_cells_framework_idx" ON "deficit_heat_cells" USING btree ("framework_id","subject","organization_id");
--> statement-breakpoint
-- Hand-written: the triggers that mark heatmap cells out of date, in the writing transaction.
-- Results changed: the organizations where those people work now, for the results' frameworks.
CREATE FUNCTION deficit_heat_mark_results() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deficit_heat_dirty (framework_id, organization_id)
  SELECT DISTINCT c.framework_id, e.organization_id
  FROM (SELECT DISTINCT person_id, competency_id FROM changed) x
  JOIN competencies c ON c.id = x.competency_id
  JOIN employments e ON e.person_id = x.person_id AND e.end_date IS NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Employments changed: their organizations, for every framework their people have results in or
-- the organization already has cells of (a deleted person's results are gone with them).
CREATE FUNCTION deficit_heat_mark_employments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deficit_heat_dirty (framework_id, organization_id)
  SELECT DISTINCT c.framework_id, x.organization_id
  FROM (SELECT DISTINCT person_id, organization_id FROM changed) x
  JOIN competency_results r ON r.person_id = x.person_id
  JOIN competencies c ON c.id = r.competency_id
  UNION
  SELECT DISTINCT h.framework_id, h.organization_id
  FROM deficit_heat_cells h
  WHERE h.organization_id IN (SELECT organization_id FROM changed)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A framework's thresholds changed: every organization with cells of it is reclassified.
CREATE FUNCTION deficit_heat_mark_thresholds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deficit_heat_dirty (framework_id, organization_id)
  SELECT DISTINCT NEW.id, h.organization_id FROM deficit_heat_cells h WHERE h.framework_id = NEW.id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deficit_heat_results_ins AFTER INSERT ON competency_results
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION deficit_heat_mark_results();
--> statement-breakpoint
CREATE TRIGGER deficit_heat_results_upd AFTER UPDATE ON competency_results
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION deficit_heat_mark_results();
--> statement-breakpoint
CREATE TRIGGER deficit_heat_results_upd_old AFTER UPDATE ON competency_results
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION deficit_heat_mark_results();
--> statement-breakpoint
CREATE TRIGGER deficit_heat_results_del AFTER DELETE ON competency_results
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION deficit_heat_mark_results();
--> statement-breakpoint
CREATE TRIGGER deficit_heat_employments_ins AFTER INSERT ON employments
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION deficit_heat_mark_employments();
--> statement-breakpoint
CREATE TRIGGER deficit_heat_employments_upd AFTER UPDATE ON employments
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION deficit_heat_mark_employments();
--> statement-breakpoint
CREATE TRIGGER deficit_heat_employments_upd_old AFTER UPDATE ON employments
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION deficit_heat_mark_employments();
--> statement-breakpoint
CREATE TRIGGER deficit_heat_employments_del AFTER DELETE ON employments
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION deficit_heat_mark_employments();
--> statement-breakpoint
CREATE TRIGGER deficit_heat_thresholds AFTER UPDATE OF deficit_below, partial_below ON competency_frameworks
  FOR EACH ROW WHEN (OLD.deficit_below IS DISTINCT FROM NEW.deficit_below
                     OR OLD.partial_below IS DISTINCT FROM NEW.partial_below)
  EXECUTE FUNCTION deficit_heat_mark_thresholds();
--> statement-breakpoint
-- Results already loaded: their organizations are built on the first read.
INSERT INTO deficit_heat_dirty (framework_id, organization_id)
SELECT DISTINCT c.framework_id, e.organization_id
FROM competency_results r
JOIN competencies c ON c.id = r.competency_id
JOIN employments e ON e.person_id = r.person_id AND e.end_date IS NULL
ON CONFLICT DO NOTHING;
