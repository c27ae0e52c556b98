// The tag rules as SQL, so reports apply aliases and categories when they are read: stored data keeps raw
// values, and a settings change shows on every page at once, without a sync.
//
// Every builder appends its values to `params` and returns a fragment with `$n` placeholders. The SQL text
// depends only on the column and the placeholder numbers, never on the settings, so it can be prepared
// once. `columnSql` is written into the SQL as is: pass a trusted expression (a column name), never input.
// The fragments follow the mapping table below; ./sql.test.ts checks the table against classifyTagValue,
// ./sql.pg.test.ts runs the fragments in Postgres.
import { TAG_WHITESPACE, type TagClassification } from "./classify";
import type { EnvironmentCategory, TagKey, TagSettings } from "@/lib/settings/tags";

/** One raw value the settings know, matched exactly. */
export type TagMappingRow = {
  raw: string;
  status: "allowed" | "aliased";
  value: string;
  /** Environment only: the category of `value` (R&D when none is set). */
  category: EnvironmentCategory | null;
};

/**
 * What the SQL is built from. A raw value is missing when null or only TAG_WHITESPACE; else, when
 * `presenceOnly`, allowed as itself; else the row with that exact raw value; else not allowed as itself.
 */
export type TagMappingTable = {
  key: TagKey;
  presenceOnly: boolean;
  rows: TagMappingRow[];
  untaggedCategory: EnvironmentCategory | null;
};

export function toTagMappingTable(key: TagKey, settings: TagSettings): TagMappingTable {
  const isEnvironment = key === "environment";
  const untaggedCategory = isEnvironment ? settings.untaggedEnvironmentCategory : null;
  if (key === "project" || settings.allowed[key].length === 0) {
    return { key, presenceOnly: true, rows: [], untaggedCategory };
  }
  const categoryOf = (value: string) => (isEnvironment ? (settings.categories[value] ?? "rnd") : null);
  const rows: TagMappingRow[] = [
    ...settings.allowed[key].map((value) => ({
      raw: value,
      status: "allowed" as const,
      value,
      category: categoryOf(value),
    })),
    ...settings.aliases[key].map((a) => ({
      raw: a.raw,
      status: "aliased" as const,
      value: a.value,
      category: categoryOf(a.value),
    })),
  ];
  return { key, presenceOnly: false, rows, untaggedCategory };
}

/** The mapping table read the way the SQL reads it (for tests; reports use classifyTagValue or the SQL). */
export function toClassificationFromTable(
  table: TagMappingTable,
  raw: string | null,
): TagClassification & { category: EnvironmentCategory | null } {
  const isEnvironment = table.key === "environment";
  if (raw === null || [...raw].every((char) => TAG_WHITESPACE.includes(char))) {
    return { status: "missing", value: null, raw, category: table.untaggedCategory };
  }
  if (table.presenceOnly) return { status: "allowed", value: raw, raw, category: isEnvironment ? "rnd" : null };
  const row = table.rows.find((r) => r.raw === raw);
  if (row) return { status: row.status, value: row.value, raw, category: row.category };
  return { status: "not-allowed", value: raw, raw, category: isEnvironment ? "rnd" : null };
}

/** `TRUE` when the tag is missing: null, "" or only TAG_WHITESPACE. */
export function toMissingSql(columnSql: string, params: unknown[]): string {
  return `(${columnSql} IS NULL OR btrim(${columnSql}, ${push(params, TAG_WHITESPACE)}::text) = '')`;
}

/** Raw value → 'allowed' | 'aliased' | 'not-allowed' | 'missing' (text). */
export function toStatusSql(columnSql: string, key: TagKey, settings: TagSettings, params: unknown[]): string {
  const table = toTagMappingTable(key, settings);
  const missing = toMissingSql(columnSql, params);
  const presenceOnly = push(params, table.presenceOnly);
  const allowed = push(
    params,
    rawsWhere(table, (r) => r.status === "allowed"),
  );
  const aliased = push(
    params,
    rawsWhere(table, (r) => r.status === "aliased"),
  );
  return `(CASE WHEN ${missing} THEN 'missing'
  WHEN ${presenceOnly}::boolean OR ${columnSql} = ANY(${allowed}::text[]) THEN 'allowed'
  WHEN ${columnSql} = ANY(${aliased}::text[]) THEN 'aliased'
  ELSE 'not-allowed' END)`;
}

/** Raw value → the value reports group under (text): allowed value, alias target, raw value, or NULL when missing. */
export function toResolvedValueSql(columnSql: string, key: TagKey, settings: TagSettings, params: unknown[]): string {
  const table = toTagMappingTable(key, settings);
  const missing = toMissingSql(columnSql, params);
  const aliases = table.rows.filter((r) => r.status === "aliased");
  const raws = push(
    params,
    aliases.map((r) => r.raw),
  );
  const values = push(
    params,
    aliases.map((r) => r.value),
  );
  return `(CASE WHEN ${missing} THEN NULL::text
  ELSE COALESCE((${values}::text[])[array_position(${raws}::text[], ${columnSql}::text)], ${columnSql}::text) END)`;
}

/** Raw `environment` value → 'customer-serving' | 'rnd' (text), as categorizeEnvironment. */
export function toEnvironmentCategorySql(columnSql: string, settings: TagSettings, params: unknown[]): string {
  const table = toTagMappingTable("environment", settings);
  const missing = toMissingSql(columnSql, params);
  const untagged = push(params, table.untaggedCategory);
  const customerServing = push(
    params,
    rawsWhere(table, (r) => r.category === "customer-serving"),
  );
  return `(CASE WHEN ${missing} THEN ${untagged}::text
  WHEN ${columnSql} = ANY(${customerServing}::text[]) THEN 'customer-serving'
  ELSE 'rnd' END)`;
}

/**
 * 'missing' | 'not-allowed' | 'compliant' from the three status expressions (e.g. columns of a subquery
 * that selected toStatusSql for each key), as toComplianceStatus: aliased counts as not allowed.
 */
export function toComplianceStatusSql(statusSql: Record<TagKey, string>): string {
  const all = [statusSql.department, statusSql.project, statusSql.environment];
  return `(CASE WHEN ${all.map((s) => `${s} = 'missing'`).join(" OR ")} THEN 'missing'
  WHEN ${all.map((s) => `${s} IN ('not-allowed', 'aliased')`).join(" OR ")} THEN 'not-allowed'
  ELSE 'compliant' END)`;
}

/** The first key with the problem toComplianceStatusSql reports ('department' | 'project' | 'environment'), or NULL. */
export function toComplianceProblemKeySql(statusSql: Record<TagKey, string>): string {
  const keys = ["department", "project", "environment"] as const;
  const missing = keys.map((k) => `WHEN ${statusSql[k]} = 'missing' THEN '${k}'`);
  const notAllowed = keys.map((k) => `WHEN ${statusSql[k]} IN ('not-allowed', 'aliased') THEN '${k}'`);
  return `(CASE ${[...missing, ...notAllowed].join("\n  ")} ELSE NULL END)`;
}

function rawsWhere(table: TagMappingTable, keep: (row: TagMappingRow) => boolean): string[] {
  return table.rows.filter(keep).map((r) => r.raw);
}

function push(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}
