import { CsvBody } from "@/lib/csv";
import { badInput } from "@/lib/errors";
import { listSyncRuns, type SyncRunRow } from "@/lib/sync/runs";
import type { ExportDefinition } from "./types";

/** The sync history: what each run fetched and what its API requests cost. */
export const syncRunsExport: ExportDefinition = {
  name: "sync-runs",
  summary: "every sync run: status, range, requests and their cost, rows written",
  access: "read",
  options: { format: "csv | json (default csv)", limit: "how many recent runs (default 1000)" },
  async run(options, { db }) {
    const format = options.format ?? "csv";
    if (format !== "csv" && format !== "json") throw badInput(`format must be csv or json (got "${format}").`);
    const limit = options.limit === undefined ? 1000 : Number(options.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
      throw badInput(`limit must be a whole number from 1 to 100000 (got "${options.limit}").`);
    const runs = await listSyncRuns(db, limit);
    if (format === "json") {
      return {
        filename: "sync-runs.json",
        contentType: "application/json",
        body: JSON.stringify(runs, null, 2) + "\n",
      };
    }
    const header = [
      "run_id",
      "started_at",
      "finished_at",
      "status",
      "trigger",
      "sources",
      "range_start",
      "range_end",
      "requests",
      "request_cost_usd",
      "rows_written",
      "error",
    ];
    const rows = runs.map((r) => [
      r.id,
      r.startedAt,
      r.finishedAt,
      r.status,
      r.trigger,
      r.sources.join(" "),
      r.rangeFrom,
      r.rangeTo,
      r.requests,
      r.requestCostUsd,
      r.rowsWritten,
      // Vendor error texts carry account ids and principal ARNs: a file that travels gets only which sources
      // failed; the full text is on /sync (and in the JSON format).
      r.error === null ? null : toErrorSummary(r),
    ]);
    return {
      filename: "sync-runs.csv",
      contentType: "text/csv; charset=utf-8",
      body: new CsvBody(header, () => rows, {
        numberColumns: ["run_id", "requests", "request_cost_usd", "rows_written"],
      }),
    };
  },
};

function toErrorSummary(run: SyncRunRow): string {
  const failed = Object.entries(run.details ?? {})
    .filter(([, d]) => d.error !== null)
    .map(([name, d]) => `${name} ${d.status}`);
  return `${failed.length ? failed.join(", ") : run.status}: the error is on /sync (run #${run.id})`;
}
