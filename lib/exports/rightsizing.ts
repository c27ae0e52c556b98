// The rightsizing export: the team page's rows as CSV, JSON, Markdown, YAML manifests or kubectl commands.
import { z } from "zod";
import { toCsv } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { formatCentsAsUsd } from "@/lib/money";
import {
  RIGHTSIZING_CSV_COLUMNS,
  RIGHTSIZING_CSV_NUMBER_COLUMNS,
  summarizeRecommendations,
  toKubectlCommands,
  toMarkdownTable,
  toRightsizingCsvRows,
  toYaml,
} from "@/lib/rightsizing";
import type { RightsizingRow, RightsizingTotals } from "@/lib/rightsizing";
import { checkScope, checkTeam, getRightsizingContext, restrictToTeams } from "@/lib/rightsizing/read";
import { blankAsAbsent, paramError, parseSearchParams } from "@/lib/search-params";
import { tableQuerySchema, toTablePage } from "@/lib/rightsizing/table-query";
import type { ExportDefinition } from "./types";

const FORMATS = {
  csv: "text/csv; charset=utf-8",
  json: "application/json",
  md: "text/markdown; charset=utf-8",
  yaml: "application/yaml",
  kubectl: "text/x-shellscript; charset=utf-8",
} as const;
type Format = keyof typeof FORMATS;
const EXTENSIONS: Record<Format, string> = { csv: "csv", json: "json", md: "md", yaml: "yaml", kubectl: "sh" };

// The team page's filters and sort (not its paging): a download from the page holds the rows the page
// lists, on every page, in the same order.
const optionsSchema = tableQuerySchema.omit({ page: true, size: true }).extend({
  team: blankAsAbsent(z.string().trim().min(1, paramError("team", "name a team")).optional()),
  format: blankAsAbsent(
    z
      .enum(
        Object.keys(FORMATS) as [Format, ...Format[]],
        paramError("format", `expected ${Object.keys(FORMATS).join(", ")}`),
      )
      .default("csv"),
  ),
});

/** Current versus recommended Kubernetes requests, one row per container, in the formats a team pastes into its manifests. */
export const rightsizingExport: ExportDefinition = {
  name: "rightsizing",
  summary: "current versus recommended Kubernetes requests, one row per container, with monthly savings",
  access: "rightsizing",
  options: {
    team: "a team (default all teams)",
    cluster: "a cluster",
    environment: "an environment (as shown on the page, e.g. staging)",
    flag: "only rows with this flag (e.g. oom, hpa, under-provisioned)",
    change: "cut | raise | none | no-recommendation",
    q: "text in the namespace, workload or container name",
    sort: "savings | change | cpu | memory | name (default savings)",
    dir: "asc | desc",
    format: "csv | json | md | yaml | kubectl (default csv)",
  },
  async run(options, { db, scope }) {
    const parsed = parseSearchParams(optionsSchema, options);
    if (!parsed.ok)
      throw new AppError("bad-input", `Invalid rightsizing export options: ${parsed.problems.join("; ")}.`);
    const query = parsed.value;
    const ctx = restrictToTeams(await getRightsizingContext(db), scope.teams);
    if (query.team !== undefined) checkTeam(query.team, ctx);
    checkScope(query, ctx);
    const selected = ctx.allRows.filter(
      (row) => query.team === undefined || row.recommendation.team.value === query.team,
    );
    const rows = toTablePage(selected, { ...query, page: 1, size: Math.max(1, selected.length) }).matchingRows;
    const totals = summarizeRecommendations(rows).total;
    const name = ["rightsizing", query.team, query.cluster, query.environment]
      .filter(Boolean)
      .join("-")
      .replace(/[^A-Za-z0-9._-]+/g, "_");
    const filename = `${name}.${EXTENSIONS[query.format]}`;
    return { filename, contentType: FORMATS[query.format], body: toBody(query.format, rows, totals, query) };
  },
};

function toBody(
  format: Format,
  rows: RightsizingRow[],
  totals: RightsizingTotals,
  query: z.infer<typeof optionsSchema>,
): string {
  switch (format) {
    case "csv":
      return toCsv(RIGHTSIZING_CSV_COLUMNS, toRightsizingCsvRows(rows), {
        numberColumns: RIGHTSIZING_CSV_NUMBER_COLUMNS,
      });
    case "md":
      return `${toMarkdownTitle(totals, query)}\n\n${toMarkdownTable(rows)}`;
    case "yaml":
      return toYaml(rows);
    case "kubectl":
      return toKubectlCommands(rows);
    case "json":
      return `${JSON.stringify({ filters: toFilterList(query), totals: toJsonTotals(totals), rows: rows.map(toJsonRow) }, null, 2)}\n`;
  }
}

function toFilterList(query: z.infer<typeof optionsSchema>): Record<string, string> {
  const { format, ...rest } = query;
  void format;
  return Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

// "Rightsizing — team payments (cluster prod-us-east-1): 12 containers, …" above the table for a ticket.
function toMarkdownTitle(totals: RightsizingTotals, query: z.infer<typeof optionsSchema>): string {
  const filters = Object.entries(toFilterList(query))
    .filter(([key]) => key !== "team" && key !== "sort" && key !== "dir")
    .map(([key, value]) => `${key} ${value}`);
  const who = query.team ? `team ${query.team}` : "all teams";
  const s = totals.savings;
  return (
    `**Rightsizing — ${who}**${filters.length ? ` (${filters.join(", ")})` : ""}: ${totals.containers} containers, ` +
    `${totals.containersToChange} to change; net savings $${formatCentsAsUsd(s.netCents)}/month ` +
    `(cuts $${formatCentsAsUsd(s.cutsCents)}, raises $${formatCentsAsUsd(s.raisesCents)}; HPA-scaled, not in totals: $${formatCentsAsUsd(s.excludedHpaNetCents)}).`
  );
}

function toJsonTotals(t: RightsizingTotals) {
  return {
    containers: t.containers,
    workloads: t.workloads,
    containersToChange: t.containersToChange,
    workloadsToChange: t.workloadsToChange,
    currentCpuMillicores: t.currentCpuMillicores,
    recommendedCpuMillicores: t.recommendedCpuMillicores,
    currentMemoryBytes: t.currentMemoryBytes,
    recommendedMemoryBytes: t.recommendedMemoryBytes,
    monthlySavingsUsd: {
      cuts: formatCentsAsUsd(t.savings.cutsCents),
      raises: formatCentsAsUsd(t.savings.raisesCents),
      net: formatCentsAsUsd(t.savings.netCents),
      hpaNotInTotals: formatCentsAsUsd(t.savings.excludedHpaNetCents),
    },
    rowsFlagged: t.rowsFlagged,
    flagged: t.flagged,
  };
}

// Money as a decimal string from the row's integer cents (never the float used for charts).
function toJsonRow({ usage, recommendation: rec, savings }: RightsizingRow) {
  return {
    ...usage,
    team: rec.team,
    environment: rec.environment,
    hpa: rec.hpa,
    rule: rec.rule,
    current: rec.current,
    recommended: rec.recommended,
    change: rec.change,
    direction: rec.direction,
    severity: rec.severity,
    flags: rec.flags,
    isInSavingsTotals: rec.isInSavingsTotals,
    reason: rec.reason,
    parameters: rec.parameters,
    monthlySavingsUsd: formatCentsAsUsd(savings.monthlyCents),
  };
}
