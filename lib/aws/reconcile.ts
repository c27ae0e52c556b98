// Reconciliation: for every day and each of the three metrics, every dataset's staged rows add up to Cost
// Explorer's ungrouped daily total within a cent. The sums are SQL over numeric (exact); this file only asks
// and says what differs.
import type { Db } from "@/lib/db/types";
import type { STORED_METRICS } from "@/lib/metrics";
import type { DayRange } from "@/lib/sync/types";
import { listDays } from "./query-plan";

/** One cent: AWS rounds each group separately, so groups of a real answer may miss the total by a fraction of it. */
export const TOLERANCE_USD = "0.01";

export type Mismatch = {
  day: string;
  dataset: string;
  metric: (typeof STORED_METRICS)[number];
  /** Cost Explorer's daily total; null when the day has rows but no total. */
  total: string | null;
  /** What the dataset's rows add up to ("0" when it has none that day). */
  grouped: string;
  difference: string;
};

/**
 * Every (day, dataset, metric) whose rows miss the daily total by more than a cent, first `limit` of them by
 * day, and how many there are. A dataset without any row on a day that has a total counts as 0 there.
 */
export async function findMismatches(db: Db, runId: number, datasets: readonly string[], limit = 20) {
  const rows = await db.sql.query<Mismatch & { count: number }>(
    `WITH totals AS (
       SELECT day, unblended, amortized, net_amortized FROM cost_day_staging WHERE run_id = $1
     ), grouped AS (
       SELECT dataset, day, sum(unblended) AS unblended, sum(amortized) AS amortized, sum(net_amortized) AS net_amortized
       FROM cost_daily_staging WHERE run_id = $1 GROUP BY dataset, day
     ), expected AS (
       SELECT d.dataset, t.* FROM totals t CROSS JOIN unnest($2::text[]) AS d(dataset)
     ), compared AS (
       SELECT coalesce(e.dataset, g.dataset) AS dataset, coalesce(e.day, g.day) AS day,
              e.unblended AS t_u, e.amortized AS t_a, e.net_amortized AS t_n,
              coalesce(g.unblended, 0) AS g_u, coalesce(g.amortized, 0) AS g_a, coalesce(g.net_amortized, 0) AS g_n
       FROM expected e FULL JOIN grouped g ON g.dataset = e.dataset AND g.day = e.day
     )
     SELECT c.day, c.dataset, m.metric, m.total::text AS total, m.grouped::text AS grouped,
            (m.grouped - coalesce(m.total, 0))::text AS difference, count(*) OVER ()::int AS count
     FROM compared c CROSS JOIN LATERAL (VALUES
       ('unblended', c.t_u, c.g_u), ('amortized', c.t_a, c.g_a), ('net_amortized', c.t_n, c.g_n)
     ) AS m(metric, total, grouped)
     WHERE m.total IS NULL OR abs(m.grouped - m.total) > $3::numeric
     ORDER BY c.day, c.dataset, m.metric
     LIMIT $4`,
    [runId, datasets, TOLERANCE_USD, limit],
  );
  const mismatches = rows.map((r): Mismatch => ({
    day: r.day,
    dataset: r.dataset,
    metric: r.metric,
    total: r.total,
    grouped: r.grouped,
    difference: r.difference,
  }));
  return { count: rows[0]?.count ?? 0, mismatches };
}

/** Days of the range the daily totals did not cover (each must come exactly once). */
export function findMissingDays(range: DayRange, days: readonly string[]): string[] {
  const seen = new Set(days);
  return listDays(range).filter((day) => !seen.has(day));
}

/** Days that came more than once, or outside the range. */
export function findUnexpectedDays(range: DayRange, days: readonly string[]): string[] {
  const seen = new Set<string>();
  const unexpected = new Set<string>();
  for (const day of days) {
    if (seen.has(day) || day < range.from || day >= range.to) unexpected.add(day);
    seen.add(day);
  }
  return [...unexpected].sort();
}

/** The run's error when reconciliation fails: which days, datasets and amounts, and what to do. */
export function formatMismatches(count: number, mismatches: readonly Mismatch[]): string {
  const lines = mismatches.map((m) =>
    m.total === null
      ? `  ${m.day} ${m.dataset} ${m.metric}: rows add up to ${m.grouped} but Cost Explorer sent no daily total for this day`
      : `  ${m.day} ${m.dataset} ${m.metric}: rows add up to ${m.grouped}, daily total ${m.total} (off by ${m.difference})`,
  );
  const more = count > mismatches.length ? [`  … and ${count - mismatches.length} more`] : [];
  return [
    `Reconciliation failed: ${count} day × dataset × metric sum${count === 1 ? "" : "s"} differ from Cost Explorer's ` +
      `ungrouped daily totals by more than $${TOLERANCE_USD}, so nothing was replaced (the previous data is intact):`,
    ...lines,
    ...more,
    "A page of the answer was probably lost or changed on the way; run the sync again. If it repeats, report these lines.",
  ].join("\n");
}
