-- The indicator engine now reads mentoring and communities (src/mentoring/mentoring.figures.ts,
-- src/communities/communities.figures.ts): their writes bump the engine's data version, as every
-- table the engine reads does (migrations 0013, 0023), so a cached set of figures is recomputed.
-- The contests' tables (read by events.figures.ts since 0025) join them: they had no trigger.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['mentoring_programs', 'mentoring_mentors', 'mentorships', 'mentorship_mentees',
    'communities', 'community_members', 'community_meetings', 'memberships', 'membership_training_items',
    'contests', 'contest_entries'] LOOP
    EXECUTE format('CREATE TRIGGER engine_data_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION engine_data_written()', t);
  END LOOP;
END $$;
