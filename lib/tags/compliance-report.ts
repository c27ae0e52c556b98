// Tag compliance in dollars: overall and per department, the monthly trend, and each tag's
// own breakdown, for a day range. Sums in SQL over numeric; amounts come back as exact decimal strings.
import type { Db } from "@/lib/db/types";
import { METRIC_COLUMN } from "@/lib/metrics";
import {
  COMPLIANCE_DATASET,
  SPLIT_COLUMNS_SQL,
  toClassifiedRowsSql,
  toComplianceSplit,
  toStatusedRowsSql,
  type ComplianceSplit,
} from "./compliance-sql";
import { TAG_KEYS, type TagKey, type TagSettings } from "@/lib/settings/tags";
import type { TagsQuery } from "./tags-query";

export type DepartmentCompliance = ComplianceSplit & {
  /** What reports group under: the allowed value, the alias target, the raw value when not allowed; null = untagged. */
  department: string | null;
  /** How the department tag itself reads: allowed (maybe partly through aliases), not allowed, or missing. */
  departmentStatus: "allowed" | "not-allowed" | "missing";
  /** Spend grouped here only through an alias, and the raw values it came from (a report says when an alias changed a number). */
  regroupedSpend: string;
  regroupedFrom: string[];
};

export type MonthCompliance = ComplianceSplit & { month: string };

/** One tag on its own: every dollar is allowed, aliased, not allowed or missing for it. */
export type TagBreakdown = {
  key: TagKey;
  allowed: string;
  aliased: string;
  notAllowed: string;
  missing: string;
  total: string;
};

export type ComplianceReport = {
  query: TagsQuery;
  overall: ComplianceSplit;
  departments: DepartmentCompliance[];
  months: MonthCompliance[];
  tags: TagBreakdown[];
  /**
   * Cost Explorer's ungrouped total for the same days and metric: what `overall.total` must equal. Null for a
   * person granted departments: the bill is everyone's spend.
   */
  billTotal: string | null;
  /** Days of the three-tag dataset in the range (0 = nothing synced for it), and the first and last of them. */
  dayCount: number;
  firstDay: string | null;
  lastDay: string | null;
};

/** `departments`: a person granted departments reads only the rows of theirs (department after aliases). */
export async function getComplianceReport(
  db: Db,
  query: TagsQuery,
  settings: TagSettings,
  departments: string[] | null = null,
): Promise<ComplianceReport> {
  const [rows, bill] = await Promise.all([listGroupedRows(db, query, settings, departments), getBill(db, query)]);
  const ofSet = (set: string) => rows.filter((r) => r.grouping_set === set);
  const overallRow = ofSet("total")[0];
  const overall = toComplianceSplit(
    overallRow ?? { compliant: "0", missing: "0", not_allowed: "0", aliased: "0", total: "0" },
  );
  const byDepartment = ofSet("department").map((r): DepartmentCompliance => ({
    ...toComplianceSplit(r),
    department: r.department_value as string | null,
    departmentStatus: toDepartmentStatus(r.worst_department_status as string),
    regroupedSpend: String(r.regrouped),
    regroupedFrom: (r.regrouped_from as string[] | null) ?? [],
  }));
  const months = ofSet("month")
    .map((r): MonthCompliance => ({ month: String(r.month), ...toComplianceSplit(r) }))
    .sort((a, b) => a.month.localeCompare(b.month));
  const tags = TAG_KEYS.map((key): TagBreakdown => {
    const byStatus = (status: string) => ofSet(`tag:${key}`).find((r) => r[`${key}_status`] === status)?.total;
    const amount = (status: string) => String(byStatus(status) ?? "0");
    return {
      key,
      allowed: amount("allowed"),
      aliased: amount("aliased"),
      notAllowed: amount("not-allowed"),
      missing: amount("missing"),
      total: overall.total,
    };
  });
  return {
    query,
    overall,
    departments: byDepartment,
    months,
    tags,
    billTotal: departments ? null : bill.total,
    ...bill.days,
  };
}

/**
 * One pass over the range's rows, grouped several ways at once (GROUPING SETS): per department (as
 * reports group it), per month, per status of each tag, and overall. `grouping_set` names each row's set.
 */
async function listGroupedRows(db: Db, query: TagsQuery, settings: TagSettings, departments: string[] | null) {
  const params: unknown[] = [];
  const classified = toClassifiedRowsSql(query, settings, params, departments);
  const sets: [string, string][] = [
    ["department", "s.department_value"],
    ["month", "s.month"],
    ...TAG_KEYS.map((key): [string, string] => [`tag:${key}`, `s.${key}_status`]),
  ];
  const setName = `CASE ${sets.map(([name, column]) => `WHEN GROUPING(${column}) = 0 THEN '${name}'`).join(" ")} ELSE 'total' END`;
  return db.sql.query(
    `WITH r AS (${classified}), s AS (SELECT q.*, to_char(q.day::timestamp, 'YYYY-MM') AS month FROM (${toStatusedRowsSql("r")}) q)
     SELECT ${setName} AS grouping_set, ${sets.map(([, column]) => column).join(", ")}, ${SPLIT_COLUMNS_SQL},
       COALESCE(sum(s.amount) FILTER (WHERE s.department_status = 'aliased'), 0)::text AS regrouped,
       array_agg(DISTINCT s.department ORDER BY s.department) FILTER (WHERE s.department_status = 'aliased') AS regrouped_from,
       max(CASE s.department_status WHEN 'missing' THEN 'missing' WHEN 'not-allowed' THEN 'not-allowed' ELSE 'allowed' END) AS worst_department_status
     FROM s
     GROUP BY GROUPING SETS (${sets.map(([, column]) => `(${column})`).join(", ")}, ())
     ORDER BY grouping_set, sum(s.amount) DESC, s.department_value, s.month`,
    params,
  );
}

async function getBill(db: Db, query: TagsQuery) {
  const column = METRIC_COLUMN[query.metric];
  const [row] = await db.sql.query(
    `SELECT (SELECT COALESCE(sum(${column}), 0)::text FROM cost_day WHERE day >= $1::date AND day < $2::date) AS total, d.*
     FROM (SELECT count(DISTINCT day) AS day_count, min(day) AS first_day, max(day) AS last_day
           FROM cost_daily WHERE dataset = $3 AND day >= $1::date AND day < $2::date) d`,
    [query.from, query.to, COMPLIANCE_DATASET],
  );
  const days = {
    dayCount: Number(row?.day_count ?? 0),
    firstDay: (row?.first_day as string | null | undefined) ?? null,
    lastDay: (row?.last_day as string | null | undefined) ?? null,
  };
  return { total: String(row?.total ?? "0"), days };
}

function toDepartmentStatus(worst: string): DepartmentCompliance["departmentStatus"] {
  return worst === "missing" || worst === "not-allowed" ? worst : "allowed";
}
