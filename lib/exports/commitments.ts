import { toCsv } from "@/lib/csv";
import { badInput } from "@/lib/errors";
import { toCommitmentFigures, toMonthlyCommitment } from "@/lib/commitments/math";
import { listRecommendations } from "@/lib/commitments/read";
import type { ExportDefinition } from "./types";

const COLUMNS = [
  "program",
  "service",
  "term",
  "payment",
  "lookback_days",
  "estimated_monthly_savings_usd",
  "upfront_usd",
  "monthly_commitment_usd",
  "break_even_months",
  "plan_type",
  "instance",
  "savings_percent",
] as const;

/**
 * Savings Plans and Reserved Instance purchase recommendations, one row each: savings, upfront and savings % exactly
 * as Cost Explorer gave them; monthly commitment = a plan's hourly commitment × 730 or a reservation's recurring
 * monthly cost; break-even = Cost Explorer's for reservations, computed by the same rule for plans.
 */
export const commitmentsExport: ExportDefinition = {
  name: "commitments",
  // Company-wide purchase recommendations: every reader, no department or team scope applies.
  access: "read",
  summary:
    "Savings Plans and Reserved Instance purchase recommendations, one row per program, service, term and payment",
  options: { format: "csv | json (default csv)" },
  async run(options, { db }) {
    const format = options.format ?? "csv";
    if (format !== "csv" && format !== "json") throw badInput(`format must be csv or json (got "${format}").`);
    const rows = (await listRecommendations(db)).map((r) => ({
      program: r.program,
      service: r.service,
      term: r.term,
      payment: r.payment,
      lookback_days: r.lookbackDays,
      estimated_monthly_savings_usd: r.monthlySavings,
      upfront_usd: r.upfront,
      monthly_commitment_usd: toMonthlyCommitment(r),
      break_even_months: toCommitmentFigures(r).breakEvenMonths,
      plan_type: r.planType,
      instance: r.instance,
      savings_percent: r.savingsPercent,
    }));
    if (format === "json") {
      return {
        filename: "commitments.json",
        contentType: "application/json",
        body: JSON.stringify(rows, null, 2) + "\n",
      };
    }
    return {
      filename: "commitments.csv",
      contentType: "text/csv; charset=utf-8",
      body: toCsv(
        [...COLUMNS],
        rows.map((r) => COLUMNS.map((c) => r[c])),
      ),
    };
  },
};
