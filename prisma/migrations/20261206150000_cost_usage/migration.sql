-- Daily spend and usage quantity of Amazon S3 and Amazon RDS by usage type, per project tag or per department tag
-- (`dataset` = "usage_type,project" | "usage_type,department"): what the storage opportunities are priced from.
-- usage_type is as AWS bills it, region prefix included ("USE2-TimedStorage-ByteHrs"); the tag column not in the
-- dataset is NULL, '' = untagged. A run's rows reconcile to that service's daily spend before they are swapped in.
CREATE TABLE "cost_usage_daily" (
    "dataset" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "service" TEXT NOT NULL,
    "usage_type" TEXT NOT NULL,
    "department" TEXT,
    "project" TEXT,
    "unblended" DECIMAL NOT NULL,
    "amortized" DECIMAL NOT NULL,
    "net_amortized" DECIMAL NOT NULL,
    "usage_quantity" DECIMAL NOT NULL
);
CREATE INDEX "cost_usage_daily_dataset_day_idx" ON "cost_usage_daily"("dataset", "day");

-- A run's rows before the swap; disposable like cost_daily_staging (unlogged, no index).
CREATE UNLOGGED TABLE "cost_usage_daily_staging" (
    "run_id" INTEGER NOT NULL,
    "dataset" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "service" TEXT NOT NULL,
    "usage_type" TEXT NOT NULL,
    "department" TEXT,
    "project" TEXT,
    "unblended" DECIMAL NOT NULL,
    "amortized" DECIMAL NOT NULL,
    "net_amortized" DECIMAL NOT NULL,
    "usage_quantity" DECIMAL NOT NULL
);
