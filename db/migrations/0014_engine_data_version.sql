CREATE TABLE "engine_data_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"folded" bigint NOT NULL
);
--> statement-breakpoint
-- Hand-written: the one row the nightly compaction folds engine_data_writes into.
INSERT INTO "engine_data_version" ("id", "folded") VALUES (1, 0);
