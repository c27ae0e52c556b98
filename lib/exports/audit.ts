// The `audit` export: the audit trail as CSV or JSON, filtered like /settings/audit. The same definition serves
// GET /api/export/audit?… and `npm run -s export -- audit …`.
import { CsvBody } from "@/lib/csv";
import { badInput } from "@/lib/errors";
import { listAuditEvents } from "@/lib/audit/events";
import { parseAuditQuery, toAuditFilter } from "@/lib/audit/filter";
import type { ExportDefinition } from "./types";

export const auditExport: ExportDefinition = {
  name: "audit",
  // Who did what, including refusals: admins only.
  access: "admin",
  summary: "the audit trail: who changed what and when, sign-ins and refusals, newest first",
  options: {
    actor: "only this email (or local, cli, anonymous)",
    action: 'only this action and the ones under it, e.g. "auth" or "settings.tags.save"',
    outcome: "ok | refused | failed",
    from: "first day, YYYY-MM-DD (UTC)",
    to: "last day, YYYY-MM-DD (UTC), included",
    limit: "at most this many events (default 500, at most 5000)",
    format: "csv | json (default csv)",
  },
  async run(options, { db }) {
    const { format = "csv", ...params } = options;
    if (format !== "csv" && format !== "json") throw badInput(`format must be csv or json (got "${format}").`);
    const query = parseAuditQuery(params);
    if (!query.ok) throw badInput(query.message);
    const events = await listAuditEvents(db, toAuditFilter(query.value));
    const filename = `audit${query.value.from ? `-from-${query.value.from}` : ""}${query.value.to ? `-to-${query.value.to}` : ""}.${format}`;
    if (format === "json") {
      const records = events.map((e) => ({
        ...e,
        at: e.at.toISOString(),
        before: e.before ?? null,
        after: e.after ?? null,
      }));
      return { filename, contentType: "application/json", body: JSON.stringify(records, null, 2) + "\n" };
    }
    const header = ["id", "at", "actor", "action", "target", "outcome", "detail", "before", "after"];
    const rows = events.map((e) => [
      e.id,
      e.at.toISOString(),
      e.actor,
      e.action,
      e.target,
      e.outcome,
      e.detail,
      e.before === undefined ? "" : JSON.stringify(e.before),
      e.after === undefined ? "" : JSON.stringify(e.after),
    ]);
    return { filename, contentType: "text/csv; charset=utf-8", body: new CsvBody(header, () => rows) };
  },
};
