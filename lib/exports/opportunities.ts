// The opportunities export: one row per storage opportunity of a month (S3 Standard → Glacier IR, RDS backup
// retention) with its inputs, the assumptions used and the monthly result at full precision (CSV contract).
import { z } from "zod";
import { toCsv, type CsvValue } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { UNTAGGED_LABEL } from "@/lib/labels";
import {
  getOpportunities,
  OPPORTUNITY_KINDS,
  opportunitiesParamsSchema,
  type GlacierOpportunity,
  type RetentionOpportunity,
} from "@/lib/opportunities/read";
import { blankAsAbsent, paramError, parseSearchParams } from "@/lib/search-params";
import { getOpportunitySettings } from "@/lib/settings/opportunities";
import { getTagSettings } from "@/lib/settings/store";
import type { ExportDefinition } from "./types";

const optionsSchema = opportunitiesParamsSchema.extend({
  kind: blankAsAbsent(
    z.enum(OPPORTUNITY_KINDS, paramError("kind", "s3-glacier-ir or rds-backup-retention")).optional(),
  ),
  format: blankAsAbsent(z.enum(["csv", "json"], paramError("format", "csv or json")).default("csv")),
});

export const OPPORTUNITY_COLUMNS = [
  "kind",
  "department",
  "project",
  "month",
  "storage_gb_months",
  "storage_usd",
  "get_requests",
  "get_usd",
  "backup_gb_months",
  "current_usd",
  "projected_usd",
  "savings_usd",
  "read_share",
  "break_even_read_share",
  "retention_days_now",
  "retention_days_target",
  "transition_objects_estimate",
  "transition_usd_estimate",
] as const;

type Row = Record<(typeof OPPORTUNITY_COLUMNS)[number], CsvValue>;

function toRow(o: GlacierOpportunity | RetentionOpportunity): Row {
  const common = {
    kind: o.kind,
    department: o.department || UNTAGGED_LABEL,
    project: o.project,
    month: o.month,
    current_usd: o.currentUsd,
    projected_usd: o.projectedUsd,
    savings_usd: o.savingsUsd,
  };
  if (o.kind === "s3-glacier-ir") {
    return {
      ...common,
      storage_gb_months: o.storageGbMonths,
      storage_usd: o.storageUsd,
      get_requests: o.getRequests,
      get_usd: o.getUsd,
      backup_gb_months: null,
      read_share: o.readSharePercent / 100,
      break_even_read_share: o.breakEvenReadShare,
      retention_days_now: null,
      retention_days_target: null,
      transition_objects_estimate: o.transition.objects,
      transition_usd_estimate: o.transition.usd,
    };
  }
  return {
    ...common,
    storage_gb_months: null,
    storage_usd: null,
    get_requests: null,
    get_usd: null,
    backup_gb_months: o.backupGbMonths,
    read_share: null,
    break_even_read_share: null,
    retention_days_now: o.retentionDaysNow,
    retention_days_target: o.retentionDaysTarget,
    transition_objects_estimate: null,
    transition_usd_estimate: null,
  };
}

export const opportunitiesExport: ExportDefinition = {
  name: "opportunities",
  access: "spend",
  summary: "S3 Standard → Glacier IR and RDS backup retention opportunities of a month, one row per project",
  options: {
    month: "YYYY-MM (default the last full month)",
    department: "a department (default all)",
    kind: "s3-glacier-ir | rds-backup-retention (default both)",
    format: "csv | json (default csv)",
  },
  async run(options, { db, now, scope }) {
    const parsed = parseSearchParams(optionsSchema, options);
    if (!parsed.ok)
      throw new AppError("bad-input", `Invalid opportunities export options: ${parsed.problems.join("; ")}.`);
    const query = parsed.value;
    const [opportunities, tags] = await Promise.all([getOpportunitySettings(db), getTagSettings(db)]);
    const result = await getOpportunities(db, query, { opportunities, tags }, now, scope.departments);
    const selected = [
      ...(query.kind === "rds-backup-retention" ? [] : result.glacier),
      ...(query.kind === "s3-glacier-ir" ? [] : result.retention),
    ];
    const rows = selected.map(toRow);
    const name = ["opportunities", query.kind, query.department, result.month]
      .filter(Boolean)
      .join("-")
      .replace(/[^A-Za-z0-9._-]+/g, "_");
    if (query.format === "json") {
      return {
        filename: `${name}.json`,
        contentType: "application/json",
        body: JSON.stringify({ month: result.month, totalSavingsUsd: result.totalSavingsUsd, rows }, null, 2) + "\n",
      };
    }
    return {
      filename: `${name}.csv`,
      contentType: "text/csv; charset=utf-8",
      body: toCsv(
        OPPORTUNITY_COLUMNS,
        rows.map((row) => OPPORTUNITY_COLUMNS.map((column) => row[column])),
      ),
    };
  },
};
