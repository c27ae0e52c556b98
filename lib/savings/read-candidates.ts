// Reads behind the candidates on /savings: projects whose spend stopped (from the spend report, by project,
// month by month over the default window) and the largest rightsizing savings by team (the /rightsizing overview).
import type { Db } from "@/lib/db/types";
import type { TeamTotals } from "@/lib/rightsizing/summarize";
import { getRightsizingOverview } from "@/lib/rightsizing/read";
import { listDecisions, summarizeReview, toDecisionViews, toInitiativeHref } from "@/lib/rightsizing/decisions-store";
import { toDay } from "@/lib/dates";
import { getSpendReport } from "@/lib/reports/spend-report";
import { toDefaultRange, toSpendHref, type SpendView } from "@/lib/reports/view";
import type { TagSettings } from "@/lib/settings/tags";
import { toAbandonedCandidates, type AbandonedCandidate } from "./candidates";
import type { Initiative } from "./initiative";

export type TeamCandidate = Pick<TeamTotals, "team" | "containersToChange"> & { monthlyCents: number; href: string };

/** A team whose accepted recommendations the syncs saw applied: what they save, ready to record in the ledger. */
export type RealizedCandidate = {
  team: string;
  applied: number;
  realizedCents: number;
  firstAppliedDay: string;
  /** The initiative form, prefilled (a rightsizing initiative from the first day seen applied). */
  recordHref: string;
  /** An initiative of this name exists already. */
  isRecorded: boolean;
};

export type Candidates = {
  abandoned: (AbandonedCandidate & { href: string })[];
  teams: TeamCandidate[];
  realized: RealizedCandidate[];
  /** The project view the abandoned list was read from. */
  spendHref: string;
};

export async function getCandidates(
  db: Db,
  initiatives: Initiative[],
  opts: { now: Date; settings: TagSettings },
): Promise<Candidates> {
  const view: SpendView = {
    by: ["project"],
    ...toDefaultRange(opts.now),
    granularity: "month",
    metric: "amortized",
    filters: {},
  };
  const report = await getSpendReport(db, view, opts);
  const covered = new Set(initiatives.flatMap((i) => (i.scope.filters.project ? [i.scope.filters.project] : [])));
  const abandoned =
    report.kind === "report"
      ? toAbandonedCandidates(
          report.rows
            .filter((r) => r.keys[0]?.value)
            .map((r) => ({
              project: r.keys[0]?.value ?? "",
              months: report.periods.map((p, i) => ({
                month: p.start,
                amount: r.amounts[i] ?? "0",
                daysSynced: p.daysWithData,
              })),
            })),
          { now: opts.now, covered },
        )
      : [];
  const overview = await getRightsizingOverview(db, {});
  const teams = overview.summary.teams
    .filter((t) => t.savings.netCents > 0)
    .slice(0, 5)
    .map((t) => ({
      team: t.team,
      containersToChange: t.containersToChange,
      monthlyCents: t.savings.netCents,
      href: `/rightsizing/${encodeURIComponent(t.team)}`,
    }));
  const views = toDecisionViews(await listDecisions(db, { teams: null }), overview.allRows, {
    today: toDay(opts.now),
    reopenChangePct: overview.settings.reopenChangePct,
  });
  const names = new Set(initiatives.map((i) => i.name.toLowerCase()));
  const realized = summarizeReview(overview.allRows, views).flatMap((r) => {
    const recordHref = toInitiativeHref(r);
    if (recordHref === null || r.firstAppliedDay === null) return [];
    return [
      {
        team: r.team,
        applied: r.counts.applied,
        realizedCents: r.realizedCents,
        firstAppliedDay: r.firstAppliedDay,
        recordHref,
        isRecorded: names.has(`rightsizing applied by team ${r.team}`.toLowerCase()),
      },
    ];
  });
  return {
    realized: realized.sort((a, b) => b.realizedCents - a.realizedCents || a.team.localeCompare(b.team)),
    abandoned: abandoned.map((c) => ({
      ...c,
      href: toSpendHref({ ...view, by: ["service"], filters: { project: c.project } }),
    })),
    teams,
    spendHref: toSpendHref(view),
  };
}
