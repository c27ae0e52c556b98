// Offenders: each missing tag and each value outside the allowed lists, with its spend, the
// services and linked accounts it comes from, and the allowed value it most likely meant.
import type { Db } from "@/lib/db/types";
import { METRIC_COLUMN } from "@/lib/metrics";
import { compareMoney } from "@/lib/money";
import { suggestAllowedValue } from "./classify";
import { COMPLIANCE_DATASET, toCostRowsSql } from "./compliance-sql";
import {
  CONSTRAINED_TAG_KEYS,
  TAG_KEYS,
  type ConstrainedTagKey,
  type TagKey,
  type TagSettings,
} from "@/lib/settings/tags";
import { toMissingSql, toResolvedValueSql, toStatusSql } from "./sql";
import type { TagsQuery } from "./tags-query";

export type OffenderProblem = "missing" | "not-allowed";

export type Offender = {
  key: TagKey;
  /** The raw value as tagged; null when the tag is missing (absent, empty or blank). */
  value: string | null;
  problem: OffenderProblem;
  /** The allowed value an alias maps it to: reports group it there, compliance still counts it. */
  aliasOf: string | null;
  /** The closest allowed value, for a value not allowed and not aliased yet. */
  suggestion: string | null;
  spend: string;
  /**
   * Largest first; null when the `<key>,service` dataset has no rows in the range (not synced), or, for a person
   * granted departments, when it has no department column to restrict on (project and environment).
   */
  services: { service: string; spend: string }[] | null;
  /** Largest first; null when the `<key>,account` dataset has no rows in the range, or cannot be restricted. */
  accounts: { accountId: string; name: string | null; spend: string }[] | null;
};

/** Whether the three-tag dataset has rows in the range: no offenders means "all tagged" only when it does. */
export async function hasComplianceData(db: Db, query: TagsQuery): Promise<boolean> {
  const [row] = await db.sql.query<{ found: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM cost_daily WHERE dataset = $1 AND day >= $2::date AND day < $3::date) AS found",
    [COMPLIANCE_DATASET, query.from, query.to],
  );
  return row?.found === true;
}

/**
 * Every offender of the range, largest spend first. A cost row missing two tags is an offender of each.
 * `departments` (a person granted departments): only rows whose department, after aliases, is one of them; the
 * per-service and per-account breakdowns of project and environment come from datasets without a department,
 * which cannot be restricted, so they are left out (null) rather than show other departments' spend.
 */
export async function listTagOffenders(
  db: Db,
  query: TagsQuery,
  settings: TagSettings,
  departments: string[] | null = null,
): Promise<Offender[]> {
  const perKey = await Promise.all(TAG_KEYS.map((key) => listOffendersOfKey(db, key, query, settings, departments)));
  return perKey
    .flat()
    .sort(
      (a, b) =>
        compareMoney(b.spend, a.spend) || a.key.localeCompare(b.key) || (a.value ?? "").localeCompare(b.value ?? ""),
    );
}

type Group = { raw: string | null; status: string; spend: string; detail?: string; name?: string | null };

async function listOffendersOfKey(
  db: Db,
  key: TagKey,
  query: TagsQuery,
  settings: TagSettings,
  departments: string[] | null,
): Promise<Offender[]> {
  // `<key>,service` and `<key>,account` hold the department column only when the key is department.
  const detailed = departments === null || key === "department";
  const [groups, services, accounts] = await Promise.all([
    listOffendingGroups(db, key, COMPLIANCE_DATASET, null, query, settings, departments),
    detailed ? listOffendingGroups(db, key, `${key},service`, "service", query, settings, departments) : null,
    detailed ? listOffendingGroups(db, key, `${key},account`, "account_id", query, settings, departments) : null,
  ]);
  const detailsOf = (rows: Group[] | null, raw: string | null) => rows?.filter((r) => r.raw === raw) ?? null;
  return (groups ?? []).map((g): Offender => {
    const aliasOf =
      g.status === "aliased" && isConstrained(key)
        ? (settings.aliases[key].find((a) => a.raw === g.raw)?.value ?? null)
        : null;
    const canSuggest = g.status === "not-allowed" && isConstrained(key);
    return {
      key,
      value: g.raw,
      problem: g.status === "missing" ? "missing" : "not-allowed",
      aliasOf,
      suggestion: canSuggest ? suggestAllowedValue(g.raw, settings.allowed[key as ConstrainedTagKey]) : null,
      spend: g.spend,
      services: detailsOf(services, g.raw)?.map((r) => ({ service: r.detail ?? "", spend: r.spend })) ?? null,
      accounts:
        detailsOf(accounts, g.raw)?.map((r) => ({ accountId: r.detail ?? "", name: r.name ?? null, spend: r.spend })) ??
        null,
    };
  });
}

/**
 * Spend of `key`'s offending values in `dataset`, grouped by raw value (blank ones together as NULL) and,
 * when `detailColumn` is set, by that column too. Null when the dataset has no rows in the range.
 */
async function listOffendingGroups(
  db: Db,
  key: TagKey,
  dataset: string,
  detailColumn: "service" | "account_id" | null,
  query: TagsQuery,
  settings: TagSettings,
  /** Only these departments (after aliases); the dataset must have the department column. */
  departments: string[] | null,
): Promise<Group[] | null> {
  const params: unknown[] = [];
  const status = toStatusSql(`c.${key}`, key, settings, params);
  const missing = toMissingSql(`c.${key}`, params);
  const inScope = departments
    ? `AND ${toResolvedValueSql("c.department", "department", settings, params)} = ANY($${params.push(departments)}::text[])`
    : "";
  const detail = detailColumn ? `c.${detailColumn}` : "NULL::text";
  const rows = await db.sql.query<{
    raw: string | null;
    status: string;
    detail: string | null;
    name: string | null;
    spend: string;
  }>(
    `WITH o AS (
       SELECT CASE WHEN ${missing} THEN NULL ELSE c.${key} END AS raw, ${status} AS status, ${detail} AS detail,
              c.${METRIC_COLUMN[query.metric]} AS amount
       FROM ${toCostRowsSql(dataset, query, params)} c WHERE TRUE ${inScope}
     )
     SELECT o.raw, o.status, o.detail, a.name, sum(o.amount)::text AS spend
     FROM o LEFT JOIN cost_account a ON ${detailColumn === "account_id" ? "a.account_id = o.detail" : "FALSE"}
     WHERE o.status <> 'allowed'
     GROUP BY o.raw, o.status, o.detail, a.name
     HAVING sum(o.amount) <> 0 -- e.g. a savings plan fee is $0 amortized: not where spend comes from
     ORDER BY sum(o.amount) DESC, o.detail`,
    params,
  );
  if (rows.length === 0 && detailColumn !== null) {
    // No offending rows: tell "all allowed" apart from "this dataset was never synced for the range".
    const [probe] = await db.sql.query<{ has_rows: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM cost_daily WHERE dataset = $1 AND day >= $2::date AND day < $3::date) AS has_rows",
      [dataset, query.from, query.to],
    );
    if (!probe?.has_rows) return null;
  }
  return rows.map((r) => ({
    raw: r.raw,
    status: r.status,
    spend: r.spend,
    detail: r.detail ?? undefined,
    name: r.name,
  }));
}

function isConstrained(key: TagKey): key is ConstrainedTagKey {
  return (CONSTRAINED_TAG_KEYS as readonly string[]).includes(key);
}
