-- Monthly sums of cost_daily for the reports (issue 5: "any pre-aggregation keeps raw tag values so aliases
-- still apply at read time"). Same columns as cost_daily with `month` (the 1st) instead of `day`; refreshed by
-- lib/reports/rollup.ts for the months whose days a sync replaced (cost_day.run_id tells which).
CREATE TABLE "cost_monthly" (
    "dataset" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "department" TEXT,
    "project" TEXT,
    "environment" TEXT,
    "service" TEXT,
    "account_id" TEXT,
    "unblended" DECIMAL NOT NULL,
    "amortized" DECIMAL NOT NULL,
    "net_amortized" DECIMAL NOT NULL
);
CREATE INDEX "cost_monthly_dataset_month_idx" ON "cost_monthly"("dataset", "month");

-- What cost_monthly was built from: the newest cost_day.run_id and the number of cost_day rows at the time.
CREATE TABLE "cost_monthly_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "run_id" INTEGER,
    "days" INTEGER NOT NULL,
    "built_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cost_monthly_state_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "cost_monthly_state_one_row" CHECK ("id" = 1)
);
