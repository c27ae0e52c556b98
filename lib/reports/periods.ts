// Report periods: calendar months or days clipped to the half-open range [from, to), or the whole range.
import { addDays, addMonths, daysBetween, startOfMonth } from "@/lib/dates";
import { SHORT_MONTH_NAMES } from "@/lib/labels";

export const GRANULARITIES = ["month", "day", "total"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** One column of a report: [start, end), both UTC days. */
export type Period = { start: string; end: string };

export function listPeriods(range: { from: string; to: string }, granularity: Granularity): Period[] {
  if (granularity === "total") return [{ start: range.from, end: range.to }];
  const periods: Period[] = [];
  for (let start = range.from; start < range.to;) {
    const next = granularity === "day" ? addDays(start, 1) : addMonths(startOfMonth(start), 1);
    const end = next < range.to ? next : range.to;
    periods.push({ start, end });
    start = end;
  }
  return periods;
}

export function countDays(period: Period): number {
  return daysBetween(period.start, period.end);
}

function toParts(day: string) {
  return {
    year: day.slice(0, 4),
    month: SHORT_MONTH_NAMES[Number(day.slice(5, 7)) - 1] ?? "?",
    date: Number(day.slice(8, 10)),
  };
}

/** "Nov 3, 2026" */
export function formatDay(day: string): string {
  const p = toParts(day);
  return `${p.month} ${p.date}, ${p.year}`;
}

/** How a period is named in tables: "Nov 2026", "Nov 3–30, 2026" (a clipped month), "Nov 3, 2026" (a day). */
export function formatPeriod(period: Period, granularity: Granularity): string {
  if (granularity === "day") return formatDay(period.start);
  const isWholeMonth = period.start === startOfMonth(period.start) && period.end === addMonths(period.start, 1);
  if (granularity === "month" && isWholeMonth) return `${toParts(period.start).month} ${toParts(period.start).year}`;
  return formatDayRange(period);
}

/** The inclusive range a person reads: "Nov 3 – Nov 30, 2026" or "Dec 1, 2025 – Nov 30, 2026". */
export function formatDayRange(range: Period): string {
  const first = toParts(range.start);
  const last = toParts(addDays(range.end, -1));
  if (range.end === addDays(range.start, 1)) return formatDay(range.start);
  if (first.year === last.year && first.month === last.month)
    return `${first.month} ${first.date}–${last.date}, ${first.year}`;
  if (first.year === last.year) return `${first.month} ${first.date} – ${last.month} ${last.date}, ${first.year}`;
  return `${formatDay(range.start)} – ${formatDay(addDays(range.end, -1))}`;
}

/** Short axis labels for charts: "Nov '26" for months, "Nov 3" for days. */
export function formatPeriodShort(period: Period, granularity: Granularity): string {
  const p = toParts(period.start);
  if (granularity === "day") return `${p.month} ${p.date}`;
  if (granularity === "total") return formatDayRange(period);
  return `${p.month} '${p.year.slice(2)}`;
}
