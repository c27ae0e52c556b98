// The monthly spend of an initiative's scope, read through the spend report (lib/reports) so the ledger
// shows exactly what /spend shows for the same filter: same dataset choice, aliases applied at read time.
import type { Db } from "@/lib/db/types";
import { getSpendReport } from "@/lib/reports/spend-report";
import type { SpendView } from "@/lib/reports/view";
import type { TagSettings } from "@/lib/settings/tags";
import type { InitiativeScope } from "./initiative";
import type { MonthSpend } from "./realized";

/** The /spend view of a scope over [from, to), month by month, amortized. */
export function toScopeView(scope: InitiativeScope, range: { from: string; to: string }): SpendView {
  const dimensions = Object.keys(scope.filters) as SpendView["by"];
  // Grouping by a filtered dimension needs no extra dataset column, so the view is exact whenever the filter is.
  return {
    by: [dimensions[0] ?? "department"],
    from: range.from,
    to: range.to,
    granularity: "month",
    metric: "amortized",
    filters: { ...scope.filters },
  };
}

export type ScopeSpend =
  { kind: "spend"; view: SpendView; months: MonthSpend[] } | { kind: "not-exact"; view: SpendView; message: string };

export async function getScopeMonthlySpend(
  db: Db,
  scope: InitiativeScope,
  range: { from: string; to: string },
  opts: { now: Date; settings: TagSettings },
): Promise<ScopeSpend> {
  const view = toScopeView(scope, range);
  const report = await getSpendReport(db, view, opts);
  if (report.kind === "not-exact") return { kind: "not-exact", view, message: report.message };
  return {
    kind: "spend",
    view,
    months: report.periods.map((p, i) => ({
      month: p.start,
      amount: report.periodTotals[i] ?? "0",
      daysSynced: p.daysWithData,
    })),
  };
}
