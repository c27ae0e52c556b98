-- Cost Explorer staging rows are disposable: a run that dies leaves nothing anyone needs, and the next run clears
-- the tables first. So they skip the write-ahead log (bulk inserts about twice as fast; after a server crash
-- Postgres empties unlogged tables, which is what the next run would do anyway).
ALTER TABLE "cost_daily_staging" SET UNLOGGED;
ALTER TABLE "cost_day_staging" SET UNLOGGED;

-- Only one run's rows are ever staged (the sync lock, and each run clears the tables first), so an index on
-- run_id selects everything and only slows the inserts down.
DROP INDEX "cost_daily_staging_run_id_idx";
