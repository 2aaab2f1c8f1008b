-- The lists' counts are now cached by the engine's data version (engine_data_writes, migration
-- 0013), which moves at commit; the non-transactional sequence of 0012 and its triggers go.
DROP TRIGGER IF EXISTS people_list_counts ON people;
--> statement-breakpoint
DROP TRIGGER IF EXISTS employments_list_counts ON employments;
--> statement-breakpoint
DROP TRIGGER IF EXISTS organizations_list_counts ON organizations;
--> statement-breakpoint
DROP TRIGGER IF EXISTS curator_assignments_list_counts ON curator_assignments;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_routes_list_counts ON learning_routes;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_route_items_list_counts ON learning_route_items;
--> statement-breakpoint
DROP FUNCTION IF EXISTS list_counts_bump();
--> statement-breakpoint
DROP SEQUENCE IF EXISTS list_counts_version;
