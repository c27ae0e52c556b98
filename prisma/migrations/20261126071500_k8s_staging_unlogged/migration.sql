-- Kubernetes staging tables hold one Datadog sync's rows until the swap (~1M hourly rows for 3,000
-- containers): no need to write them to the WAL as well (after a crash Postgres empties unlogged
-- tables, which is what the next run does anyway). Same as the cost staging tables.
ALTER TABLE "k8s_container_staging" SET UNLOGGED;
ALTER TABLE "k8s_usage_hourly_staging" SET UNLOGGED;

-- Each run clears the staging tables first and the sync lock keeps runs apart, so only one run's rows are
-- ever staged: an index on run_id selects everything and only slows the inserts down.
DROP INDEX "k8s_container_staging_run_id_idx";
DROP INDEX "k8s_usage_hourly_staging_run_id_idx";
