ALTER TABLE "events" ADD COLUMN "seats_taken" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "waitlisted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written: the event's seat counters follow its registrations. Every change of a registration's
-- status moves them in the same transaction, on the event's row — which a registration locks first
-- (registerForEvent), so the counters read under that lock are exact.
CREATE FUNCTION event_seats_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status IN ('pending', 'confirmed', 'waitlisted') THEN
    UPDATE events SET seats_taken = seats_taken - (OLD.status <> 'waitlisted')::int,
                      waitlisted = waitlisted - (OLD.status = 'waitlisted')::int
     WHERE id = OLD.event_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status IN ('pending', 'confirmed', 'waitlisted') THEN
    UPDATE events SET seats_taken = seats_taken + (NEW.status <> 'waitlisted')::int,
                      waitlisted = waitlisted + (NEW.status = 'waitlisted')::int
     WHERE id = NEW.event_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER event_seats_follow_insert_delete AFTER INSERT OR DELETE ON event_registrations
  FOR EACH ROW EXECUTE FUNCTION event_seats_follow();
--> statement-breakpoint
CREATE TRIGGER event_seats_follow_update AFTER UPDATE OF status, event_id ON event_registrations
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.event_id IS DISTINCT FROM NEW.event_id)
  EXECUTE FUNCTION event_seats_follow();
--> statement-breakpoint
UPDATE events ev SET
  seats_taken = (SELECT count(*) FROM event_registrations r WHERE r.event_id = ev.id AND r.status IN ('pending', 'confirmed')),
  waitlisted = (SELECT count(*) FROM event_registrations r WHERE r.event_id = ev.id AND r.status = 'waitlisted');
