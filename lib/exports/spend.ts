// The `spend` export: the /spend view as CSV (the CSV contract: long format, one row per group and period)
// or JSON. The same definition serves GET /api/export/spend?… and `npm run -s export -- spend …`.
import { CsvBody, type CsvValue } from "@/lib/csv";
import { UNTAGGED_LABEL } from "@/lib/labels";
import type { Db } from "@/lib/db/types";
import { badInput } from "@/lib/errors";
import type { ExportDefinition } from "./types";
import { DIMENSIONS, type Dimension } from "@/lib/reports/datasets";
import { isZeroMoney } from "@/lib/money";
import { getSpendReport, listAccountNames, type SpendReport } from "@/lib/reports/spend-report";
import { parseSpendView, toSpendQuery, type SpendView } from "@/lib/reports/view";

const COLUMNS: Record<Dimension, string[]> = {
  department: ["department"],
  project: ["project"],
  environment: ["environment"],
  service: ["service"],
  account: ["account_id", "account_name"],
  category: ["category"],
};

export const spendExport: ExportDefinition = {
  name: "spend",
  summary: "AWS spend grouped by one or two dimensions, per month, day or over the range (the /spend view)",
  access: "spend",
  options: {
    by: "one or two of department, project, environment, service, account, category, comma-separated (default department)",
    from: "first day, YYYY-MM-DD (default: the 1st of the month 12 months back)",
    to: "day after the last, YYYY-MM-DD (default: the 1st of next month)",
    granularity: "month | day | total (default month)",
    metric: "amortized | unblended | net_amortized (default amortized)",
    format: "csv | json (default csv)",
    ...Object.fromEntries(
      DIMENSIONS.map((d) => [
        d,
        `only this ${d}${d === "department" || d === "environment" ? ', "(untagged)" or "(not allowed)"' : d === "project" ? ' or "(untagged)"' : ""}`,
      ]),
    ),
  },
  async run(options, { db, now, scope }) {
    const { format = "csv", ...params } = options;
    if (format !== "csv" && format !== "json") throw badInput(`format must be csv or json (got "${format}").`);
    const view = parseSpendView(params, now);
    const report = await getSpendReport(db, view, { now, departments: scope.departments });
    if (report.kind === "not-exact") {
      const nearest = report.alternatives.map((a) => `${a.label}: ${toSpendQuery(a.view)}`).join("; ");
      throw badInput(`${report.message}${nearest ? ` Nearest exact views: ${nearest}.` : ""}`);
    }
    const filename = `spend-by-${view.by.join("-")}-${view.from}-to-${view.to}-${view.metric}.${format}`;
    const { header, rows } = await toSpendTable(db, report);
    if (format === "json") {
      const records = [...rows()].map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? null])));
      const body = { view: toViewSummary(view), dataset: report.dataset.name, total_usd: report.total, rows: records };
      return { filename, contentType: "application/json", body: JSON.stringify(body, null, 2) + "\n" };
    }
    return {
      filename,
      contentType: "text/csv; charset=utf-8",
      body: new CsvBody(header, rows, { numberColumns: [header.at(-1)!] }),
    };
  },
};

/**
 * Long format: period_start, period_end (exclusive), the grouping columns, estimated, the amount at full precision.
 * The rows are made as they are read: a day-by-day view over years has millions, which are never all held.
 */
async function toSpendTable(
  db: Db,
  report: SpendReport,
): Promise<{ header: string[]; rows: () => Generator<CsvValue[]> }> {
  const { view } = report;
  const accounts = view.by.includes("account") ? await listAccountNames(db) : new Map<string, string>();
  const header = [
    "period_start",
    "period_end",
    ...view.by.flatMap((d) => COLUMNS[d]),
    "estimated",
    `${view.metric}_usd`,
  ];
  function* rows(): Generator<CsvValue[]> {
    for (const [i, period] of report.periods.entries()) {
      for (const row of report.rows) {
        const amount = row.amounts[i] ?? "0";
        // Sparse: a group without spend in a period has no row (a spreadsheet sum is the same).
        if (isZeroMoney(amount)) continue;
        const keys = row.keys.flatMap((k) =>
          k.dimension === "account"
            ? [k.value, k.value === null ? null : (accounts.get(k.value) ?? "")]
            : [k.value ?? UNTAGGED_LABEL],
        );
        yield [period.start, period.end, ...keys, period.estimated, amount];
      }
    }
  }
  return { header, rows };
}

function toViewSummary(view: SpendView) {
  return {
    by: view.by,
    from: view.from,
    to: view.to,
    granularity: view.granularity,
    metric: view.metric,
    filters: view.filters,
  };
}
