import { toCsv } from "@/lib/csv";
import { UNTAGGED_LABEL } from "@/lib/labels";
import { AppError, badInput } from "@/lib/errors";
import { getTagSettings } from "@/lib/settings/store";
import { hasComplianceData, listTagOffenders, type Offender } from "@/lib/tags/offenders";
import { parseTagsQuery, type TagsQuery } from "@/lib/tags/tags-query";
import type { ExportDefinition } from "./types";

/** Tag offenders: one row per tag key, value and problem, with spend, services and accounts. */
export const tagsExport: ExportDefinition = {
  name: "tags",
  summary: "tag offenders: each missing tag and value not allowed, with spend, services and accounts",
  // A person granted departments gets their departments' offenders only (ctx.scope).
  access: "spend",
  options: {
    from: "YYYY-MM-DD, first day (default: the 1st of the month three months back)",
    to: "YYYY-MM-DD, first day not included (default: the 1st of next month)",
    metric: "amortized | unblended | net_amortized (default amortized)",
    format: "csv | json (default csv)",
  },
  async run(options, { db, now, scope }) {
    const format = options.format ?? "csv";
    if (format !== "csv" && format !== "json") throw badInput(`format must be csv or json (got "${format}").`);
    const query = parseTagsQuery(options, now);
    // A file with only a header would read as "no offenders"; without data there is nothing to say.
    if (!(await hasComplianceData(db, query))) {
      throw new AppError(
        "not-found",
        `No synced spend between ${query.from} and ${query.to} (exclusive): run a sync, or choose a range the data covers.`,
      );
    }
    const offenders = await listTagOffenders(db, query, await getTagSettings(db), scope.departments);
    const filename = `tag-offenders-${query.from}-${query.to}.${format}`;
    if (format === "json") {
      const body =
        JSON.stringify(
          { from: query.from, to: query.to, metric: query.metric, departments: scope.departments, offenders },
          null,
          2,
        ) + "\n";
      return { filename, contentType: "application/json", body };
    }
    return { filename, contentType: "text/csv; charset=utf-8", body: toOffendersCsv(query, offenders) };
  },
};

/** CSV contract: the range as period_start / period_end (exclusive) on every row, amounts at full precision. */
export function toOffendersCsv(query: TagsQuery, offenders: Offender[]): string {
  const header = [
    "period_start",
    "period_end",
    "tag_key",
    "value",
    "problem",
    "alias_of",
    "suggestion",
    "spend_usd",
    "services",
    "accounts",
  ];
  const rows = offenders.map((o) => [
    query.from,
    query.to,
    o.key,
    o.value ?? UNTAGGED_LABEL,
    o.problem === "missing" ? "missing" : "not allowed",
    o.aliasOf,
    o.suggestion,
    o.spend,
    // Largest first; a spreadsheet splits them on "; ". The JSON has each one's spend.
    o.services?.map((s) => s.service).join("; "),
    o.accounts?.map((a) => (a.name ? `${a.name} (${a.accountId})` : a.accountId)).join("; "),
  ]);
  return toCsv(header, rows, { numberColumns: ["spend_usd"] });
}
