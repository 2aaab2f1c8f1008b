-- TRUNCATE fires no row triggers, so 0001 does not stop it: refuse it per statement. On PGlite
-- (one user, the owner) this is the protection; on PostgreSQL the app role has no TRUNCATE anyway.
CREATE OR REPLACE FUNCTION audit_log_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Журнал аудита только дополняется: очистка таблицы audit_log (TRUNCATE) запрещена.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_truncate();
