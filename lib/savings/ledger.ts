// The savings ledger behind /savings and the deck's initiative slides: every initiative with its realized
// saving measured on the bill, the months behind it, and for rightsizing initiatives the potential still on
// the table (lib/rightsizing, the same totals /rightsizing shows).
import type { Db } from "@/lib/db/types";
import { addMonths, startOfMonth, toDay } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { addMoney } from "@/lib/money";
import { toSpendHref } from "@/lib/reports/view";
import { getRightsizingOverview } from "@/lib/rightsizing/read";
import { getTagSettings } from "@/lib/settings/store";
import type { TagSettings } from "@/lib/settings/tags";
import { toBeforeAfterPoints, type ChartPoint } from "./before-after";
import type { Initiative } from "./initiative";
import { listInitiatives } from "./initiatives-store";
import { toRealizedSaving, type RealizedSaving } from "./realized";
import { getScopeMonthlySpend, toScopeView } from "./scope-spend";

/** Monthly net savings the rightsizing rules still recommend (not yet applied) within the initiative's clusters. */
export type Potential =
  | { kind: "potential"; monthlyCents: number; annualCents: number; containersToChange: number; href: string }
  | { kind: "unavailable"; message: string; href: string };

export type LedgerEntry = {
  initiative: Initiative;
  realized: RealizedSaving | null;
  /** Why there is no measurement (a scope that no longer reads or is not exact), when realized is null. */
  problem: string | null;
  chart: ChartPoint[];
  /** The same months on /spend. */
  spendHref: string;
  potential: Potential | null;
};

export type Ledger = {
  entries: LedgerEntry[];
  /** Σ annual saving of the measured initiatives (provisional ones included). */
  totalAnnual: string;
  measuredCount: number;
};

// Months of the chart after the change month: the counted ones and a few more, so a saving that lasted shows.
const CHART_MONTHS_AFTER = 12;

export async function getLedgerEntry(
  db: Db,
  initiative: Initiative,
  opts: { now: Date; settings: TagSettings },
): Promise<LedgerEntry> {
  const changeMonth = startOfMonth(initiative.changeDate);
  const openMonth = startOfMonth(toDay(opts.now));
  const from = addMonths(changeMonth, -initiative.months);
  const lastEnd = addMonths(changeMonth, Math.max(initiative.months, CHART_MONTHS_AFTER) + 1);
  const to = lastEnd < openMonth ? lastEnd : openMonth;
  const range = to > from ? { from, to } : { from, to: addMonths(from, 1) };
  const spendHref = toSpendHref(toScopeView(initiative.scope, range));
  const potential = initiative.kind === "rightsizing" ? await getPotential(db, initiative) : null;
  const base = { initiative, spendHref, potential };
  if (initiative.scopeError) return { ...base, realized: null, problem: initiative.scopeError, chart: [] };

  const spend =
    to > from ? await getScopeMonthlySpend(db, initiative.scope, range, opts) : { kind: "spend" as const, months: [] };
  if (spend.kind === "not-exact") return { ...base, realized: null, problem: spend.message, chart: [] };
  const realized = toRealizedSaving({
    changeDate: initiative.changeDate,
    months: initiative.months,
    now: opts.now,
    spend: spend.months,
  });
  return { ...base, realized, problem: null, chart: toBeforeAfterPoints(realized, spend.months) };
}

async function getPotential(db: Db, initiative: Initiative): Promise<Potential> {
  const scope = initiative.scope.rightsizing ?? {};
  const params = new URLSearchParams(Object.entries(scope).filter((e): e is [string, string] => e[1] !== undefined));
  const href = `/rightsizing${params.size > 0 ? `?${params}` : ""}`;
  try {
    const overview = await getRightsizingOverview(db, scope);
    const net = overview.summary.total.savings.netCents;
    return {
      kind: "potential",
      monthlyCents: net,
      annualCents: net * 12,
      containersToChange: overview.summary.total.containersToChange,
      href,
    };
  } catch (err) {
    if (err instanceof AppError && err.kind === "bad-input") return { kind: "unavailable", message: err.message, href };
    throw err;
  }
}

export async function getLedger(db: Db, now: Date): Promise<Ledger> {
  const [initiatives, settings] = await Promise.all([listInitiatives(db, now), getTagSettings(db)]);
  const entries: LedgerEntry[] = [];
  // One at a time: each is a grouped read over its months; the embedded database serves one query at a time anyway.
  for (const initiative of initiatives) entries.push(await getLedgerEntry(db, initiative, { now, settings }));
  return summarizeLedger(entries);
}

export function summarizeLedger(entries: LedgerEntry[]): Ledger {
  const measured = entries.flatMap((e) => (e.realized?.status === "measured" ? [e.realized.annualSaving] : []));
  return { entries, totalAnnual: addMoney("0", ...measured), measuredCount: measured.length };
}
