// Writes and checks of the usage-type rows (S3 and RDS by usage type): staged like the spend rows, reconciled with
// the same run's spend per service and day, swapped in by the same transaction as the spend (store.ts).
import type { Db, Sql } from "@/lib/db/types";
import type { DayRange } from "@/lib/sync/types";
import { TOLERANCE_USD, type Mismatch } from "./reconcile";
import type { UsageDatasetName } from "./usage-plan";

export type StagedUsageBatch = {
  count: number;
  day: string[];
  usageType: string[];
  /** The tag value of the dataset's tag column (project or department). */
  tag: string[];
  unblended: string[];
  amortized: string[];
  netAmortized: string[];
  quantity: string[];
};

export async function insertStagedUsage(
  db: Db,
  runId: number,
  dataset: UsageDatasetName,
  service: string,
  batch: StagedUsageBatch,
): Promise<void> {
  if (batch.count === 0) return;
  const tagColumn = dataset === "usage_type,project" ? "project" : "department";
  await db.sql.query(
    `INSERT INTO cost_usage_daily_staging
       (run_id, dataset, service, day, usage_type, ${tagColumn}, unblended, amortized, net_amortized, usage_quantity)
     SELECT $1, $2, $3, u.* FROM unnest($4::date[], $5::text[], $6::text[], $7::numeric[], $8::numeric[],
                                        $9::numeric[], $10::numeric[]) AS u`,
    [
      runId,
      dataset,
      service,
      batch.day,
      batch.usageType,
      batch.tag,
      batch.unblended,
      batch.amortized,
      batch.netAmortized,
      batch.quantity,
    ],
  );
}

/** A run's own staged usage rows, or (no run given) those of runs no longer running — never a live run's. */
export async function clearUsageStaging(db: Db, only?: { runId: number }): Promise<void> {
  const where = only
    ? { sql: "run_id = $1", params: [only.runId] }
    : { sql: "run_id NOT IN (SELECT id FROM sync_run WHERE status = 'running')", params: [] };
  const [row] = await db.sql.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM cost_usage_daily_staging WHERE ${where.sql}) AS any`,
    where.params,
  );
  if (row?.any) await db.sql.query(`DELETE FROM cost_usage_daily_staging WHERE ${where.sql}`, where.params);
}

/** Inside the spend swap's transaction: the refreshed days of cost_usage_daily replaced by the run's rows. */
/** Inside the spend swap's transaction (which holds the swap lock): returns how many rows it moved. */
export async function swapInUsage(tx: Sql, runId: number, range: DayRange): Promise<number> {
  await tx.query("DELETE FROM cost_usage_daily WHERE day >= $1 AND day < $2", [range.from, range.to]);
  const [moved] = await tx.query<{ n: number }>(
    `WITH moved AS (
       INSERT INTO cost_usage_daily (dataset, day, service, usage_type, department, project, unblended, amortized, net_amortized, usage_quantity)
       SELECT dataset, day, service, usage_type, department, project, unblended, amortized, net_amortized, usage_quantity
       FROM cost_usage_daily_staging WHERE run_id = $1 RETURNING 1)
     SELECT count(*)::int AS n FROM moved`,
    [runId],
  );
  return moved?.n ?? 0;
}

/**
 * Every (day, usage dataset, service, metric) whose rows miss that service's spend of the day by more than a cent.
 * The service's spend is the run's `service,account` rows, which reconcile to Cost Explorer's daily totals
 * themselves, so the usage rows add up to the daily total through them. A service without spend that day counts 0.
 */
export async function findUsageMismatches(
  db: Db,
  runId: number,
  datasets: readonly string[],
  services: readonly string[],
  limit = 20,
) {
  const rows = await db.sql.query<Mismatch & { count: number }>(
    `WITH spend AS (
       SELECT day, service, sum(unblended) AS u, sum(amortized) AS a, sum(net_amortized) AS n
       FROM cost_daily_staging WHERE run_id = $1 AND dataset = 'service,account' AND service = ANY($3::text[])
       GROUP BY day, service
     ), expected AS (
       SELECT d.dataset, s.* FROM spend s CROSS JOIN unnest($2::text[]) AS d(dataset)
     ), grouped AS (
       SELECT dataset, day, service, sum(unblended) AS u, sum(amortized) AS a, sum(net_amortized) AS n
       FROM cost_usage_daily_staging WHERE run_id = $1 GROUP BY dataset, day, service
     ), compared AS (
       SELECT coalesce(e.dataset, g.dataset) || ' (' || coalesce(e.service, g.service) || ')' AS dataset,
              coalesce(e.day, g.day) AS day,
              coalesce(e.u, 0) AS t_u, coalesce(e.a, 0) AS t_a, coalesce(e.n, 0) AS t_n,
              coalesce(g.u, 0) AS g_u, coalesce(g.a, 0) AS g_a, coalesce(g.n, 0) AS g_n
       FROM expected e FULL JOIN grouped g ON g.dataset = e.dataset AND g.day = e.day AND g.service = e.service
     )
     SELECT c.day, c.dataset, m.metric, m.total::text AS total, m.grouped::text AS grouped,
            (m.grouped - m.total)::text AS difference, count(*) OVER ()::int AS count
     FROM compared c CROSS JOIN LATERAL (VALUES
       ('unblended', c.t_u, c.g_u), ('amortized', c.t_a, c.g_a), ('net_amortized', c.t_n, c.g_n)
     ) AS m(metric, total, grouped)
     WHERE abs(m.grouped - m.total) > $4::numeric
     ORDER BY c.day, c.dataset, m.metric
     LIMIT $5`,
    [runId, datasets, services, TOLERANCE_USD, limit],
  );
  return {
    count: rows[0]?.count ?? 0,
    mismatches: rows.map((r): Mismatch => ({
      day: r.day,
      dataset: r.dataset,
      metric: r.metric,
      total: r.total,
      grouped: r.grouped,
      difference: r.difference,
    })),
  };
}

/** The run's error when the usage rows do not add up to their service's spend. */
export function formatUsageMismatches(count: number, mismatches: readonly Mismatch[]): string {
  return [
    `Reconciliation failed: ${count} day × usage dataset × metric sum${count === 1 ? "" : "s"} differ from the ` +
      `service's spend that day by more than $${TOLERANCE_USD}, so nothing was replaced (the previous data is intact):`,
    ...mismatches.map(
      (m) =>
        `  ${m.day} ${m.dataset} ${m.metric}: usage rows add up to ${m.grouped}, the service's spend is ${m.total} (off by ${m.difference})`,
    ),
    ...(count > mismatches.length ? [`  … and ${count - mismatches.length} more`] : []),
    "A page of the answer was probably lost or changed on the way; run the sync again. If it repeats, report these lines.",
  ].join("\n");
}
