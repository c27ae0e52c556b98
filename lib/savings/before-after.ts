// The before/after chart of an initiative as data (pure): one bar per month, each saying whether the realized
// saving counted it, so the page, the slide preview and the .pptx chart draw the same picture.
import { SHORT_MONTH_NAMES } from "@/lib/labels";
import { formatUsdShort, toChartNumber } from "@/lib/money";
import { countMonthDays, type MonthSpend, type RealizedSaving } from "./realized";

export type MonthRole = "before" | "change" | "after" | "not-counted";

export type ChartPoint = {
  month: string;
  /** "Jun '26" */
  label: string;
  amount: string;
  /** For drawing only. */
  value: number;
  role: MonthRole;
  /** The month is not fully synced: drawn, never counted. */
  isPartial: boolean;
};

export const ROLE_LABELS: Record<MonthRole, string> = {
  before: "Before (counted)",
  change: "Month of the change (left out)",
  after: "After (counted)",
  "not-counted": "Not counted",
};

export function formatMonthShort(month: string): string {
  return `${SHORT_MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? "?"} '${month.slice(2, 4)}`;
}

export function toBeforeAfterPoints(realized: RealizedSaving, months: readonly MonthSpend[]): ChartPoint[] {
  const before = new Set(realized.before.months);
  const after = new Set(realized.after.months);
  return months.map((m) => ({
    month: m.month,
    label: formatMonthShort(m.month),
    amount: m.amount,
    value: toChartNumber(m.amount),
    role: before.has(m.month)
      ? "before"
      : after.has(m.month)
        ? "after"
        : m.month === realized.changeMonth
          ? "change"
          : "not-counted",
    isPartial: m.daysSynced < countMonthDays(m.month),
  }));
}

/** "$412k a year" — the headline precision, the same on the page and the slides. */
export function formatAnnualShort(annual: string): string {
  return `${formatUsdShort(toChartNumber(annual))} a year`;
}
