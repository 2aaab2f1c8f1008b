-- A compact import audit entry's changes are written once and read one person at a time: keep
-- them uncompressed (compressing a region import's ≈15 MB costs more than writing it).
ALTER TABLE "audit_log" ALTER COLUMN "changes" SET STORAGE EXTERNAL;
