// The classified cost rows every tag-compliance read starts from: one row of the three-tag dataset with
// each tag's status, the department reports group under, and the row's compliance status (./sql.ts).
import type { TagSettings } from "@/lib/settings/tags";
import { toComplianceStatusSql, toResolvedValueSql, toStatusSql } from "./sql";
import { METRIC_COLUMN } from "@/lib/metrics";
import type { TagsQuery } from "./tags-query";

/** The dataset with department, project and environment together: every cost row gets one status. */
export const COMPLIANCE_DATASET = "department,project,environment";

const COST_COLUMNS =
  "dataset, department, project, environment, service, account_id, unblended, amortized, net_amortized";

// Whether cost_monthly holds exactly what cost_daily sums to: the rule of lib/reports/rollup.ts (built from the
// newest cost_day run and its day count), read here in SQL because this folder sits below the reports.
const ROLLUP_IS_CURRENT = `EXISTS (SELECT 1 FROM cost_monthly_state s
  WHERE s.run_id = (SELECT max(run_id) FROM cost_day) AND s.days = (SELECT count(*) FROM cost_day))`;

/**
 * The cost rows of one dataset for a day range, as a FROM item with cost_daily's columns. A range of whole
 * months reads the monthly sums instead (~30× fewer rows: 4 months at the large demo's size are 122,000 daily
 * rows against ~4,000), each dated the 1st, whenever the rollup is current; otherwise the daily rows. Sums
 * of either are the same to the cent (numeric), so every total below is. Appends its parameters to `params`.
 */
export function toCostRowsSql(dataset: string, range: { from: string; to: string }, params: unknown[]): string {
  const at = (value: unknown) => `$${params.push(value)}`;
  const [d, from, to] = [at(dataset), at(range.from), at(range.to)];
  const daily = `SELECT day, ${COST_COLUMNS} FROM cost_daily WHERE dataset = ${d} AND day >= ${from}::date AND day < ${to}::date`;
  if (!isWholeMonths(range)) return `(${daily})`;
  // One of the two branches runs: the condition is evaluated once, before either reads a row.
  return `(SELECT month AS day, ${COST_COLUMNS} FROM cost_monthly
             WHERE dataset = ${d} AND month >= ${from}::date AND month < ${to}::date AND ${ROLLUP_IS_CURRENT}
           UNION ALL ${daily} AND NOT ${ROLLUP_IS_CURRENT})`;
}

function isWholeMonths(range: { from: string; to: string }): boolean {
  return range.from.endsWith("-01") && range.to.endsWith("-01");
}

/**
 * A CTE body (`SELECT … FROM` the dataset's cost rows) with columns day, department (raw), amount, department_value
 * (what reports group under; NULL = untagged), department_status, project_status, environment_status.
 * `departments` (a person granted departments): only rows whose department, after aliases, is one of them.
 * Appends its parameters to `params`.
 */
export function toClassifiedRowsSql(
  query: TagsQuery,
  settings: TagSettings,
  params: unknown[],
  departments: string[] | null = null,
): string {
  const at = (value: unknown) => `$${params.push(value)}`;
  const inScope = departments
    ? ` WHERE ${toResolvedValueSql("c.department", "department", settings, params)} = ANY(${at(departments)}::text[])`
    : "";
  return `SELECT c.day, c.department, c.${METRIC_COLUMN[query.metric]} AS amount,
    ${toResolvedValueSql("c.department", "department", settings, params)} AS department_value,
    ${toStatusSql("c.department", "department", settings, params)} AS department_status,
    ${toStatusSql("c.project", "project", settings, params)} AS project_status,
    ${toStatusSql("c.environment", "environment", settings, params)} AS environment_status
  FROM ${toCostRowsSql(COMPLIANCE_DATASET, query, params)} c${inScope}`;
}

const STATUS_COLUMNS = {
  department: "r.department_status",
  project: "r.project_status",
  environment: "r.environment_status",
};

/**
 * Adds `status` (missing | not-allowed | compliant) and `is_aliased_only` (not allowed, but every value
 * outside the lists has an alias: reports already group it right, the resource still needs retagging).
 */
export function toStatusedRowsSql(classifiedCte: string): string {
  return `SELECT r.*, ${toComplianceStatusSql(STATUS_COLUMNS)} AS status,
    (r.department_status <> 'not-allowed' AND r.project_status <> 'not-allowed' AND r.environment_status <> 'not-allowed') AS is_aliased_only
  FROM ${classifiedCte} r`;
}

/** The money columns of a compliance split over the rows of `s` (a relation built by toStatusedRowsSql). */
export const SPLIT_COLUMNS_SQL = `
  COALESCE(sum(s.amount) FILTER (WHERE s.status = 'compliant'), 0)::text AS compliant,
  COALESCE(sum(s.amount) FILTER (WHERE s.status = 'missing'), 0)::text AS missing,
  COALESCE(sum(s.amount) FILTER (WHERE s.status = 'not-allowed'), 0)::text AS not_allowed,
  COALESCE(sum(s.amount) FILTER (WHERE s.status = 'not-allowed' AND s.is_aliased_only), 0)::text AS aliased,
  COALESCE(sum(s.amount), 0)::text AS total`;

export type ComplianceSplit = {
  compliant: string;
  missing: string;
  notAllowed: string;
  /** Part of notAllowed whose values all have an alias (reports group it right). */
  aliased: string;
  total: string;
};

export function toComplianceSplit(row: Record<string, unknown>): ComplianceSplit {
  return {
    compliant: String(row.compliant),
    missing: String(row.missing),
    notAllowed: String(row.not_allowed),
    aliased: String(row.aliased),
    total: String(row.total),
  };
}
