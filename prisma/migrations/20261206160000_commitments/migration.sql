-- Savings Plans and Reserved Instances as Cost Explorer reports them, refreshed as a whole (at most weekly).
-- Amounts are kept exactly as Cost Explorer sent them (numeric keeps the decimals it was given).

-- One row per refresh: when, over which lookback, and how many paid requests it took.
CREATE TABLE "commitment_refresh" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "lookback_days" INTEGER NOT NULL,
    "requests" INTEGER NOT NULL,
    CONSTRAINT "commitment_refresh_pkey" PRIMARY KEY ("id")
);

-- One row per purchase recommendation (program × plan type or service × term × payment).
-- plan_type: COMPUTE_SP or EC2_INSTANCE_SP for Savings Plans, '' for reservations.
-- instance: the reservation's instance type, or the EC2 Instance Savings Plan's family ('' for Compute).
-- quantity (RIs) and hourly_commitment (Savings Plans), recurring_monthly, on_demand_monthly and
-- break_even_months (RIs) are NULL when Cost Explorer does not give them for that program.
CREATE TABLE "commitment_recommendation" (
    "id" SERIAL NOT NULL,
    "program" TEXT NOT NULL,
    "plan_type" TEXT NOT NULL DEFAULT '',
    "service" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "payment" TEXT NOT NULL,
    "lookback_days" INTEGER NOT NULL,
    "instance" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "quantity" DECIMAL,
    "hourly_commitment" DECIMAL,
    "upfront" DECIMAL NOT NULL,
    "recurring_monthly" DECIMAL,
    "on_demand_monthly" DECIMAL,
    "monthly_savings" DECIMAL NOT NULL,
    "savings_percent" DECIMAL NOT NULL,
    "break_even_months" DECIMAL,
    "detail" JSONB NOT NULL,
    CONSTRAINT "commitment_recommendation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "commitment_recommendation_program_check" CHECK ("program" IN ('savings-plans', 'reserved-instances'))
);
CREATE INDEX "commitment_recommendation_program_term_payment_idx" ON "commitment_recommendation"("program", "term", "payment");

-- Monthly coverage. Savings Plans: unit 'usd' (spend covered / on demand); reservations: unit 'hours' per service.
CREATE TABLE "commitment_coverage" (
    "program" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "unit" TEXT NOT NULL,
    "covered" DECIMAL NOT NULL,
    "on_demand" DECIMAL NOT NULL,
    "total" DECIMAL NOT NULL,
    "coverage_percent" DECIMAL NOT NULL,
    "on_demand_cost" DECIMAL,
    CONSTRAINT "commitment_coverage_pkey" PRIMARY KEY ("program", "service", "month")
);

-- Monthly utilization of what is owned (no rows for a program the account holds nothing of).
CREATE TABLE "commitment_utilization" (
    "program" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "total_commitment" DECIMAL NOT NULL,
    "used_commitment" DECIMAL NOT NULL,
    "unused_commitment" DECIMAL NOT NULL,
    "utilization_percent" DECIMAL NOT NULL,
    "net_savings" DECIMAL,
    CONSTRAINT "commitment_utilization_pkey" PRIMARY KEY ("program", "month")
);

-- Commitments held, with their end dates (the Savings Plan ARN or the reservation's lease id).
CREATE TABLE "commitment_held" (
    "program" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "end_date" DATE NOT NULL,
    "hourly_commitment" DECIMAL,
    CONSTRAINT "commitment_held_pkey" PRIMARY KEY ("program", "id")
);
