// Tag compliance in dollars (issue 7): overall and per department, the monthly trend, and each tag's
// own breakdown, for a day range. Sums in SQL over numeric; amounts come back as exact decimal strings.
import type { Db } from "@/lib/db/types";
import {
  COMPLIANCE_DATASET,
  METRIC_COLUMN,
  SPLIT_COLUMNS_SQL,
  toClassifiedRowsSql,
  toComplianceSplit,
  toStatusedRowsSql,
  type ComplianceSplit,
} from "./compliance-sql";
import { TAG_KEYS, type TagKey, type TagSettings } from "./settings";
import type { TagsQuery } from "./tags-query";

export type DepartmentCompliance = ComplianceSplit & {
  /** What reports group under: the allowed value, the alias target, the raw value when not allowed; null = untagged. */
  department: string | null;
  /** How the department tag itself reads: allowed (maybe partly through aliases), not allowed, or missing. */
  departmentStatus: "allowed" | "not-allowed" | "missing";
  /** Spend grouped here only through an alias, and the raw values it came from (issue 5: say when an alias changed a number). */
  regroupedSpend: string;
  regroupedFrom: string[];
};

export type MonthCompliance = ComplianceSplit & { month: string };

/** One tag on its own: every dollar is allowed, aliased, not allowed or missing for it. */
export type TagBreakdown = { key: TagKey; allowed: string; aliased: string; notAllowed: string; missing: string; total: string };

export type ComplianceReport = {
  query: TagsQuery;
  overall: ComplianceSplit;
  departments: DepartmentCompliance[];
  months: MonthCompliance[];
  tags: TagBreakdown[];
  /** Cost Explorer's ungrouped total for the same days and metric: what `overall.total` must equal. */
  billTotal: string;
  /** Days of the three-tag dataset in the range (0 = nothing synced for it), and the first and last of them. */
  dayCount: number;
  firstDay: string | null;
  lastDay: string | null;
};

export async function getComplianceReport(db: Db, query: TagsQuery, settings: TagSettings): Promise<ComplianceReport> {
  const [departmentRows, months, tags, bill] = await Promise.all([
    listDepartmentRows(db, query, settings),
    listMonths(db, query, settings),
    listTagBreakdowns(db, query, settings),
    getBill(db, query),
  ]);
  const overallRow = departmentRows.find((r) => r.is_total === 1);
  const overall = overallRow ? toComplianceSplit(overallRow) : toComplianceSplit({ compliant: "0", missing: "0", not_allowed: "0", aliased: "0", total: "0" });
  const departments = departmentRows
    .filter((r) => r.is_total === 0)
    .map((r): DepartmentCompliance => ({
      ...toComplianceSplit(r),
      department: r.department_value as string | null,
      departmentStatus: toDepartmentStatus(r.worst_status as string),
      regroupedSpend: String(r.regrouped),
      regroupedFrom: (r.regrouped_from as string[] | null) ?? [],
    }));
  return { query, overall, departments, months, tags, billTotal: bill.total, ...bill.days };
}

async function listDepartmentRows(db: Db, query: TagsQuery, settings: TagSettings) {
  const params: unknown[] = [];
  const classified = toClassifiedRowsSql(query, settings, params);
  // GROUPING SETS: one row per department and the overall row, from one pass over the data.
  return db.sql.query(
    `WITH r AS (${classified}), s AS (${toStatusedRowsSql("r")})
     SELECT s.department_value, GROUPING(s.department_value) AS is_total, ${SPLIT_COLUMNS_SQL},
       COALESCE(sum(s.amount) FILTER (WHERE s.department_status = 'aliased'), 0)::text AS regrouped,
       array_agg(DISTINCT s.department ORDER BY s.department) FILTER (WHERE s.department_status = 'aliased') AS regrouped_from,
       max(CASE s.department_status WHEN 'missing' THEN 'missing' WHEN 'not-allowed' THEN 'not-allowed' ELSE 'allowed' END) AS worst_status
     FROM s
     GROUP BY GROUPING SETS ((s.department_value), ())
     ORDER BY is_total DESC, sum(s.amount) DESC, s.department_value`,
    params,
  );
}

async function listMonths(db: Db, query: TagsQuery, settings: TagSettings): Promise<MonthCompliance[]> {
  const params: unknown[] = [];
  const classified = toClassifiedRowsSql(query, settings, params);
  const rows = await db.sql.query(
    `WITH r AS (${classified}), s AS (${toStatusedRowsSql("r")})
     SELECT to_char(s.day::timestamp, 'YYYY-MM') AS month, ${SPLIT_COLUMNS_SQL}
     FROM s GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows.map((r) => ({ month: String(r.month), ...toComplianceSplit(r) }));
}

async function listTagBreakdowns(db: Db, query: TagsQuery, settings: TagSettings): Promise<TagBreakdown[]> {
  const params: unknown[] = [];
  const classified = toClassifiedRowsSql(query, settings, params);
  const perKey = TAG_KEYS.map((key) => `SELECT '${key}' AS key, r.${key}_status AS status, r.amount FROM r`).join(" UNION ALL ");
  const rows = await db.sql.query(
    `WITH r AS (${classified})
     SELECT t.key,
       COALESCE(sum(t.amount) FILTER (WHERE t.status = 'allowed'), 0)::text AS allowed,
       COALESCE(sum(t.amount) FILTER (WHERE t.status = 'aliased'), 0)::text AS aliased,
       COALESCE(sum(t.amount) FILTER (WHERE t.status = 'not-allowed'), 0)::text AS not_allowed,
       COALESCE(sum(t.amount) FILTER (WHERE t.status = 'missing'), 0)::text AS missing,
       COALESCE(sum(t.amount), 0)::text AS total
     FROM (${perKey}) t GROUP BY t.key`,
    params,
  );
  const zero = { allowed: "0", aliased: "0", not_allowed: "0", missing: "0", total: "0" };
  return TAG_KEYS.map((key) => {
    const r = rows.find((row) => row.key === key) ?? zero;
    return {
      key,
      allowed: String(r.allowed),
      aliased: String(r.aliased),
      notAllowed: String(r.not_allowed),
      missing: String(r.missing),
      total: String(r.total),
    };
  });
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
