// Reads of what the commitments sync stored. Raw SQL on purpose: numeric comes back as the exact text Cost
// Explorer sent ("0" stays "0", "5.160" stays "5.160"), which the export promises to pass on unchanged.
import type { Db } from "@/lib/db/types";
import { isExpiringSoon, type Payment, type StoredRecommendation, type Term } from "./math";

export type Recommendation = StoredRecommendation & { id: number; lookbackDays: number; region: string };
export type CoverageMonth = {
  program: "savings-plans" | "reserved-instances";
  service: string;
  month: string;
  unit: "usd" | "hours";
  covered: string;
  onDemand: string;
  total: string;
  coveragePercent: string;
  onDemandCost: string | null;
};
export type UtilizationMonth = {
  program: "savings-plans" | "reserved-instances";
  month: string;
  totalCommitment: string;
  usedCommitment: string;
  unusedCommitment: string;
  utilizationPercent: string;
  netSavings: string | null;
};
export type HeldCommitment = {
  program: "savings-plans" | "reserved-instances";
  id: string;
  description: string;
  endDate: string;
  hourlyCommitment: string | null;
  isExpiringSoon: boolean;
};
export type CommitmentRefresh = { fetchedAt: Date; lookbackDays: number; requests: number };

const PROGRAM_ORDER = "CASE program WHEN 'savings-plans' THEN 0 ELSE 1 END";

export async function listRecommendations(db: Db): Promise<Recommendation[]> {
  const rows = await db.sql.query<Record<string, string | number | null>>(
    `SELECT id, program, plan_type, service, term, payment, lookback_days, instance, region, quantity,
            hourly_commitment, upfront, recurring_monthly, on_demand_monthly, monthly_savings, savings_percent,
            break_even_months
       FROM commitment_recommendation
      ORDER BY ${PROGRAM_ORDER}, plan_type, service, term, CASE payment WHEN 'NO_UPFRONT' THEN 0 WHEN 'PARTIAL_UPFRONT' THEN 1 ELSE 2 END, id`,
  );
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({
    id: Number(r.id),
    program: r.program as Recommendation["program"],
    planType: String(r.plan_type),
    service: String(r.service),
    term: r.term as Term,
    payment: r.payment as Payment,
    lookbackDays: Number(r.lookback_days),
    instance: String(r.instance),
    region: String(r.region),
    quantity: text(r.quantity),
    hourlyCommitment: text(r.hourly_commitment),
    upfront: String(r.upfront),
    recurringMonthly: text(r.recurring_monthly),
    onDemandMonthly: text(r.on_demand_monthly),
    monthlySavings: String(r.monthly_savings),
    savingsPercent: String(r.savings_percent),
    breakEvenMonths: text(r.break_even_months),
  }));
}

export async function getLastRefresh(db: Db): Promise<CommitmentRefresh | null> {
  const [row] = await db.sql.query<{ fetched_at: Date; lookback_days: number; requests: number }>(
    "SELECT fetched_at, lookback_days, requests FROM commitment_refresh ORDER BY fetched_at DESC, id DESC LIMIT 1",
  );
  return row
    ? { fetchedAt: row.fetched_at, lookbackDays: Number(row.lookback_days), requests: Number(row.requests) }
    : null;
}

export async function listCoverage(db: Db): Promise<CoverageMonth[]> {
  const rows = await db.sql.query<Record<string, string | null>>(
    `SELECT program, service, month, unit, covered, on_demand, total, coverage_percent, on_demand_cost
       FROM commitment_coverage ORDER BY ${PROGRAM_ORDER}, service, month`,
  );
  return rows.map((r) => ({
    program: r.program as CoverageMonth["program"],
    service: String(r.service),
    month: String(r.month),
    unit: r.unit as CoverageMonth["unit"],
    covered: String(r.covered),
    onDemand: String(r.on_demand),
    total: String(r.total),
    coveragePercent: String(r.coverage_percent),
    onDemandCost: r.on_demand_cost ?? null,
  }));
}

export async function listUtilization(db: Db): Promise<UtilizationMonth[]> {
  const rows = await db.sql.query<Record<string, string | null>>(
    `SELECT program, month, total_commitment, used_commitment, unused_commitment, utilization_percent, net_savings
       FROM commitment_utilization ORDER BY ${PROGRAM_ORDER}, month`,
  );
  return rows.map((r) => ({
    program: r.program as UtilizationMonth["program"],
    month: String(r.month),
    totalCommitment: String(r.total_commitment),
    usedCommitment: String(r.used_commitment),
    unusedCommitment: String(r.unused_commitment),
    utilizationPercent: String(r.utilization_percent),
    netSavings: r.net_savings ?? null,
  }));
}

/** Commitments held, soonest end first; those ending in the next 90 days flagged. */
export async function listHeldCommitments(db: Db, today: string): Promise<HeldCommitment[]> {
  const rows = await db.sql.query<Record<string, string | null>>(
    "SELECT program, id, description, end_date, hourly_commitment FROM commitment_held ORDER BY end_date, id",
  );
  return rows.map((r) => ({
    program: r.program as HeldCommitment["program"],
    id: String(r.id),
    description: String(r.description),
    endDate: String(r.end_date),
    hourlyCommitment: r.hourly_commitment ?? null,
    isExpiringSoon: isExpiringSoon(String(r.end_date), today),
  }));
}
