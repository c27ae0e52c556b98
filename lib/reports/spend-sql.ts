// The SQL of a spend report. Sums run in Postgres over `numeric`; aliases and categories are applied
// when the report is read (lib/tags/sql.ts), after a first aggregation by raw value so the tag rules run
// once per raw value and period instead of once per stored row.
import { toEnvironmentCategorySql, toResolvedValueSql, toStatusSql } from "@/lib/tags/sql";
import { addMonths, startOfMonth } from "@/lib/dates";
import { METRIC_COLUMN, type Metric } from "@/lib/metrics";
import type { TagSettings } from "@/lib/settings/tags";
import type { Dataset, Dimension, StoredDimension } from "./datasets";
import { DIMENSIONS, listNeededDimensions } from "./datasets";
import type { Granularity } from "./periods";
import { NOT_ALLOWED_FILTER, UNTAGGED_FILTER, type SpendView } from "./view";

export type SqlQuery = { text: string; params: unknown[] };

const COLUMN: Record<StoredDimension, string> = {
  department: "department",
  project: "project",
  environment: "environment",
  service: "service",
  account: "account_id",
};
const TAG_DIMENSIONS = ["department", "project", "environment"] as const;
type TagDimension = (typeof TAG_DIMENSIONS)[number];
const isTag = (d: StoredDimension): d is TagDimension => (TAG_DIMENSIONS as readonly string[]).includes(d);

/**
 * The rows of dataset $1 over [$2, $3) with a `day`, the raw columns and `amount`: whole months from the
 * monthly rollup (lib/reports/rollup.ts) when periods are months or the whole range, the rest from cost_daily.
 * A rollup row's `day` is the 1st of its month, which falls in the same month period.
 */
export function toSourceSql(
  opts: { from: string; to: string; useMonths: boolean; columns: string[]; metric: Metric },
  params: unknown[],
): string {
  const p = (value: unknown) => `$${params.push(value)}`;
  const cols = opts.columns.map((c) => `, ${c}`).join("");
  const metric = METRIC_COLUMN[opts.metric];
  const firstWhole = opts.from === startOfMonth(opts.from) ? opts.from : addMonths(opts.from, 1);
  const endWhole = startOfMonth(opts.to);
  if (!opts.useMonths || firstWhole >= endWhole) {
    return `(SELECT day${cols}, ${metric} AS amount FROM cost_daily WHERE dataset = $1 AND day >= $2::date AND day < $3::date)`;
  }
  const a = p(firstWhole);
  const b = p(endWhole);
  return `(SELECT month AS day${cols}, ${metric} AS amount FROM cost_monthly WHERE dataset = $1 AND month >= ${a}::date AND month < ${b}::date
  UNION ALL
  SELECT day${cols}, ${metric} AS amount FROM cost_daily
  WHERE dataset = $1 AND ((day >= $2::date AND day < ${a}::date) OR (day >= ${b}::date AND day < $3::date)))`;
}

/** The start of the period a `day` column falls in, as a date (a month is clipped to `from`). */
export function toPeriodSql(granularity: Granularity, fromParam: string): string {
  if (granularity === "day") return "day";
  if (granularity === "total") return `${fromParam}::date`;
  return `greatest(day - (EXTRACT(DAY FROM day)::int - 1), ${fromParam}::date)`;
}

/**
 * Rows: one per (g1, g2, period) plus the roll-ups the GROUPING SETS add — per group over the range
 * (period NULL), per period over all groups, and the grand total; `level` is GROUPING(g1, g2, period).
 * Each row also says how much of it an alias moved and from which raw values.
 */
export function buildSpendQuery(
  view: SpendView,
  dataset: Dataset,
  settings: TagSettings,
  /** Only these departments (resolved values); null = all. */
  departments: string[] | null = null,
  /** Read whole months from the monthly rollup (false while it is out of date and may not be rebuilt). */
  useRollup = true,
): SqlQuery {
  const params: unknown[] = [dataset.name, view.from, view.to];
  const p = (value: unknown) => `$${params.push(value)}`;
  const needed = listNeededDimensions([
    ...view.by,
    ...DIMENSIONS.filter((d) => view.filters[d] !== undefined),
    ...(departments ? (["department"] as const) : []),
  ]);
  const rawFilters: string[] = [];
  for (const d of ["service", "account"] as const) {
    const value = view.filters[d];
    if (value !== undefined) rawFilters.push(`AND ${COLUMN[d]} = ${p(value)}`);
  }

  // Second stage: resolved value, status and category per raw value.
  const resolved = (d: TagDimension) => toResolvedValueSql(`r.${d}`, d, settings, params);
  const status = (d: TagDimension) => toStatusSql(`r.${d}`, d, settings, params);
  const groupSql = (d: Dimension): string => {
    if (d === "category") return toEnvironmentCategorySql("r.environment", settings, params);
    const stored = d as StoredDimension;
    return isTag(stored) ? resolved(stored) : `r.${COLUMN[stored]}`;
  };
  const [first, second] = view.by;
  const g1 = groupSql(first ?? "department");
  const g2 = second ? groupSql(second) : "NULL::text";

  const conditions: string[] = [];
  for (const d of DIMENSIONS) {
    const value = view.filters[d];
    if (value === undefined || d === "service" || d === "account") continue;
    if (d === "category") {
      conditions.push(`${toEnvironmentCategorySql("r.environment", settings, params)} = ${p(value)}`);
    } else if (value === UNTAGGED_FILTER) {
      conditions.push(`${status(d)} = 'missing'`);
    } else if (value === NOT_ALLOWED_FILTER) {
      // Outside the allowed list, also when an alias maps it (the tag itself is still wrong).
      conditions.push(`${status(d)} IN ('not-allowed', 'aliased')`);
    } else {
      conditions.push(`${resolved(d)} = ${p(value)}`);
    }
  }
  // A person granted departments: their spend only, whatever the view asks for (department IN (...)).
  if (departments) conditions.push(`${resolved("department")} = ANY(${p(departments)}::text[])`);
  // Aliases can only exist for department and environment (project is free text).
  const aliasable = (["department", "environment"] as const).filter((d) => needed.includes(d));
  const aliasedRaw = (d: TagDimension) => `CASE WHEN ${status(d)} = 'aliased' THEN r.${d} END`;
  const aliasColumns = aliasable.map((d) => `${aliasedRaw(d)} AS aliased_${d}`);

  const rawColumns = needed.map((d) => COLUMN[d]);
  const source = toSourceSql(
    {
      from: view.from,
      to: view.to,
      useMonths: useRollup && view.granularity !== "day",
      columns: rawColumns,
      metric: view.metric,
    },
    params,
  );
  const text = `
WITH r AS (
  SELECT ${toPeriodSql(view.granularity, "$2")} AS period${rawColumns.map((c) => `, ${c}`).join("")}, sum(amount) AS amount
  FROM ${source} src
  WHERE TRUE ${rawFilters.join(" ")}
  GROUP BY ${["1", ...rawColumns].join(", ")}
), k AS (
  SELECT r.period, r.amount, ${g1} AS g1, ${g2} AS g2${aliasColumns.map((c) => `, ${c}`).join("")}
  FROM r
  ${conditions.length > 0 ? `WHERE ${conditions.join("\n    AND ")}` : ""}
)
SELECT g1, g2, period, GROUPING(g1, g2, period) AS level, sum(amount) AS amount,
       ${aliasable.length > 0 ? `sum(amount) FILTER (WHERE ${aliasable.map((d) => `aliased_${d} IS NOT NULL`).join(" OR ")})` : "NULL::numeric"} AS aliased_amount,
       ${aliasable.includes("department") ? "array_agg(DISTINCT aliased_department) FILTER (WHERE aliased_department IS NOT NULL)" : "NULL::text[]"} AS aliased_department,
       ${aliasable.includes("environment") ? "array_agg(DISTINCT aliased_environment) FILTER (WHERE aliased_environment IS NOT NULL)" : "NULL::text[]"} AS aliased_environment
FROM k
GROUP BY GROUPING SETS ((g1, g2, period), (g1, g2), (period), ())`;
  return { text, params };
}

/** Cost Explorer's ungrouped daily totals per period: which days are synced, Estimated, and the bill's total. */
export function buildPeriodTotalsQuery(view: SpendView): SqlQuery {
  return {
    text: `SELECT ${toPeriodSql(view.granularity, "$1")} AS period, count(*)::int AS days, bool_or(estimated) AS estimated,
       sum(${METRIC_COLUMN[view.metric]}) AS total, max(day) AS last_day
FROM cost_day WHERE day >= $1::date AND day < $2::date GROUP BY 1`,
    params: [view.from, view.to],
  };
}
