// The generated spend, stored columnar so the large size (millions of rows) stays small in memory:
// one row = one line key (account, service, record type, tags) on one day, with its UnblendedCost.
// Every other metric is derived from the row by the rules below, so generator and emulator agree.

export const TAG_KEYS = ["department", "project", "environment"] as const;
export type TagKey = (typeof TAG_KEYS)[number];

/** Amounts are integers of 1e-8 USD held in Float64 (exact up to 2^53 ≈ $90M per sum). */
export const UNITS_PER_USD = 100_000_000;

export const RECORD_TYPES = [
  "Usage",
  "Tax",
  "Credit",
  "SavingsPlanCoveredUsage",
  "SavingsPlanNegation",
  "SavingsPlanRecurringFee",
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** How AmortizedCost follows from UnblendedCost for a row. */
export const AMORTIZE = {
  /** Amortized = unblended (on-demand usage, tax, credits, unused commitment). */
  same: 0,
  /** Savings-plan-covered usage: amortized = the plan's effective rate (72% of on-demand). */
  savingsPlanRate: 1,
  /** Negation and the used part of the commitment fee: nothing in the amortized view. */
  zero: 2,
} as const;
export type AmortizeRule = (typeof AMORTIZE)[keyof typeof AMORTIZE];

export const SAVINGS_PLAN_RATE_PERCENT = 72;
/** Private pricing discount on Usage records; NetUnblended/NetAmortized = amount minus it. */
export const DISCOUNT_PERCENT = 4;

export function toAmortized(rule: number, unblended: number): number {
  if (rule === AMORTIZE.savingsPlanRate) return Math.trunc((unblended * SAVINGS_PLAN_RATE_PERCENT) / 100);
  if (rule === AMORTIZE.zero) return 0;
  return unblended;
}

export function toNet(isUsage: boolean, amount: number): number {
  return isUsage ? amount - Math.trunc((amount * DISCOUNT_PERCENT) / 100) : amount;
}

export type Account = { id: string; name: string };

/** Distinct line keys, struct-of-arrays; tag value index 0 means "tag absent". */
export type LineKeys = {
  count: number;
  account: Uint8Array;
  service: Uint8Array;
  recordType: Uint8Array;
  amortize: Uint8Array;
  /** Index into SpendTable.usageTypes. */
  usageType: Uint16Array;
  tags: Record<TagKey, Uint16Array>;
};

export type SpendTable = {
  seed: number;
  size: number;
  /** Day number of the first generated day; rows of day d are dayStart[d - firstDay] … dayStart[d - firstDay + 1]. */
  firstDay: number;
  dayCount: number;
  dayStart: Uint32Array;
  key: Uint32Array;
  unblended: Float64Array;
  keys: LineKeys;
  accounts: Account[];
  services: string[];
  /** Per tag key, the distinct raw values; index 0 is "" (absent). */
  tagValues: Record<TagKey, string[]>;
  /** Distinct usage types ("USE2-TimedStorage-ByteHrs", "NoUsageType"…). */
  usageTypes: string[];
  /** Usage units per USD per usage type, for UsageQuantity (not money, floats are fine). */
  unitsPerUsd: Float64Array;
};
