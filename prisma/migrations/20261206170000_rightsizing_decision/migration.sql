-- A team's decision on one container's recommendation, and what the Datadog syncs have seen of it since.
-- Keyed by the container's identity (as k8s_container), so it survives every sync and every rename of nothing.
-- decision: accepted | rejected (with a reason) | snoozed (until snoozed_until).
-- recommended_* / before_*: the recommendation decided on and the requests in force then (CPU m, memory bytes),
--   so a later recommendation can be compared with the one rejected, and a change priced from what it replaced.
-- state (accepted rows only, detected after each Datadog sync, never declared):
--   waiting (not yet seen applied) | applied (requests within tolerance of the recommendation, since applied_at)
--   | drifted (applied, then back above the tolerance, since drifted_at) | changed (requests moved elsewhere).
-- realized_monthly_usd: the priced difference before → after, set when first seen applied (730-hour month).
CREATE TABLE "rightsizing_decision" (
    "cluster" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "workload_kind" TEXT NOT NULL,
    "workload" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "snoozed_until" DATE,
    "decided_by" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before_cpu_request" DOUBLE PRECISION,
    "before_memory_request" DOUBLE PRECISION,
    "recommended_cpu_request" DOUBLE PRECISION NOT NULL,
    "recommended_memory_request" DOUBLE PRECISION NOT NULL,
    "monthly_saving_usd" DECIMAL(14,2) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "applied_at" TIMESTAMPTZ(3),
    "drifted_at" TIMESTAMPTZ(3),
    "realized_monthly_usd" DECIMAL(14,2),
    "checked_at" TIMESTAMPTZ(3),
    CONSTRAINT "rightsizing_decision_pkey" PRIMARY KEY ("cluster", "namespace", "workload_kind", "workload", "container"),
    CONSTRAINT "rightsizing_decision_decision_check" CHECK ("decision" IN ('accepted', 'rejected', 'snoozed')),
    CONSTRAINT "rightsizing_decision_state_check" CHECK ("state" IN ('waiting', 'applied', 'drifted', 'changed'))
);
CREATE INDEX "rightsizing_decision_team_idx" ON "rightsizing_decision"("team");
