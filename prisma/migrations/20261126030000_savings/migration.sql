-- Savings initiatives (issue 8): a named change with a date and a scope whose saving is measured on the bill.
-- scope: { "filters": { <dimension>: <value as reports show it> }, "rightsizing": { "cluster"?, "environment"? } }
-- kind: bill (measured only) | rightsizing (also shows the potential still on the table).
-- months: N full months before and (up to) after the change month that the realized saving compares.
CREATE TABLE "savings_initiative" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "change_date" DATE NOT NULL,
    "scope" JSONB NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'bill',
    "months" INTEGER NOT NULL DEFAULT 3,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "savings_initiative_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "savings_initiative_kind_check" CHECK ("kind" IN ('bill', 'rightsizing')),
    CONSTRAINT "savings_initiative_months_check" CHECK ("months" BETWEEN 1 AND 12)
);
CREATE UNIQUE INDEX "savings_initiative_name_key" ON "savings_initiative"("name");
