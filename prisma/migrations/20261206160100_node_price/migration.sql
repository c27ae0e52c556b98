-- On-demand Linux node prices refreshed from the AWS Price List API (GetProducts); they replace the prices shipped
-- in lib/nodes/prices.ts for the same instance type and region. hourly_usd as the price list writes it.
CREATE TABLE "node_price" (
    "instance_type" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "hourly_usd" DECIMAL NOT NULL,
    "vcpu" INTEGER NOT NULL,
    "memory_gib" DECIMAL NOT NULL,
    "processor" TEXT NOT NULL DEFAULT '',
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "node_price_pkey" PRIMARY KEY ("instance_type", "region")
);
