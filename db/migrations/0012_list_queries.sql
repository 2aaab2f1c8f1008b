-- Name search of the staff list and the header's search: every word is matched with ILIKE '%word%'
-- against the full name with ё read as е. A trigram GIN index on exactly that expression answers
-- it without reading every person (src/directory/staff/staff.repository.ts, src/search).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "people_full_name_trgm_idx" ON "people"
  USING gin ((translate("last_name" || ' ' || "first_name" || ' ' || "patronymic", 'ёЁ', 'еЕ')) gin_trgm_ops);
--> statement-breakpoint
-- СНИЛС typed in part (digits only) in the staff list's search box.
CREATE INDEX IF NOT EXISTS "people_snils_trgm_idx" ON "people" USING gin ("snils" gin_trgm_ops);
--> statement-breakpoint
-- The counts of the lists are cached per scope and filter (src/platform/db/count-cache.ts); any
-- statement that changes what they count moves this sequence on, which drops every cached count.
-- A sequence, not a counter row: writers never wait for each other on it.
CREATE SEQUENCE IF NOT EXISTS "list_counts_version";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION list_counts_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('list_counts_version');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_list_counts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION list_counts_bump();
--> statement-breakpoint
CREATE TRIGGER employments_list_counts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON employments
  FOR EACH STATEMENT EXECUTE FUNCTION list_counts_bump();
--> statement-breakpoint
CREATE TRIGGER organizations_list_counts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION list_counts_bump();
--> statement-breakpoint
CREATE TRIGGER curator_assignments_list_counts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON curator_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION list_counts_bump();
--> statement-breakpoint
CREATE TRIGGER learning_routes_list_counts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON learning_routes
  FOR EACH STATEMENT EXECUTE FUNCTION list_counts_bump();
--> statement-breakpoint
CREATE TRIGGER learning_route_items_list_counts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON learning_route_items
  FOR EACH STATEMENT EXECUTE FUNCTION list_counts_bump();
