// The commitment operations of Cost Explorer — Savings Plans and Reserved Instance coverage, utilization and
// purchase recommendations — answered in their real shapes from the demo company's generated spend.
// The demo owns one Compute Savings Plan ($600 a day, 1 year, no upfront, ending 70 days after `now`) and no
// Reserved Instances, so RI utilization answers as an account without reservations does (all "0", no periods).
import { formatDay } from "@/emulators/demo/spend-days";
import { SAVINGS_PLAN_USD_PER_DAY } from "@/emulators/demo/spend-catalog";
import type { ServiceId } from "@/emulators/demo/spend-catalog";
import { UNITS_PER_USD } from "@/emulators/demo/spend-table";
import { formatPercent, formatUnits, listDaySums, listMonths, type DaySums } from "./commitment-usage";
import type { CommitmentOperation } from "./commitment-operations";
import type { Dataset } from "./dataset";
import { constraintError, validationError } from "./protocol";
import { parseTimePeriod } from "./validate";

export function answerCommitments(dataset: Dataset, operation: CommitmentOperation, body: Record<string, unknown>) {
  if (operation === "GetSavingsPlansPurchaseRecommendation") return recommendSavingsPlans(dataset, body);
  if (operation === "GetReservationPurchaseRecommendation") return recommendReservations(dataset, body);
  if (operation === "GetSavingsPlansCoverage") return savingsPlansCoverage(dataset, body);
  if (operation === "GetSavingsPlansUtilization") return savingsPlansUtilization(dataset, body);
  if (operation === "GetSavingsPlansUtilizationDetails") return savingsPlansUtilizationDetails(dataset, body);
  if (operation === "GetReservationCoverage") return reservationCoverage(dataset, body);
  return reservationUtilization(dataset, body);
}

const HOURS_PER_DAY = 24;
const HOURS_PER_MONTH = 730;
const HOURS_PER_YEAR = 8760;
const PLAN_DAYS_LEFT = 70;
const PLAN_ARN = "arn:aws:savingsplans::111111111111:savingsplan/5e1f7c2a-0d5b-4c8e-9a61-3b2f8d4c7e90";
const REGION_NAME = "US East (N. Virginia)";

function parseMonthly(dataset: Dataset, body: Record<string, unknown>) {
  const range = parseTimePeriod(body.TimePeriod, dataset);
  const granularity = body.Granularity ?? "MONTHLY";
  if (granularity !== "MONTHLY" && granularity !== "DAILY") {
    throw constraintError(granularity, "granularity", "Member must satisfy enum value set: [DAILY, MONTHLY]");
  }
  if (granularity === "DAILY")
    throw validationError("The Costwise emulator answers commitment coverage and utilization MONTHLY only.");
  return listMonths(range.start, range.end).map((month) => ({
    ...month,
    days: listDaySums(dataset, month.start, month.end),
  }));
}

const sumOf = (days: DaySums[], pick: (d: DaySums) => number) => days.reduce((sum, d) => sum + pick(d), 0);
const period = (start: number, end: number) => ({ Start: formatDay(start), End: formatDay(end) });
const usd = (units: number) => formatUnits(units);

function spCoverageData(days: DaySums[]) {
  const covered = sumOf(days, (d) => d.covered);
  const onDemand = sumOf(days, (d) => d.onDemand.ec2 ?? 0);
  return {
    SpendCoveredBySavingsPlans: usd(covered),
    OnDemandCost: usd(onDemand),
    TotalCost: usd(covered + onDemand),
    CoveragePercentage: formatPercent(covered, covered + onDemand),
  };
}

function savingsPlansCoverage(dataset: Dataset, body: Record<string, unknown>) {
  const months = parseMonthly(dataset, body);
  return {
    SavingsPlansCoverages: months.map((m) => ({
      Attributes: {},
      Coverage: spCoverageData(m.days),
      TimePeriod: period(m.start, m.end),
    })),
  };
}

function spUtilization(days: DaySums[]) {
  const total = sumOf(days, (d) => d.commitment);
  const used = sumOf(days, (d) => d.feeUsed);
  const covered = sumOf(days, (d) => d.covered);
  return {
    Utilization: {
      TotalCommitment: usd(total),
      UsedCommitment: usd(used),
      UnusedCommitment: usd(total - used),
      UtilizationPercentage: formatPercent(used, total),
    },
    Savings: { NetSavings: usd(covered - total), OnDemandCostEquivalent: usd(covered) },
    AmortizedCommitment: {
      AmortizedRecurringCommitment: usd(total),
      AmortizedUpfrontCommitment: "0",
      TotalAmortizedCommitment: usd(total),
    },
  };
}

function savingsPlansUtilization(dataset: Dataset, body: Record<string, unknown>) {
  const months = parseMonthly(dataset, body);
  return {
    SavingsPlansUtilizationsByTime: months.map((m) => ({
      TimePeriod: period(m.start, m.end),
      ...spUtilization(m.days),
    })),
    Total: spUtilization(months.flatMap((m) => m.days)),
  };
}

function savingsPlansUtilizationDetails(dataset: Dataset, body: Record<string, unknown>) {
  const range = parseTimePeriod(body.TimePeriod, dataset);
  const days = listDaySums(dataset, range.start, range.end);
  const { Utilization, Savings, AmortizedCommitment } = spUtilization(days);
  const end = dataset.nowDay + PLAN_DAYS_LEFT;
  const hourly = (SAVINGS_PLAN_USD_PER_DAY * dataset.table.size) / HOURS_PER_DAY;
  return {
    SavingsPlansUtilizationDetails: [
      {
        SavingsPlanArn: PLAN_ARN,
        Attributes: {
          AccountId: "111111111111",
          AccountName: "costwise-prod",
          StartDateTime: `${formatDay(end - 365)}T00:00:00.000Z`,
          EndDateTime: `${formatDay(end)}T00:00:00.000Z`,
          SavingsPlansType: "ComputeSavingsPlans",
          PaymentOption: "No Upfront",
          PurchaseTerm: "1yr",
          HourlyCommitment: String(hourly),
          RecurringHourlyFee: String(hourly),
          UpfrontFee: "0",
          Region: "Any",
          InstanceFamily: "Any",
        },
        Utilization,
        Savings,
        AmortizedCommitment,
      },
    ],
    Total: { Utilization, Savings, AmortizedCommitment },
    TimePeriod: period(range.start, range.end),
  };
}

// Coverage hours: the demo's usage units of EC2 and RDS are instance hours (units per USD in the catalog).
const HOURS_PER_USD: Partial<Record<ServiceId, number>> = { ec2: 10, rds: 4, elastiCache: 5.8, openSearch: 3.2 };
const RI_SERVICES: Partial<Record<string, ServiceId>> = {
  "Amazon Elastic Compute Cloud - Compute": "ec2",
  "Amazon Relational Database Service": "rds",
  "Amazon ElastiCache": "elastiCache",
  "Amazon OpenSearch Service": "openSearch",
  "Amazon Elasticsearch Service": "openSearch",
};

/** The SERVICE a reservation request filters on (EC2 when absent, as Cost Explorer defaults). */
function parseServiceFilter(filter: unknown): string {
  if (filter === undefined || filter === null) return "Amazon Elastic Compute Cloud - Compute";
  const dimensions = (filter as { Dimensions?: { Key?: unknown; Values?: unknown } }).Dimensions;
  const value = Array.isArray(dimensions?.Values) ? dimensions.Values[0] : undefined;
  if (dimensions?.Key !== "SERVICE" || typeof value !== "string") {
    throw validationError("The Costwise emulator filters reservation coverage by one SERVICE dimension only.");
  }
  return value;
}

function riCoverage(days: DaySums[], service: ServiceId | undefined) {
  const onDemandUnits = service ? sumOf(days, (d) => d.onDemand[service] ?? 0) : 0;
  const hours = (onDemandUnits / UNITS_PER_USD) * (service ? (HOURS_PER_USD[service] ?? 0) : 0);
  const text = hours.toFixed(2).replace(/\.?0+$/, "");
  return {
    CoverageHours: {
      OnDemandHours: text,
      ReservedHours: "0",
      TotalRunningHours: text,
      CoverageHoursPercentage: "0",
    },
    CoverageNormalizedUnits: {
      OnDemandNormalizedUnits: String(Number((hours * 8).toFixed(2))),
      ReservedNormalizedUnits: "0",
      TotalRunningNormalizedUnits: String(Number((hours * 8).toFixed(2))),
      CoverageNormalizedUnitsPercentage: "0",
    },
    CoverageCost: { OnDemandCost: usd(onDemandUnits) },
  };
}

function reservationCoverage(dataset: Dataset, body: Record<string, unknown>) {
  const months = parseMonthly(dataset, body);
  const service = RI_SERVICES[parseServiceFilter(body.Filter)];
  return {
    CoveragesByTime: months.map((m) => ({
      TimePeriod: period(m.start, m.end),
      Groups: [],
      Total: riCoverage(m.days, service),
    })),
    Total: riCoverage(
      months.flatMap((m) => m.days),
      service,
    ),
  };
}

// An account without reservations: every aggregate "0" and no periods (the published AWS CLI example).
function reservationUtilization(dataset: Dataset, body: Record<string, unknown>) {
  parseTimePeriod(body.TimePeriod, dataset);
  const zero = [
    "TotalAmortizedFee",
    "UtilizationPercentage",
    "PurchasedHours",
    "NetRISavings",
    "TotalActualHours",
    "AmortizedRecurringFee",
    "UnusedHours",
    "TotalPotentialRISavings",
    "OnDemandCostOfRIHoursUsed",
    "AmortizedUpfrontFee",
  ];
  return { Total: Object.fromEntries(zero.map((k) => [k, "0"])), UtilizationsByTime: [] };
}

// ---- Purchase recommendations ---------------------------------------------------------------------------

type Term = "ONE_YEAR" | "THREE_YEARS";
type Payment = "NO_UPFRONT" | "PARTIAL_UPFRONT" | "ALL_UPFRONT";
const TERMS: readonly Term[] = ["ONE_YEAR", "THREE_YEARS"];
const PAYMENTS: readonly Payment[] = ["NO_UPFRONT", "PARTIAL_UPFRONT", "ALL_UPFRONT"];
const LOOKBACK: Record<string, number> = { SEVEN_DAYS: 7, THIRTY_DAYS: 30, SIXTY_DAYS: 60 };

// Effective rate as a share of on-demand (published us-east-1 rates for t3a/r6g, rounded): what the demo pays
// per on-demand dollar under each commitment. RDS sells no 3-year No Upfront reservations.
const RATES: Record<string, Record<Term, Partial<Record<Payment, number>>>> = {
  COMPUTE_SP: {
    ONE_YEAR: { NO_UPFRONT: 0.725, PARTIAL_UPFRONT: 0.695, ALL_UPFRONT: 0.68 },
    THREE_YEARS: { NO_UPFRONT: 0.505, PARTIAL_UPFRONT: 0.475, ALL_UPFRONT: 0.455 },
  },
  EC2_INSTANCE_SP: {
    ONE_YEAR: { NO_UPFRONT: 0.63, PARTIAL_UPFRONT: 0.6, ALL_UPFRONT: 0.59 },
    THREE_YEARS: { NO_UPFRONT: 0.435, PARTIAL_UPFRONT: 0.41, ALL_UPFRONT: 0.385 },
  },
  ec2: {
    ONE_YEAR: { NO_UPFRONT: 0.632, PARTIAL_UPFRONT: 0.602, ALL_UPFRONT: 0.59 },
    THREE_YEARS: { NO_UPFRONT: 0.434, PARTIAL_UPFRONT: 0.408, ALL_UPFRONT: 0.384 },
  },
  rds: {
    ONE_YEAR: { NO_UPFRONT: 0.69, PARTIAL_UPFRONT: 0.655, ALL_UPFRONT: 0.64 },
    THREE_YEARS: { PARTIAL_UPFRONT: 0.45, ALL_UPFRONT: 0.42 },
  },
  elastiCache: {
    ONE_YEAR: { NO_UPFRONT: 0.69, PARTIAL_UPFRONT: 0.66, ALL_UPFRONT: 0.65 },
    THREE_YEARS: { NO_UPFRONT: 0.47, PARTIAL_UPFRONT: 0.44, ALL_UPFRONT: 0.42 },
  },
  openSearch: {
    ONE_YEAR: { NO_UPFRONT: 0.69, PARTIAL_UPFRONT: 0.66, ALL_UPFRONT: 0.65 },
    THREE_YEARS: { NO_UPFRONT: 0.5, PARTIAL_UPFRONT: 0.46, ALL_UPFRONT: 0.44 },
  },
};

/** Share of the commitment paid upfront; the rest is the recurring fee. */
const UPFRONT_SHARE: Record<Payment, number> = { NO_UPFRONT: 0, PARTIAL_UPFRONT: 0.5, ALL_UPFRONT: 1 };

function parseEnum<T extends string>(value: unknown, path: string, allowed: readonly T[], fallback?: T): T {
  if ((value === undefined || value === null) && fallback) return fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw constraintError(value, path, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  return value as T;
}

function parseRecommendationRequest(body: Record<string, unknown>) {
  return {
    term: parseEnum(body.TermInYears, "termInYears", TERMS),
    payment: parseEnum(body.PaymentOption, "paymentOption", PAYMENTS),
    lookback: parseEnum(body.LookbackPeriodInDays, "lookbackPeriodInDays", ["SEVEN_DAYS", "THIRTY_DAYS", "SIXTY_DAYS"]),
  };
}

/** Daily on-demand spend of a service over the lookback (whole days before yesterday, which is still arriving). */
function lookbackDaily(dataset: Dataset, service: ServiceId, days: number): number[] {
  const end = dataset.nowDay - 1;
  return listDaySums(dataset, end - days, end).map((d) => (d.onDemand[service] ?? 0) / UNITS_PER_USD);
}

const money = (x: number) => x.toFixed(2);
const hourlyText = (x: number) => x.toFixed(3);
const years = (term: Term) => (term === "ONE_YEAR" ? 1 : 3);

function metadata(dataset: Dataset, seed: string) {
  return {
    RecommendationId: toUuid(`${seed}|${dataset.nowDay}`),
    GenerationTimestamp: `${formatDay(dataset.nowDay)}T06:12:31Z`,
  };
}

function recommendSavingsPlans(dataset: Dataset, body: Record<string, unknown>) {
  const type = parseEnum(body.SavingsPlansType, "savingsPlansType", [
    "COMPUTE_SP",
    "EC2_INSTANCE_SP",
    "SAGEMAKER_SP",
    "DATABASE_SP",
  ]);
  const { term, payment, lookback } = parseRecommendationRequest(body);
  const rate = RATES[type]?.[term][payment];
  const lookbackDays = LOOKBACK[lookback] ?? 30;
  const daily = lookbackDaily(dataset, "ec2", lookbackDays);
  const seed = `sp|${type}|${term}|${payment}|${lookback}`;
  const base = {
    AccountScope: "PAYER",
    SavingsPlansType: type,
    TermInYears: term,
    PaymentOption: payment,
    LookbackPeriodInDays: lookback,
  };
  const meta = metadata(dataset, seed);
  if (rate === undefined || daily.length === 0) {
    return { Metadata: { ...meta, AdditionalMetadata: "" }, SavingsPlansPurchaseRecommendation: base };
  }
  const hours = daily.length * HOURS_PER_DAY;
  const totalOnDemand = daily.reduce((a, b) => a + b, 0);
  const minHourly = Math.min(...daily) / HOURS_PER_DAY;
  const commitment = Number(hourlyText(minHourly * rate)); // covers the steady baseline at ~100% use
  const coveredOnDemand = (commitment / rate) * hours;
  const spCost = commitment * hours;
  const savings = coveredOnDemand - spCost;
  const upfront = commitment * HOURS_PER_YEAR * years(term) * UPFRONT_SHARE[payment];
  const monthlySavings = commitment * (1 / rate - 1) * HOURS_PER_MONTH;
  const detail = {
    SavingsPlansDetails: {
      Region: type === "EC2_INSTANCE_SP" ? REGION_NAME : "",
      InstanceFamily: type === "EC2_INSTANCE_SP" ? "t3a" : "",
      OfferingId: toUuid(`offering|${type}|${term}|${payment}`),
    },
    AccountId: "111111111111",
    UpfrontCost: money(upfront),
    EstimatedROI: money((savings / spCost) * 100),
    CurrencyCode: "USD",
    EstimatedSPCost: money(spCost),
    EstimatedOnDemandCost: money(totalOnDemand - coveredOnDemand),
    EstimatedOnDemandCostWithCurrentCommitment: money(totalOnDemand),
    EstimatedSavingsAmount: money(savings),
    EstimatedSavingsPercentage: money((savings / totalOnDemand) * 100),
    HourlyCommitmentToPurchase: hourlyText(commitment),
    EstimatedAverageUtilization: "100.0",
    EstimatedMonthlySavingsAmount: money(monthlySavings),
    CurrentMinimumHourlyOnDemandSpend: money(minHourly),
    CurrentMaximumHourlyOnDemandSpend: money(Math.max(...daily) / HOURS_PER_DAY),
    CurrentAverageHourlyOnDemandSpend: money(totalOnDemand / hours),
    RecommendationDetailId: toUuid(`detail|${seed}|${dataset.nowDay}`),
  };
  return {
    Metadata: { ...meta, AdditionalMetadata: "" },
    SavingsPlansPurchaseRecommendation: {
      ...base,
      SavingsPlansPurchaseRecommendationDetails: [detail],
      SavingsPlansPurchaseRecommendationSummary: {
        EstimatedROI: detail.EstimatedROI,
        CurrencyCode: "USD",
        EstimatedTotalCost: money(spCost + totalOnDemand - coveredOnDemand),
        CurrentOnDemandSpend: money(totalOnDemand),
        EstimatedSavingsAmount: detail.EstimatedSavingsAmount,
        TotalRecommendationCount: "1",
        DailyCommitmentToPurchase: money(commitment * HOURS_PER_DAY),
        HourlyCommitmentToPurchase: detail.HourlyCommitmentToPurchase,
        EstimatedSavingsPercentage: detail.EstimatedSavingsPercentage,
        EstimatedMonthlySavingsAmount: detail.EstimatedMonthlySavingsAmount,
        EstimatedOnDemandCostWithCurrentCommitment: detail.EstimatedOnDemandCostWithCurrentCommitment,
      },
    },
  };
}

// The instance each service's reservations are sized in, with its us-east-1 on-demand hourly price.
const RI_INSTANCES: Partial<Record<ServiceId, { price: number; details: Record<string, unknown> }>> = {
  ec2: {
    price: 0.1504,
    details: {
      EC2InstanceDetails: {
        Family: "t3a",
        InstanceType: "t3a.xlarge",
        Region: REGION_NAME,
        Platform: "Linux/UNIX",
        Tenancy: "Shared",
        CurrentGeneration: true,
        SizeFlexEligible: true,
      },
    },
  },
  rds: {
    price: 0.225,
    details: {
      RDSInstanceDetails: {
        Family: "db.r6g",
        InstanceType: "db.r6g.large",
        Region: REGION_NAME,
        DatabaseEngine: "PostgreSQL",
        DatabaseEdition: "",
        DeploymentOption: "Single-AZ",
        LicenseModel: "No license required",
        CurrentGeneration: true,
        SizeFlexEligible: true,
      },
    },
  },
  elastiCache: {
    price: 0.206,
    details: {
      ElastiCacheInstanceDetails: {
        Family: "cache.r6g",
        NodeType: "cache.r6g.large",
        Region: REGION_NAME,
        ProductDescription: "redis",
        CurrentGeneration: true,
        SizeFlexEligible: true,
      },
    },
  },
  openSearch: {
    price: 0.167,
    details: {
      ESInstanceDetails: {
        InstanceClass: "r6g",
        InstanceSize: "large",
        Region: REGION_NAME,
        CurrentGeneration: true,
        SizeFlexEligible: false,
      },
    },
  },
};

function recommendReservations(dataset: Dataset, body: Record<string, unknown>) {
  if (typeof body.Service !== "string" || body.Service === "")
    throw constraintError(body.Service, "service", "Member must not be null");
  const { term, payment, lookback } = parseRecommendationRequest(body);
  const service = RI_SERVICES[body.Service];
  const seed = `ri|${body.Service}|${term}|${payment}|${lookback}`;
  const meta = metadata(dataset, seed);
  const instance = service ? RI_INSTANCES[service] : undefined;
  const rate = service ? RATES[service]?.[term][payment] : undefined;
  if (!service || !instance || rate === undefined) return { Recommendations: [], Metadata: meta };
  const daily = lookbackDaily(dataset, service, LOOKBACK[lookback] ?? 30);
  const perHour = daily.map((usdPerDay) => usdPerDay / HOURS_PER_DAY / instance.price);
  const count = Math.floor(Math.min(...perHour));
  if (daily.length === 0 || count < 1) return { Recommendations: [], Metadata: meta };
  const average = perHour.reduce((a, b) => a + b, 0) / perHour.length;
  const onDemandMonthly = count * instance.price * HOURS_PER_MONTH;
  const effectiveMonthly = onDemandMonthly * rate;
  const upfront = effectiveMonthly * 12 * years(term) * UPFRONT_SHARE[payment];
  const recurring = effectiveMonthly * (1 - UPFRONT_SHARE[payment]);
  const savings = onDemandMonthly - effectiveMonthly;
  const breakEven = upfront === 0 ? 0 : upfront / (onDemandMonthly - recurring);
  const detail = {
    AccountId: "111111111111",
    InstanceDetails: instance.details,
    RecommendedNumberOfInstancesToPurchase: String(count),
    RecommendedNormalizedUnitsToPurchase: String(count * 8),
    MinimumNumberOfInstancesUsedPerHour: String(count),
    MinimumNormalizedUnitsUsedPerHour: String(count * 8),
    MaximumNumberOfInstancesUsedPerHour: String(Math.ceil(Math.max(...perHour))),
    MaximumNormalizedUnitsUsedPerHour: String(Math.ceil(Math.max(...perHour)) * 8),
    AverageNumberOfInstancesUsedPerHour: average.toFixed(2),
    AverageNormalizedUnitsUsedPerHour: (average * 8).toFixed(2),
    AverageUtilization: "100.0",
    EstimatedBreakEvenInMonths: breakEven.toFixed(2),
    CurrencyCode: "USD",
    EstimatedMonthlySavingsAmount: money(savings),
    EstimatedMonthlySavingsPercentage: money((savings / onDemandMonthly) * 100),
    EstimatedMonthlyOnDemandCost: money(onDemandMonthly),
    EstimatedReservationCostForLookbackPeriod: money((effectiveMonthly / HOURS_PER_MONTH) * daily.length * 24),
    UpfrontCost: money(upfront),
    RecurringStandardMonthlyCost: money(recurring),
  };
  return {
    Metadata: meta,
    Recommendations: [
      {
        AccountScope: "PAYER",
        LookbackPeriodInDays: lookback,
        TermInYears: term,
        PaymentOption: payment,
        ServiceSpecification: { EC2Specification: { OfferingClass: "STANDARD" } },
        RecommendationDetails: [detail],
        RecommendationSummary: {
          TotalEstimatedMonthlySavingsAmount: detail.EstimatedMonthlySavingsAmount,
          TotalEstimatedMonthlySavingsPercentage: detail.EstimatedMonthlySavingsPercentage,
          CurrencyCode: "USD",
        },
      },
    ],
  };
}

/** A stable UUID-shaped id from a text (FNV-1a), so answers are the same on every run. */
function toUuid(text: string): string {
  let hex = "";
  for (let round = 0; hex.length < 32; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hex += (hash >>> 0).toString(16).padStart(8, "0");
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
