// What the demo company's bill says about commitments, read from the same generated spend the other
// operations serve: per day, the on-demand usage of each service, the Compute Savings Plan's covered usage and
// the used part of its fee. Coverage, utilization and recommendations are all derived from these sums, so they
// agree with GetCostAndUsage to the unit.
import { firstOfMonth } from "@/emulators/demo/spend-days";
import { SAVINGS_PLAN_USD_PER_DAY, SERVICES, type ServiceId } from "@/emulators/demo/spend-catalog";
import { AMORTIZE, RECORD_TYPES, UNITS_PER_USD } from "@/emulators/demo/spend-table";
import { toVisibleDays, type Dataset } from "./dataset";

export type DaySums = {
  /** On-demand usage (record type Usage), integer 1e-8 USD, per service id. */
  onDemand: Partial<Record<ServiceId, number>>;
  /** Savings-plan-covered usage at its on-demand price. */
  covered: number;
  /** The part of the plan's fee that covered usage (its effective cost). */
  feeUsed: number;
  /** The plan's whole daily commitment. */
  commitment: number;
};

const USAGE = RECORD_TYPES.indexOf("Usage");
const COVERED = RECORD_TYPES.indexOf("SavingsPlanCoveredUsage");
const FEE = RECORD_TYPES.indexOf("SavingsPlanRecurringFee");

/** Sums of each visible day of [start, end), in day order. */
export function listDaySums(dataset: Dataset, start: number, end: number): DaySums[] {
  const { table } = dataset;
  const serviceIds = table.services.map(
    (name) => (Object.keys(SERVICES) as ServiceId[]).find((id) => SERVICES[id].name === name) ?? "tax",
  );
  const planUnits = Math.round(SAVINGS_PLAN_USD_PER_DAY * table.size * UNITS_PER_USD);
  const { from, to } = toVisibleDays(dataset, start, end);
  const days: DaySums[] = [];
  for (let day = from; day < to; day++) {
    const sums: DaySums = { onDemand: {}, covered: 0, feeUsed: 0, commitment: planUnits };
    const rowEnd = table.dayStart[day + 1 - table.firstDay] ?? 0;
    for (let row = table.dayStart[day - table.firstDay] ?? 0; row < rowEnd; row++) {
      const key = table.key[row] ?? 0;
      const recordType = table.keys.recordType[key];
      const amount = table.unblended[row] ?? 0;
      if (recordType === USAGE) {
        const service = serviceIds[table.keys.service[key] ?? 0] ?? "tax";
        sums.onDemand[service] = (sums.onDemand[service] ?? 0) + amount;
      } else if (recordType === COVERED) sums.covered += amount;
      else if (recordType === FEE && table.keys.amortize[key] === AMORTIZE.zero) sums.feeUsed += amount;
    }
    days.push(sums);
  }
  return days;
}

/** Whole calendar months overlapping [start, end), each cut to the range: what MONTHLY granularity returns. */
export function listMonths(start: number, end: number): { start: number; end: number }[] {
  const months: { start: number; end: number }[] = [];
  for (let month = firstOfMonth(start); month < end; month = firstOfMonth(month, 1)) {
    months.push({ start: Math.max(start, month), end: Math.min(end, firstOfMonth(month, 1)) });
  }
  return months;
}

/** Integer 1e-8 USD as the exact decimal text AWS sends (no exponent, no trailing zeros). */
export function formatUnits(units: number): string {
  const sign = units < 0 ? "-" : "";
  const abs = Math.abs(Math.round(units));
  const whole = Math.floor(abs / UNITS_PER_USD);
  const fraction = String(abs % UNITS_PER_USD)
    .padStart(8, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** A ratio as a percentage string with up to 10 decimals, as Cost Explorer writes them ("0" when empty). */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return "0";
  return String(Number(((part / whole) * 100).toFixed(10)));
}
