// Writes of the Cost Explorer sync: pages go to staging tables as they arrive (bulk unnest inserts), and one short
// transaction swaps a reconciled run in. Nothing here runs outside the sync lock (lib/sync/lock.ts).
import type { Db } from "@/lib/db/types";
import { checkMovedRows, holdSwapLock } from "@/lib/sync/lock";
import { refreshSpendRollup } from "@/lib/sync/spend-rollup";
import type { DayRange } from "@/lib/sync/types";
import { DATASETS, type DatasetName, type StoredDays } from "./query-plan";
import { swapInUsage } from "./usage-store";

/** Rows of one dataset, column by column; a column that is not part of the dataset is an empty array (NULL). */
export type StagedBatch = {
  count: number;
  day: string[];
  department: string[];
  project: string[];
  environment: string[];
  service: string[];
  account: string[];
  unblended: string[];
  amortized: string[];
  netAmortized: string[];
};

/**
 * Empties the staging tables of what a run left: rows of runs that are no longer running at the start of a run
 * (they died before they finished: runSync has marked them), and the run's own rows at its end. Only ever by
 * run id: a second run that started while this one still runs (its lock lost) must not empty this run's rows.
 */
export async function clearStaging(db: Db, only?: { runId: number }): Promise<void> {
  const where = only
    ? { sql: "run_id = $1", params: [only.runId] }
    : { sql: "run_id NOT IN (SELECT id FROM sync_run WHERE status = 'running')", params: [] };
  // DELETE of nothing is cheap; the check skips even that when staging is empty (the usual case).
  const [row] = await db.sql.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM cost_daily_staging WHERE ${where.sql}) OR EXISTS (SELECT 1 FROM cost_day_staging WHERE ${where.sql}) AS any`,
    where.params,
  );
  if (!row?.any) return;
  await db.sql.query(`DELETE FROM cost_daily_staging WHERE ${where.sql}`, where.params);
  await db.sql.query(`DELETE FROM cost_day_staging WHERE ${where.sql}`, where.params);
}

// unnest of several arrays pads the shorter ones with NULL, so an empty array makes a NULL column.
const INSERT_ROWS = `
  INSERT INTO cost_daily_staging
    (run_id, dataset, day, department, project, environment, service, account_id, unblended, amortized, net_amortized)
  SELECT $1, $2, u.* FROM unnest($3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                 $9::numeric[], $10::numeric[], $11::numeric[]) AS u`;

export async function insertStagedRows(db: Db, runId: number, dataset: DatasetName, batch: StagedBatch): Promise<void> {
  if (batch.count === 0) return;
  await db.sql.query(INSERT_ROWS, [
    runId,
    dataset,
    batch.day,
    batch.department,
    batch.project,
    batch.environment,
    batch.service,
    batch.account,
    batch.unblended,
    batch.amortized,
    batch.netAmortized,
  ]);
}

const COLUMNS = [
  "day",
  "department",
  "project",
  "environment",
  "service",
  "account",
  "unblended",
  "amortized",
  "netAmortized",
] as const;
const emptyBatch = (): StagedBatch =>
  ({ count: 0, ...Object.fromEntries(COLUMNS.map((c) => [c, [] as string[]])) }) as StagedBatch;

/**
 * Batches one request's pages into statements of about `rows` rows, and writes each batch while the next pages
 * are fetched: at most one write in flight, whose failure surfaces at the next add() or at close().
 */
export function createStagingWriter(db: Db, runId: number, dataset: DatasetName, rows = 5_000) {
  let buffer = emptyBatch();
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (buffer.count === 0) return;
    const batch = buffer;
    buffer = emptyBatch();
    await writing;
    writing = insertStagedRows(db, runId, dataset, batch);
    writing.catch(() => {}); // awaited by the next flush or close
  };
  return {
    async add(batch: StagedBatch) {
      for (const column of COLUMNS) for (const value of batch[column]) buffer[column].push(value);
      buffer.count += batch.count;
      if (buffer.count >= rows) await flush();
    },
    async close() {
      await flush();
      await writing;
    },
    /** After a failure: lets a write in flight end (its outcome no longer matters), writes nothing more. */
    async settle() {
      await writing.catch(() => {});
    },
  };
}

export type StagedDays = {
  days: string[];
  estimated: boolean[];
  unblended: string[];
  amortized: string[];
  netAmortized: string[];
};

export async function insertStagedDays(db: Db, runId: number, days: StagedDays): Promise<void> {
  if (days.days.length === 0) return;
  await db.sql.query(
    `INSERT INTO cost_day_staging (run_id, day, estimated, unblended, amortized, net_amortized)
     SELECT $1, u.* FROM unnest($2::date[], $3::boolean[], $4::numeric[], $5::numeric[], $6::numeric[]) AS u`,
    [runId, days.days, days.estimated, days.unblended, days.amortized, days.netAmortized],
  );
}

/** What the incremental plan needs to know about the days already stored. */
export async function readStoredDays(db: Db): Promise<StoredDays> {
  const [row] = await db.sql.query<{ last_day: string | null; first_estimated_day: string | null }>(
    "SELECT max(day) AS last_day, min(day) FILTER (WHERE estimated) AS first_estimated_day FROM cost_day",
  );
  return { lastDay: row?.last_day ?? null, firstEstimatedDay: row?.first_estimated_day ?? null };
}

/**
 * The swap: one transaction replaces the refreshed days of cost_daily and cost_day with the run's staged rows
 * and records account names. Days outside the range (older than Cost Explorer still serves) stay as they are.
 * It holds the swap lock and commits only if it moved exactly the rows the run staged (`staged`). The monthly
 * rollup of the replaced months is rebuilt in the same transaction: readers see the new days and their month
 * sums together, and the first report read after a sync has nothing to build.
 */
export async function swapInStaged(
  db: Db,
  runId: number,
  range: DayRange,
  accounts: Map<string, string>,
  staged: { rows: number; days: number; usageRows: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await holdSwapLock(tx);
    await tx.query("DELETE FROM cost_daily WHERE day >= $1 AND day < $2", [range.from, range.to]);
    const [rows] = await tx.query<{ n: number }>(
      `WITH moved AS (
         INSERT INTO cost_daily (dataset, day, department, project, environment, service, account_id, unblended, amortized, net_amortized)
         SELECT dataset, day, department, project, environment, service, account_id, unblended, amortized, net_amortized
         FROM cost_daily_staging WHERE run_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [runId],
    );
    checkMovedRows("spend rows", rows?.n ?? 0, staged.rows);
    checkMovedRows("usage-type rows", await swapInUsage(tx, runId, range), staged.usageRows);
    await tx.query("DELETE FROM cost_day WHERE day >= $1 AND day < $2", [range.from, range.to]);
    const [days] = await tx.query<{ n: number }>(
      `WITH moved AS (
         INSERT INTO cost_day (day, estimated, unblended, amortized, net_amortized, run_id)
         SELECT day, estimated, unblended, amortized, net_amortized, run_id FROM cost_day_staging WHERE run_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [runId],
    );
    checkMovedRows("daily totals", days?.n ?? 0, staged.days);
    await refreshSpendRollup(tx, DATASETS);
    if (accounts.size > 0) {
      await tx.query(
        `INSERT INTO cost_account (account_id, name) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (account_id) DO UPDATE SET name = EXCLUDED.name`,
        [[...accounts.keys()], [...accounts.values()]],
      );
    }
  });
}
