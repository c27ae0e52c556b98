// What Cost Explorer shows on a given day, against the injected clock.
import { dayOfMonth, firstOfMonth } from "@/emulators/demo/spend-days";

/** The real window: from the 1st of the month 13 months back (e.g. 2025-10-01 on 2026-11-26). */
export function toDefaultHistoryStart(nowDay: number): number {
  return firstOfMonth(nowDay, -13);
}

/** AWS refuses an End after the 1st of next month ("end date past the beginning of next month"). */
export function toLatestEnd(nowDay: number): number {
  return firstOfMonth(nowDay, 1);
}

// Billing finalises the previous month during the first days of the new one.
const PREVIOUS_MONTH_OPEN_DAYS = 3;

/** Estimated: every day of the open month, and of the previous month while the new one is in its first 3 days. */
export function isEstimated(day: number, nowDay: number): boolean {
  if (day >= firstOfMonth(nowDay)) return true;
  return dayOfMonth(nowDay) <= PREVIOUS_MONTH_OPEN_DAYS && day >= firstOfMonth(nowDay, -1);
}

/**
 * Usage arrives late: today has no data yet, yesterday 80 %, the day before 95 %, older days all of it.
 * So an Estimated day's amounts grow between runs, as on AWS. Tax, credits and fees arrive whole.
 */
export function toCompletenessPercent(day: number, nowDay: number): number {
  const age = nowDay - day;
  if (age <= 0) return 0;
  if (age === 1) return 80;
  if (age === 2) return 95;
  return 100;
}
