// Candidates the data suggests: projects whose spend stopped or fell to near zero — abandoned or shut
// down, often the first savings to look for (docs/rules.md) — each with the saving the ledger would measure if it were
// recorded as an initiative (the same arithmetic, realized.ts), so the suggestion and the ledger agree.
import { compareMoney, toUnits } from "@/lib/money";
import { countMonthDays, toRealizedSaving, type MonthSpend } from "./realized";

export type ProjectMonths = { project: string; months: MonthSpend[] };

export type AbandonedCandidate = {
  project: string;
  /** First month whose spend stayed near zero from then on: the suggested change date is its 1st. */
  stoppedMonth: string;
  peakMonth: string;
  peakAmount: string;
  lastAmount: string;
  /** What the ledger would measure with N = 3, when measurable. */
  annualSaving: string | null;
};

/** A project must have cost at least this much in its busiest month to be worth a slide ($/month). */
export const MIN_PEAK_USD = "1000";
/** "Near zero": at most this share of the busiest month. */
export const NEAR_ZERO_RATIO_PERCENT = 5n;

export function toAbandonedCandidates(
  projects: readonly ProjectMonths[],
  opts: { now: Date; covered: ReadonlySet<string> },
): AbandonedCandidate[] {
  const found: AbandonedCandidate[] = [];
  for (const p of projects) {
    if (opts.covered.has(p.project)) continue;
    // Only full, fully synced months: the open month always looks like a fall.
    const full = p.months.filter(
      (m) => m.daysSynced >= countMonthDays(m.month) && isBeforeOpenMonth(m.month, opts.now),
    );
    const last = full[full.length - 1];
    if (!last) continue;
    const peak = full.reduce((best, m) => (compareMoney(m.amount, best.amount) > 0 ? m : best), full[0] ?? last);
    if (compareMoney(peak.amount, MIN_PEAK_USD) < 0) continue;
    const nearZero = (m: MonthSpend) => toUnits(m.amount) * 100n <= toUnits(peak.amount) * NEAR_ZERO_RATIO_PERCENT;
    if (!nearZero(last)) continue;
    // Walk back from the last month while spend stays near zero: where that run starts, the project stopped.
    let start = full.length - 1;
    while (start > 0 && nearZero(full[start - 1] as MonthSpend)) start -= 1;
    const stopped = full[start] as MonthSpend;
    if (stopped.month <= peak.month) continue;
    const realized = toRealizedSaving({ changeDate: stopped.month, months: 3, now: opts.now, spend: p.months });
    found.push({
      project: p.project,
      stoppedMonth: stopped.month,
      peakMonth: peak.month,
      peakAmount: peak.amount,
      lastAmount: last.amount,
      annualSaving: realized.status === "measured" ? realized.annualSaving : null,
    });
  }
  return found.sort((a, b) => compareMoney(b.peakAmount, a.peakAmount) || a.project.localeCompare(b.project));
}

function isBeforeOpenMonth(month: string, now: Date): boolean {
  return month < `${now.toISOString().slice(0, 7)}-01`;
}
