// The classified cost rows every tag-compliance read starts from: one row of the three-tag dataset with
// each tag's status, the department reports group under, and the row's compliance status (./sql.ts).
import type { TagSettings } from "@/lib/settings/tags";
import { toComplianceStatusSql, toResolvedValueSql, toStatusSql } from "./sql";
import { METRIC_COLUMN } from "@/lib/metrics";
import type { TagsQuery } from "./tags-query";

/** The dataset with department, project and environment together: every cost row gets one status. */
export const COMPLIANCE_DATASET = "department,project,environment";

/**
 * A CTE body (`SELECT … FROM cost_daily`) with columns day, department (raw), amount, department_value
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
    ? ` AND ${toResolvedValueSql("c.department", "department", settings, params)} = ANY(${at(departments)}::text[])`
    : "";
  const where = `c.dataset = ${at(COMPLIANCE_DATASET)} AND c.day >= ${at(query.from)}::date AND c.day < ${at(query.to)}::date${inScope}`;
  return `SELECT c.day, c.department, c.${METRIC_COLUMN[query.metric]} AS amount,
    ${toResolvedValueSql("c.department", "department", settings, params)} AS department_value,
    ${toStatusSql("c.department", "department", settings, params)} AS department_status,
    ${toStatusSql("c.project", "project", settings, params)} AS project_status,
    ${toStatusSql("c.environment", "environment", settings, params)} AS environment_status
  FROM cost_daily c WHERE ${where}`;
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
