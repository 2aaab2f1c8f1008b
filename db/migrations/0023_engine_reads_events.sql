-- The indicator engine now reads the plans of events, their events and registrations (event
-- measures, src/monitoring/measures/events.ts): their writes bump the engine's data version, as
-- every table the engine reads does (migration 0013), so a cached set of figures is recomputed.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['event_plans', 'events', 'event_registrations'] LOOP
    EXECUTE format('CREATE TRIGGER engine_data_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION engine_data_written()', t);
  END LOOP;
END $$;
