-- CreateTable
CREATE TABLE "sync_run" (
    "id" SERIAL NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "sources" TEXT[],
    "range_from" DATE,
    "range_to" DATE,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "request_cost_usd" DECIMAL NOT NULL DEFAULT 0,
    "rows_written" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "progress" JSONB,
    "details" JSONB,

    CONSTRAINT "sync_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "sync_run_started_at_idx" ON "sync_run"("started_at");
