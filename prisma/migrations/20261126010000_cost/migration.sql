-- Daily AWS spend, one table for every exact combination the sync stores (see ARCHITECTURE.md).
-- A dimension column is NULL when it is not part of the row's dataset; '' is an untagged value
-- (AWS "department$"). Tag values are stored raw, as AWS sends them: aliases apply when reports read.
CREATE TABLE "cost_daily" (
    "dataset" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "department" TEXT,
    "project" TEXT,
    "environment" TEXT,
    "service" TEXT,
    "account_id" TEXT,
    "unblended" DECIMAL NOT NULL,
    "amortized" DECIMAL NOT NULL,
    "net_amortized" DECIMAL NOT NULL
);
CREATE INDEX "cost_daily_dataset_day_idx" ON "cost_daily"("dataset", "day");

-- Cost Explorer's ungrouped daily totals: what every dataset must add up to, and whether the day is Estimated.
CREATE TABLE "cost_day" (
    "day" DATE NOT NULL,
    "estimated" BOOLEAN NOT NULL,
    "unblended" DECIMAL NOT NULL,
    "amortized" DECIMAL NOT NULL,
    "net_amortized" DECIMAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    CONSTRAINT "cost_day_pkey" PRIMARY KEY ("day")
);

-- Linked accounts and their names (Cost Explorer's DimensionValueAttributes).
CREATE TABLE "cost_account" (
    "account_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "cost_account_pkey" PRIMARY KEY ("account_id")
);

-- Rows a run fetched, kept apart until reconciliation passes; then one short transaction swaps them in.
CREATE TABLE "cost_daily_staging" (
    "run_id" INTEGER NOT NULL,
    "dataset" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "department" TEXT,
    "project" TEXT,
    "environment" TEXT,
    "service" TEXT,
    "account_id" TEXT,
    "unblended" DECIMAL NOT NULL,
    "amortized" DECIMAL NOT NULL,
    "net_amortized" DECIMAL NOT NULL
);
CREATE INDEX "cost_daily_staging_run_id_idx" ON "cost_daily_staging"("run_id");

CREATE TABLE "cost_day_staging" (
    "run_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "estimated" BOOLEAN NOT NULL,
    "unblended" DECIMAL NOT NULL,
    "amortized" DECIMAL NOT NULL,
    "net_amortized" DECIMAL NOT NULL,
    CONSTRAINT "cost_day_staging_pkey" PRIMARY KEY ("run_id", "day")
);
