CREATE TABLE "engine_data_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"folded" bigint NOT NULL
);