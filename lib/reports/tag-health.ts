// How much spend has no department / project / environment tag, or a value outside the allowed lists, from
// the dataset that holds the three tags together.
import type { Db } from "@/lib/db/types";
import { toComplianceStatusSql, toResolvedValueSql, toStatusSql } from "@/lib/tags/sql";
import type { TagSettings } from "@/lib/settings/tags";
import { prepareSpendRollup } from "./rollup";
import { toSourceSql } from "./spend-sql";
import type { Metric } from "@/lib/metrics";

export type TagHealthKey = "department" | "project" | "environment";
export type TagHealth = {
  total: string;
  /** Per key: spend without the tag, and spend whose value is outside the allowed list (aliased values included). */
  keys: Record<TagHealthKey, { missing: string; notAllowed: string }>;
  /** Spend missing at least one tag, and spend with every tag but at least one value not allowed (they do not overlap). */
  anyMissing: string;
  anyNotAllowed: string;
};

export async function getTagHealth(
  db: Db,
  range: { from: string; to: string },
  metric: Metric,
  settings: TagSettings,
  /** A person granted departments: only the rows whose department (after aliases) is one of theirs. */
  departments: string[] | null = null,
  /** What prepareSpendRollup answered, when the caller asked it already. */
  rollupReady?: boolean,
): Promise<TagHealth> {
  const useMonths = rollupReady ?? (await prepareSpendRollup(db));
  const params: unknown[] = ["department,project,environment", range.from, range.to];
  const source = toSourceSql(
    { ...range, useMonths, columns: ["department", "project", "environment"], metric },
    params,
  );
  const status = {
    department: toStatusSql("r.department", "department", settings, params),
    project: toStatusSql("r.project", "project", settings, params),
    environment: toStatusSql("r.environment", "environment", settings, params),
  };
  const compliance = toComplianceStatusSql({
    department: "s.department",
    project: "s.project",
    environment: "s.environment",
  });
  const perKey = (["department", "project", "environment"] as const).flatMap((k) => [
    `COALESCE(sum(amount) FILTER (WHERE s.${k} = 'missing'), 0) AS ${k}_missing`,
    `COALESCE(sum(amount) FILTER (WHERE s.${k} IN ('not-allowed', 'aliased')), 0) AS ${k}_not_allowed`,
  ]);
  const inScope = departments
    ? `WHERE ${toResolvedValueSql("r.department", "department", settings, params)} = ANY($${params.push(departments)}::text[])`
    : "";
  const [row] = await db.sql.query<Record<string, string>>(
    `WITH r AS (
       SELECT department, project, environment, sum(amount) AS amount FROM ${source} src GROUP BY 1, 2, 3
     ), s AS (
       SELECT amount, ${status.department} AS department, ${status.project} AS project, ${status.environment} AS environment FROM r ${inScope}
     ), c AS (SELECT s.*, ${compliance} AS compliance FROM s)
     SELECT COALESCE(sum(amount), 0) AS total, ${perKey.join(", ")},
       COALESCE(sum(amount) FILTER (WHERE compliance = 'missing'), 0) AS any_missing,
       COALESCE(sum(amount) FILTER (WHERE compliance = 'not-allowed'), 0) AS any_not_allowed
     FROM c s`,
    params,
  );
  const get = (name: string) => row?.[name] ?? "0";
  return {
    total: get("total"),
    keys: {
      department: { missing: get("department_missing"), notAllowed: get("department_not_allowed") },
      project: { missing: get("project_missing"), notAllowed: get("project_not_allowed") },
      environment: { missing: get("environment_missing"), notAllowed: get("environment_not_allowed") },
    },
    anyMissing: get("any_missing"),
    anyNotAllowed: get("any_not_allowed"),
  };
}
