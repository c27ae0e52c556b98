// Realized saving of an initiative, measured on the bill: the average monthly spend of its scope over
// N full months before the change against up to N full months after it, leaving out the month of the change
// (half old, half new) and the current open month (not over yet), annualised × 12. Pure: money as exact
// decimal strings, arithmetic in integer units (lib/money.ts), the clock passed in.
import { addMonths, daysBetween, startOfMonth, toDay } from "@/lib/dates";
import { SHORT_MONTH_NAMES } from "@/lib/labels";
import { fromUnits, toUnits } from "@/lib/money";

/** The scope's spend in one calendar month, and how many of its days the bill's daily totals are synced for. */
export type MonthSpend = { month: string; amount: string; daysSynced: number };

export type MonthWindow = {
  /** First days of the months counted, oldest first. */
  months: string[];
  total: string;
  /** total / months.length, rounded half away from zero to 1e-12 USD; "0" when no month. */
  average: string;
};

export type RealizedSaving =
  | {
      status: "measured";
      changeMonth: string;
      before: MonthWindow;
      after: MonthWindow;
      /** Average before − average after: positive = saved, negative = the scope costs more now. */
      monthlySaving: string;
      annualSaving: string;
      /** Fewer than N full months after the change so far: the figure will firm up as months close. */
      isProvisional: boolean;
    }
  | {
      status: "too-few-after" | "too-few-before";
      changeMonth: string;
      before: MonthWindow;
      after: MonthWindow;
      message: string;
    };

export type RealizedInput = { changeDate: string; months: number; now: Date; spend: readonly MonthSpend[] };

/** "Jun 2026" */
export function formatMonth(month: string): string {
  return `${SHORT_MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? "?"} ${month.slice(0, 4)}`;
}

export function countMonthDays(month: string): number {
  return daysBetween(month, addMonths(month, 1));
}

export function toMonthWindow(months: readonly MonthSpend[]): MonthWindow {
  const total = months.reduce((sum, m) => sum + toUnits(m.amount), 0n);
  return {
    months: months.map((m) => m.month),
    total: fromUnits(total),
    average: fromUnits(divideRounded(total, months.length)),
  };
}

function divideRounded(units: bigint, divisor: number | bigint): bigint {
  const n = BigInt(divisor);
  if (n === 0n) return 0n;
  const abs = units < 0n ? -units : units;
  const q = (abs * 2n + n) / (2n * n); // half away from zero
  return units < 0n ? -q : q;
}

/** The months [from, to) as first days. */
export function listMonths(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = startOfMonth(from); m < to; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function toRealizedSaving(input: RealizedInput): RealizedSaving {
  const changeMonth = startOfMonth(input.changeDate);
  const openMonth = startOfMonth(toDay(input.now));
  const n = input.months;
  const byMonth = new Map(input.spend.map((m) => [m.month, m]));
  // Only months whose every day is synced count: a half-synced month would read as a fall in spend.
  const fullySynced = (month: string) => {
    const m = byMonth.get(month);
    return m !== undefined && m.daysSynced >= countMonthDays(month) ? m : undefined;
  };
  const pick = (months: string[]) => months.map(fullySynced).filter((m): m is MonthSpend => m !== undefined);

  const beforeMonths = listMonths(addMonths(changeMonth, -n), changeMonth);
  const afterEnd = [addMonths(changeMonth, n + 1), openMonth].sort()[0] ?? openMonth;
  const afterMonths = listMonths(addMonths(changeMonth, 1), afterEnd);
  const before = toMonthWindow(pick(beforeMonths.filter((m) => m < openMonth)));
  const after = toMonthWindow(pick(afterMonths));

  if (after.months.length === 0) {
    const firstAfter = addMonths(changeMonth, 1);
    const measurableFrom = addMonths(firstAfter, 1);
    const message =
      afterMonths.length === 0
        ? `Too few full months after the change to measure it: ${formatMonth(changeMonth)} is the month of the change and is left out, ` +
          `and ${formatMonth(firstAfter)} is not over yet. The saving can be measured from ${measurableFrom}, once ${formatMonth(firstAfter)} has closed and been synced.`
        : `Too few full months after the change to measure it: no full month after ${formatMonth(changeMonth)} is synced yet ` +
          `(${afterMonths.map(formatMonth).join(", ")}). Run a sync that covers them.`;
    return { status: "too-few-after", changeMonth, before, after, message };
  }
  if (before.months.length === 0) {
    const message =
      `Too few full months before the change to measure it: none of ${beforeMonths.map(formatMonth).join(", ")} is fully synced. ` +
      `Sync spend from ${beforeMonths[0] ?? changeMonth} on, or compare fewer months before the change.`;
    return { status: "too-few-before", changeMonth, before, after, message };
  }
  // One rational difference, rounded once: annual is 12 × the exact monthly difference, not 12 × a rounded one.
  const nb = BigInt(before.months.length);
  const na = BigInt(after.months.length);
  const numerator = toUnits(before.total) * na - toUnits(after.total) * nb;
  return {
    status: "measured",
    changeMonth,
    before,
    after,
    monthlySaving: fromUnits(divideRounded(numerator, nb * na)),
    annualSaving: fromUnits(divideRounded(numerator * 12n, nb * na)),
    isProvisional: after.months.length < n,
  };
}
