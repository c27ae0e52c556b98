-- A running sync writes heartbeat_at every few seconds, so a page that finds the sync lock free (its connection
-- dropped) can still tell a live run from one whose process died.
ALTER TABLE "sync_run" ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3);
