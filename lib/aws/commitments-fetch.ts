// Fetching Savings Plans and Reserved Instance data from Cost Explorer: purchase recommendations for every term
// and payment, monthly coverage and utilization over the spend's 13 months, and the end date of what is held.
// Every request goes through sendWithRetries (counted, priced, throttling retried) and every answer is checked
// here, at the boundary, and turned into our rows with the amounts as the decimal strings Cost Explorer sent.
import {
  GetReservationCoverageCommand,
  GetReservationPurchaseRecommendationCommand,
  GetReservationUtilizationCommand,
  GetSavingsPlansCoverageCommand,
  GetSavingsPlansPurchaseRecommendationCommand,
  GetSavingsPlansUtilizationCommand,
  GetSavingsPlansUtilizationDetailsCommand,
  type CostExplorerClient,
  type LookbackPeriodInDays,
  type PaymentOption,
  type ReservationPurchaseRecommendationDetail,
  type SavingsPlansPurchaseRecommendationDetail,
  type TermInYears,
} from "@aws-sdk/client-cost-explorer";
import { AppError } from "@/lib/errors";
import { sendWithRetries, type CostExplorerOperation, type RetryPolicy } from "./client";

export const SAVINGS_PLAN_TYPES = ["COMPUTE_SP", "EC2_INSTANCE_SP"] as const;
export const TERMS = ["ONE_YEAR", "THREE_YEARS"] as const satisfies readonly TermInYears[];
export const PAYMENTS = ["NO_UPFRONT", "PARTIAL_UPFRONT", "ALL_UPFRONT"] as const satisfies readonly PaymentOption[];
/** Services Cost Explorer recommends reservations for, by their SERVICE names in the bill. */
export const RESERVATION_SERVICES = [
  "Amazon Elastic Compute Cloud - Compute",
  "Amazon Relational Database Service",
  "Amazon ElastiCache",
  "Amazon OpenSearch Service",
  "Amazon Redshift",
] as const;
/** Savings Plans cover EC2 compute (and Fargate and Lambda, which the coverage includes). */
export const SAVINGS_PLANS_SERVICE = "Amazon Elastic Compute Cloud - Compute";

const LOOKBACK: Record<7 | 30 | 60, LookbackPeriodInDays> = { 7: "SEVEN_DAYS", 30: "THIRTY_DAYS", 60: "SIXTY_DAYS" };

export type RecommendationRow = {
  program: "savings-plans" | "reserved-instances";
  planType: string;
  service: string;
  term: string;
  payment: string;
  lookbackDays: number;
  instance: string;
  region: string;
  quantity: string | null;
  hourlyCommitment: string | null;
  upfront: string;
  recurringMonthly: string | null;
  onDemandMonthly: string | null;
  monthlySavings: string;
  savingsPercent: string;
  breakEvenMonths: string | null;
  detail: object;
};
export type CoverageRow = {
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
export type UtilizationRow = {
  program: "savings-plans" | "reserved-instances";
  month: string;
  totalCommitment: string;
  usedCommitment: string;
  unusedCommitment: string;
  utilizationPercent: string;
  netSavings: string | null;
};
export type HeldRow = {
  program: "savings-plans" | "reserved-instances";
  id: string;
  description: string;
  endDate: string;
  hourlyCommitment: string | null;
};

export type CommitmentFetchContext = {
  client: CostExplorerClient;
  signal: AbortSignal;
  countRequest(): void;
  policy?: RetryPolicy;
  /** Says which request is next (progress line). */
  asking(phase: string): void;
};

function send<T>(
  fc: CommitmentFetchContext,
  operation: CostExplorerOperation,
  where: string,
  run: (s: AbortSignal) => Promise<T>,
) {
  fc.asking(where);
  return sendWithRetries(run, {
    operation,
    where,
    countRequest: fc.countRequest,
    signal: fc.signal,
    policy: fc.policy,
  });
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal string from Cost Explorer, or a failure naming the field and the request. */
function amount(value: string | undefined, field: string, where: string): string {
  if (value !== undefined && DECIMAL.test(value)) return value;
  throw new AppError(
    "failed",
    `Cost Explorer's answer to ${where} has ${field} = ${JSON.stringify(value)}, not a decimal amount. Nothing was replaced; run the sync again, and report it if it repeats.`,
  );
}
const optionalAmount = (value: string | undefined, field: string, where: string) =>
  value === undefined || value === "" ? null : amount(value, field, where);

/** All pages of a paged request (NextPageToken / NextToken), each one a counted request. */
async function allPages<T extends { NextPageToken?: string; NextToken?: string }>(
  fetchPage: (token: string | undefined, page: number) => Promise<T>,
): Promise<T[]> {
  const pages: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token, pages.length + 1);
    pages.push(page);
    token = page.NextPageToken ?? page.NextToken;
  } while (token);
  return pages;
}

export async function fetchSavingsPlansRecommendations(
  fc: CommitmentFetchContext,
  lookbackDays: 7 | 30 | 60,
): Promise<RecommendationRow[]> {
  const rows: RecommendationRow[] = [];
  for (const planType of SAVINGS_PLAN_TYPES) {
    for (const term of TERMS) {
      for (const payment of PAYMENTS) {
        const where = `GetSavingsPlansPurchaseRecommendation (${planType}, ${term}, ${payment})`;
        const pages = await allPages((NextPageToken) =>
          send(fc, "GetSavingsPlansPurchaseRecommendation", where, (abortSignal) =>
            fc.client.send(
              new GetSavingsPlansPurchaseRecommendationCommand({
                SavingsPlansType: planType,
                TermInYears: term,
                PaymentOption: payment,
                LookbackPeriodInDays: LOOKBACK[lookbackDays],
                NextPageToken,
              }),
              { abortSignal },
            ),
          ),
        );
        for (const page of pages) {
          for (const d of page.SavingsPlansPurchaseRecommendation?.SavingsPlansPurchaseRecommendationDetails ?? []) {
            rows.push(toSavingsPlanRow(d, { planType, term, payment, lookbackDays, where }));
          }
        }
      }
    }
  }
  return rows;
}

function toSavingsPlanRow(
  d: SavingsPlansPurchaseRecommendationDetail,
  c: { planType: string; term: string; payment: string; lookbackDays: number; where: string },
): RecommendationRow {
  return {
    program: "savings-plans",
    planType: c.planType,
    service: SAVINGS_PLANS_SERVICE,
    term: c.term,
    payment: c.payment,
    lookbackDays: c.lookbackDays,
    instance: d.SavingsPlansDetails?.InstanceFamily ?? "",
    region: d.SavingsPlansDetails?.Region ?? "",
    quantity: null,
    hourlyCommitment: amount(d.HourlyCommitmentToPurchase, "HourlyCommitmentToPurchase", c.where),
    upfront: amount(d.UpfrontCost ?? "0", "UpfrontCost", c.where),
    recurringMonthly: null,
    onDemandMonthly: null,
    monthlySavings: amount(d.EstimatedMonthlySavingsAmount, "EstimatedMonthlySavingsAmount", c.where),
    savingsPercent: amount(d.EstimatedSavingsPercentage, "EstimatedSavingsPercentage", c.where),
    breakEvenMonths: null,
    detail: d,
  };
}

export async function fetchReservationRecommendations(
  fc: CommitmentFetchContext,
  services: readonly string[],
  lookbackDays: 7 | 30 | 60,
): Promise<RecommendationRow[]> {
  const rows: RecommendationRow[] = [];
  for (const service of services) {
    for (const term of TERMS) {
      for (const payment of PAYMENTS) {
        const where = `GetReservationPurchaseRecommendation (${service}, ${term}, ${payment})`;
        const pages = await allPages((NextPageToken) =>
          send(fc, "GetReservationPurchaseRecommendation", where, (abortSignal) =>
            fc.client.send(
              new GetReservationPurchaseRecommendationCommand({
                Service: service,
                TermInYears: term,
                PaymentOption: payment,
                LookbackPeriodInDays: LOOKBACK[lookbackDays],
                NextPageToken,
              }),
              { abortSignal },
            ),
          ),
        );
        for (const page of pages) {
          for (const recommendation of page.Recommendations ?? []) {
            for (const d of recommendation.RecommendationDetails ?? []) {
              rows.push(toReservationRow(d, { service, term, payment, lookbackDays, where }));
            }
          }
        }
      }
    }
  }
  return rows;
}

function toReservationRow(
  d: ReservationPurchaseRecommendationDetail,
  c: { service: string; term: string; payment: string; lookbackDays: number; where: string },
): RecommendationRow {
  const i = d.InstanceDetails;
  const instance =
    i?.EC2InstanceDetails?.InstanceType ??
    i?.RDSInstanceDetails?.InstanceType ??
    i?.ElastiCacheInstanceDetails?.NodeType ??
    (i?.ESInstanceDetails
      ? `${i.ESInstanceDetails.InstanceClass}.${i.ESInstanceDetails.InstanceSize}.search`
      : undefined) ??
    i?.RedshiftInstanceDetails?.NodeType ??
    "";
  const region =
    i?.EC2InstanceDetails?.Region ??
    i?.RDSInstanceDetails?.Region ??
    i?.ElastiCacheInstanceDetails?.Region ??
    i?.ESInstanceDetails?.Region ??
    i?.RedshiftInstanceDetails?.Region ??
    "";
  return {
    program: "reserved-instances",
    planType: "",
    service: c.service,
    term: c.term,
    payment: c.payment,
    lookbackDays: c.lookbackDays,
    instance,
    region,
    quantity: amount(d.RecommendedNumberOfInstancesToPurchase, "RecommendedNumberOfInstancesToPurchase", c.where),
    hourlyCommitment: null,
    upfront: amount(d.UpfrontCost ?? "0", "UpfrontCost", c.where),
    recurringMonthly: amount(d.RecurringStandardMonthlyCost, "RecurringStandardMonthlyCost", c.where),
    onDemandMonthly: amount(d.EstimatedMonthlyOnDemandCost, "EstimatedMonthlyOnDemandCost", c.where),
    monthlySavings: amount(d.EstimatedMonthlySavingsAmount, "EstimatedMonthlySavingsAmount", c.where),
    savingsPercent: amount(d.EstimatedMonthlySavingsPercentage, "EstimatedMonthlySavingsPercentage", c.where),
    breakEvenMonths: optionalAmount(d.EstimatedBreakEvenInMonths, "EstimatedBreakEvenInMonths", c.where),
    detail: d,
  };
}

type Range = { from: string; to: string };
const timePeriod = (range: Range) => ({ Start: range.from, End: range.to });

function monthOf(start: string | undefined, where: string): string {
  if (!start || !/^\d{4}-\d{2}-\d{2}/.test(start))
    throw new AppError(
      "failed",
      `Cost Explorer's answer to ${where} has a period without a Start date (${String(start)}).`,
    );
  return `${start.slice(0, 7)}-01`;
}

export async function fetchSavingsPlansCoverage(fc: CommitmentFetchContext, range: Range): Promise<CoverageRow[]> {
  const where = "GetSavingsPlansCoverage (monthly)";
  const pages = await allPages((NextToken) =>
    send(fc, "GetSavingsPlansCoverage", where, (abortSignal) =>
      fc.client.send(
        new GetSavingsPlansCoverageCommand({ TimePeriod: timePeriod(range), Granularity: "MONTHLY", NextToken }),
        {
          abortSignal,
        },
      ),
    ),
  );
  return pages.flatMap((page) =>
    (page.SavingsPlansCoverages ?? []).map((c) => ({
      program: "savings-plans" as const,
      service: SAVINGS_PLANS_SERVICE,
      month: monthOf(c.TimePeriod?.Start, where),
      unit: "usd" as const,
      covered: amount(c.Coverage?.SpendCoveredBySavingsPlans, "SpendCoveredBySavingsPlans", where),
      onDemand: amount(c.Coverage?.OnDemandCost, "OnDemandCost", where),
      total: amount(c.Coverage?.TotalCost, "TotalCost", where),
      coveragePercent: amount(c.Coverage?.CoveragePercentage, "CoveragePercentage", where),
      onDemandCost: null,
    })),
  );
}

export async function fetchSavingsPlansUtilization(
  fc: CommitmentFetchContext,
  range: Range,
): Promise<UtilizationRow[]> {
  const where = "GetSavingsPlansUtilization (monthly)";
  const answer = await send(fc, "GetSavingsPlansUtilization", where, (abortSignal) =>
    fc.client.send(new GetSavingsPlansUtilizationCommand({ TimePeriod: timePeriod(range), Granularity: "MONTHLY" }), {
      abortSignal,
    }),
  );
  return (answer.SavingsPlansUtilizationsByTime ?? [])
    .filter((u) => u.Utilization?.TotalCommitment !== "0")
    .map((u) => ({
      program: "savings-plans" as const,
      month: monthOf(u.TimePeriod?.Start, where),
      totalCommitment: amount(u.Utilization?.TotalCommitment, "TotalCommitment", where),
      usedCommitment: amount(u.Utilization?.UsedCommitment, "UsedCommitment", where),
      unusedCommitment: amount(u.Utilization?.UnusedCommitment, "UnusedCommitment", where),
      utilizationPercent: amount(u.Utilization?.UtilizationPercentage, "UtilizationPercentage", where),
      netSavings: optionalAmount(u.Savings?.NetSavings, "NetSavings", where),
    }));
}

/** The Savings Plans held and their end dates (from the latest whole day of utilization details). */
export async function fetchSavingsPlansHeld(fc: CommitmentFetchContext, range: Range): Promise<HeldRow[]> {
  const where = "GetSavingsPlansUtilizationDetails";
  const pages = await allPages((NextToken) =>
    send(fc, "GetSavingsPlansUtilizationDetails", where, (abortSignal) =>
      fc.client.send(new GetSavingsPlansUtilizationDetailsCommand({ TimePeriod: timePeriod(range), NextToken }), {
        abortSignal,
      }),
    ),
  );
  return pages.flatMap((page) =>
    (page.SavingsPlansUtilizationDetails ?? []).map((d) => {
      const a = d.Attributes ?? {};
      const end = a.EndDateTime ?? a.endDateTime;
      if (!d.SavingsPlanArn || !end || !/^\d{4}-\d{2}-\d{2}/.test(end)) {
        throw new AppError(
          "failed",
          `Cost Explorer's answer to ${where} has a Savings Plan without an ARN or EndDateTime.`,
        );
      }
      const kind = a.SavingsPlansType ?? "Savings Plan";
      const term = a.PurchaseTerm ? `, ${a.PurchaseTerm}` : "";
      const payment = a.PaymentOption ? `, ${a.PaymentOption}` : "";
      return {
        program: "savings-plans" as const,
        id: d.SavingsPlanArn,
        description: `${kind}${term}${payment}`,
        endDate: end.slice(0, 10),
        hourlyCommitment: optionalAmount(a.HourlyCommitment, "HourlyCommitment", where),
      };
    }),
  );
}

export async function fetchReservationCoverage(
  fc: CommitmentFetchContext,
  range: Range,
  service: string,
): Promise<CoverageRow[]> {
  const where = `GetReservationCoverage (${service}, monthly)`;
  const pages = await allPages((NextPageToken) =>
    send(fc, "GetReservationCoverage", where, (abortSignal) =>
      fc.client.send(
        new GetReservationCoverageCommand({
          TimePeriod: timePeriod(range),
          Granularity: "MONTHLY",
          Filter: { Dimensions: { Key: "SERVICE", Values: [service] } },
          NextPageToken,
        }),
        { abortSignal },
      ),
    ),
  );
  return pages.flatMap((page) =>
    (page.CoveragesByTime ?? []).map((c) => {
      const hours = c.Total?.CoverageHours;
      return {
        program: "reserved-instances" as const,
        service,
        month: monthOf(c.TimePeriod?.Start, where),
        unit: "hours" as const,
        covered: amount(hours?.ReservedHours, "ReservedHours", where),
        onDemand: amount(hours?.OnDemandHours, "OnDemandHours", where),
        total: amount(hours?.TotalRunningHours, "TotalRunningHours", where),
        coveragePercent: amount(hours?.CoverageHoursPercentage, "CoverageHoursPercentage", where),
        onDemandCost: optionalAmount(c.Total?.CoverageCost?.OnDemandCost, "OnDemandCost", where),
      };
    }),
  );
}

/** Monthly RI utilization and the leases held (grouped by subscription, whose attributes carry the end date). */
export async function fetchReservationUtilization(
  fc: CommitmentFetchContext,
  range: Range,
): Promise<{ months: UtilizationRow[]; held: HeldRow[] }> {
  const where = "GetReservationUtilization (monthly, by subscription)";
  const pages = await allPages((NextPageToken) =>
    send(fc, "GetReservationUtilization", where, (abortSignal) =>
      fc.client.send(
        new GetReservationUtilizationCommand({
          TimePeriod: timePeriod(range),
          Granularity: "MONTHLY",
          GroupBy: [{ Type: "DIMENSION", Key: "SUBSCRIPTION_ID" }],
          NextPageToken,
        }),
        { abortSignal },
      ),
    ),
  );
  const months: UtilizationRow[] = [];
  const held = new Map<string, HeldRow>();
  for (const u of pages.flatMap((p) => p.UtilizationsByTime ?? [])) {
    const t = u.Total;
    if (t && t.PurchasedHours !== "0") {
      months.push({
        program: "reserved-instances",
        month: monthOf(u.TimePeriod?.Start, where),
        totalCommitment: amount(t.PurchasedHours, "PurchasedHours", where),
        usedCommitment: amount(t.TotalActualHours, "TotalActualHours", where),
        unusedCommitment: amount(t.UnusedHours, "UnusedHours", where),
        utilizationPercent: amount(t.UtilizationPercentage, "UtilizationPercentage", where),
        netSavings: optionalAmount(t.NetRISavings, "NetRISavings", where),
      });
    }
    for (const g of u.Groups ?? []) {
      const end = g.Attributes?.endDateTime ?? g.Attributes?.EndDateTime;
      if (!g.Value || !end) continue;
      const type = g.Attributes?.instanceType ?? "";
      const count = g.Attributes?.numberOfInstances ?? "";
      held.set(g.Value, {
        program: "reserved-instances",
        id: g.Value,
        description: [count && `${count} ×`, type, g.Attributes?.region].filter(Boolean).join(" ") || "Reservation",
        endDate: end.slice(0, 10),
        hourlyCommitment: null,
      });
    }
  }
  return { months, held: [...held.values()] };
}
