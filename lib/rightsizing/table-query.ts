// Filters, sorting and paging of rightsizing rows: parsed from URL search params or export options with the
// same schema (lib/search-params.ts), so a shared page URL and its download select the same rows; applied in
// JS after the rules ran, because team and environment are resolved by the rules with the current settings.
import { z } from "zod";
import { blankAsAbsent, PAGE_SIZES, pageNumberParam, pageSizeParam, paramError } from "@/lib/search-params";
import { UNTAGGED_LABEL } from "@/lib/labels";
import { toWorkloadKey } from "./summarize";
import { FLAGS } from "./types";
import type { Flag, RightsizingRow, Severity } from "./types";

export const CHANGES = ["cut", "raise", "none", "no-recommendation"] as const;
export type Change = (typeof CHANGES)[number];
export const SORTS = ["savings", "change", "cpu", "memory", "name"] as const;
export type Sort = (typeof SORTS)[number];
export { PAGE_SIZES };

// The filters are filled by a plain GET form, which sends an empty field for "any": blank is absent.
const optionalText = (name: string) =>
  blankAsAbsent(z.string().trim().max(200, paramError(name, "at most 200 characters")).optional());
const oneOf = <T extends readonly [string, ...string[]]>(
  name: string,
  values: T,
  text = `expected one of ${values.join(", ")}`,
) => z.enum(values, paramError(name, text));

// Cluster and environment: the filters of the overview and of every team page.
export const scopeSchema = z.object({ cluster: optionalText("cluster"), environment: optionalText("environment") });
export type Scope = { cluster?: string | undefined; environment?: string | undefined };

// The team table adds row filters, sort and paging. Unknown values are errors, not silently ignored.
export const tableQuerySchema = scopeSchema.extend({
  flag: blankAsAbsent(oneOf("flag", FLAGS).optional()),
  change: blankAsAbsent(oneOf("change", CHANGES).optional()),
  q: optionalText("q"),
  sort: blankAsAbsent(oneOf("sort", SORTS).default("savings")),
  dir: blankAsAbsent(oneOf("dir", ["asc", "desc"], "expected asc or desc").optional()),
  page: pageNumberParam("page"),
  size: pageSizeParam("size"),
});
export type TableQuery = z.infer<typeof tableQuerySchema>;

// One container, named in full: what a row's usage chart asks for.
const name = (param: string) =>
  z.string(paramError(param, "required")).min(1, paramError(param, "required")).max(253, paramError(param, "too long"));
export const containerKeySchema = z.object({
  cluster: name("cluster"),
  namespace: name("namespace"),
  workloadKind: name("workloadKind"),
  workload: name("workload"),
  container: name("container"),
});

// The environment a filter names: the resolved value, trimmed and lower-case; "(untagged)" when none.
export function toEnvironmentKey(row: RightsizingRow): string {
  return row.recommendation.environment.value?.toLowerCase() ?? UNTAGGED_LABEL;
}

export function toChange(row: RightsizingRow): Change {
  return row.recommendation.recommended === null ? "no-recommendation" : row.recommendation.direction;
}

export function isInScope(row: RightsizingRow, scope: Scope): boolean {
  if (scope.cluster !== undefined && row.usage.cluster !== scope.cluster) return false;
  if (scope.environment !== undefined && toEnvironmentKey(row) !== scope.environment.toLowerCase()) return false;
  return true;
}

export function matchesQuery(row: RightsizingRow, query: TableQuery): boolean {
  if (!isInScope(row, query)) return false;
  if (query.flag !== undefined && !row.recommendation.flags.includes(query.flag as Flag)) return false;
  if (query.change !== undefined && toChange(row) !== query.change) return false;
  if (query.q !== undefined) {
    const needle = query.q.toLowerCase();
    const { namespace, workload, container } = row.usage;
    if (![namespace, workload, container].some((text) => text.toLowerCase().includes(needle))) return false;
  }
  return true;
}

const SEVERITY_RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3 };

// Sort value of one row; larger = first when descending.
function rowValue(row: RightsizingRow, sort: Sort): number {
  const { recommendation: rec, usage, savings } = row;
  const change = rec.change;
  switch (sort) {
    case "savings":
      return savings.monthlyCents;
    case "change": // severity first, then the larger relative change of the two requests
      return (
        SEVERITY_RANK[rec.severity] * 1e6 +
        Math.min(999_999, Math.max(Math.abs(change?.cpuPct ?? 0), Math.abs(change?.memoryPct ?? 0)))
      );
    case "cpu": // requested millicores removed (or added) across replicas
      return Math.abs(change?.cpuMillicores ?? 0) * usage.replicas;
    case "memory":
      return Math.abs(change?.memoryBytes ?? 0) * usage.replicas;
    case "name":
      return 0;
  }
}

export type WorkloadGroup = {
  key: string;
  rows: RightsizingRow[];
  /** True when the group started on an earlier page (its header repeats, marked "continued"). */
  isContinued: boolean;
};

export type TablePage = { groups: WorkloadGroup[]; matchingRows: RightsizingRow[]; page: number; pageCount: number };

// Rows grouped by workload; groups ordered by their sum (savings) or largest row (others), rows in a
// group by the same key; ties by name so the order is stable. Paged by container rows.
export function toTablePage(rows: RightsizingRow[], query: TableQuery): TablePage {
  const matchingRows = rows.filter((row) => matchesQuery(row, query));
  const dir = query.dir ?? (query.sort === "name" ? "asc" : "desc");
  const sign = dir === "desc" ? -1 : 1;
  const byName = (a: RightsizingRow, b: RightsizingRow) =>
    a.usage.workload.localeCompare(b.usage.workload) ||
    a.usage.namespace.localeCompare(b.usage.namespace) ||
    a.usage.cluster.localeCompare(b.usage.cluster) ||
    a.usage.container.localeCompare(b.usage.container);

  const groups = new Map<string, { rows: RightsizingRow[]; value: number }>();
  for (const row of matchingRows) {
    const key = toWorkloadKey(row.usage);
    const value = rowValue(row, query.sort);
    const group = groups.get(key);
    if (!group) groups.set(key, { rows: [row], value });
    else {
      group.rows.push(row);
      group.value = query.sort === "savings" ? group.value + value : Math.max(group.value, value);
    }
  }
  const ordered = [...groups.entries()]
    .map(([key, g]) => ({
      key,
      value: g.value,
      rows: g.rows.sort((a, b) => sign * (rowValue(a, query.sort) - rowValue(b, query.sort)) || byName(a, b)),
    }))
    .sort((a, b) => sign * (a.value - b.value) || (query.sort === "name" ? sign : 1) * byName(a.rows[0]!, b.rows[0]!));

  const flat = ordered.flatMap((g) => g.rows.map((row, index) => ({ key: g.key, row, index })));
  const pageCount = Math.max(1, Math.ceil(flat.length / query.size));
  const page = Math.min(query.page, pageCount);
  const slice = flat.slice((page - 1) * query.size, page * query.size);
  const pageGroups: WorkloadGroup[] = [];
  for (const item of slice) {
    const last = pageGroups[pageGroups.length - 1];
    if (last && last.key === item.key) last.rows.push(item.row);
    else pageGroups.push({ key: item.key, rows: [item.row], isContinued: item.index > 0 });
  }
  return { groups: pageGroups, matchingRows: ordered.flatMap((g) => g.rows), page, pageCount };
}
