-- Kubernetes usage per container over the sync window (lib/rightsizing ContainerUsage), from Datadog.
-- CPU in millicores, memory in bytes, per replica. Recommendations are computed when read.
CREATE TABLE "k8s_container" (
    "cluster" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "workload_kind" TEXT NOT NULL,
    "workload" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "env_tag" TEXT,
    "team_tag" TEXT,
    "replicas" DOUBLE PRECISION NOT NULL,
    "cpu_p50" DOUBLE PRECISION NOT NULL,
    "cpu_p95" DOUBLE PRECISION NOT NULL,
    "cpu_p99" DOUBLE PRECISION NOT NULL,
    "cpu_max" DOUBLE PRECISION NOT NULL,
    "cpu_samples" INTEGER NOT NULL,
    "memory_idle" DOUBLE PRECISION NOT NULL,
    "memory_peak" DOUBLE PRECISION NOT NULL,
    "cpu_request" DOUBLE PRECISION,
    "cpu_limit" DOUBLE PRECISION,
    "memory_request" DOUBLE PRECISION,
    "memory_limit" DOUBLE PRECISION,
    "oom_kills" INTEGER NOT NULL DEFAULT 0,
    "restarts" INTEGER NOT NULL DEFAULT 0,
    "has_hpa" BOOLEAN NOT NULL DEFAULT false,
    "first_seen" DATE NOT NULL,
    "data_days" DOUBLE PRECISION NOT NULL,
    "window_start" DATE NOT NULL,
    "window_days" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    CONSTRAINT "k8s_container_pkey" PRIMARY KEY ("cluster", "namespace", "workload_kind", "workload", "container")
);

-- Hourly usage per container (<= 336 points over 14 days) for the usage charts.
CREATE TABLE "k8s_usage_hourly" (
    "cluster" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "workload_kind" TEXT NOT NULL,
    "workload" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "cpu_avg" DOUBLE PRECISION,
    "cpu_max" DOUBLE PRECISION,
    "memory_avg" DOUBLE PRECISION,
    "memory_max" DOUBLE PRECISION,
    CONSTRAINT "k8s_usage_hourly_pkey" PRIMARY KEY ("cluster", "namespace", "workload_kind", "workload", "container", "hour")
);

-- A run's rows, kept apart until the whole fetch succeeded; then one short transaction swaps them in.
CREATE TABLE "k8s_container_staging" (LIKE "k8s_container");
CREATE INDEX "k8s_container_staging_run_id_idx" ON "k8s_container_staging"("run_id");
CREATE TABLE "k8s_usage_hourly_staging" (LIKE "k8s_usage_hourly", "run_id" INTEGER NOT NULL);
CREATE INDEX "k8s_usage_hourly_staging_run_id_idx" ON "k8s_usage_hourly_staging"("run_id");
