// The reads of /rightsizing, /rightsizing/[team] and the usage chart's API: every team for readers, the granted
// teams only for a person with `team:` grants (their rows, totals and filter choices; another team is refused).
// Each page also carries the team review loop: the decisions on the rows, the savings they leave open, declined,
// snoozed or realized, and whether this person may decide.
import { requireAccess, toScope, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { toDay } from "@/lib/dates";
import {
  listDecisions,
  summarizeReview,
  toDecisionViews,
  toRowKey,
  type DecisionView,
  type TeamReview,
} from "@/lib/rightsizing/decisions-store";
import {
  getRightsizingOverview,
  getTeamRightsizing,
  listUsageHours,
  type ContainerKey,
  type RightsizingOverview,
  type TeamRightsizing,
  type UsageHour,
} from "@/lib/rightsizing/read";
import type { Scope, TableQuery } from "@/lib/rightsizing/table-query";

export type RightsizingPage = RightsizingOverview & {
  /** Per team within the scope, and the total realized savings of every team shown. */
  reviews: TeamReview[];
  realizedCents: number;
};

export async function getRightsizingPage(db: Db, access: Access, scope: Scope, now: Date): Promise<RightsizingPage> {
  const { teams } = await requireAccess(db, access, "rightsizing", "/rightsizing");
  const overview = await getRightsizingOverview(db, scope, { teams });
  const views = toDecisionViews(await listDecisions(db, { teams }), overview.allRows, {
    today: toDay(now),
    reopenChangePct: overview.settings.reopenChangePct,
  });
  const scopedRows = overview.allRows.filter((r) =>
    overview.summary.teams.some((t) => t.team === r.recommendation.team.value),
  );
  const reviews = summarizeReview(scopedRows, views);
  return { ...overview, reviews, realizedCents: reviews.reduce((sum, r) => sum + r.realizedCents, 0) };
}

export type TeamPage = TeamRightsizing & {
  review: TeamReview;
  /** Every decision of the team, by row key (toRowKey), with its status today. */
  decisions: Record<string, DecisionView>;
  /** Whether this person may accept, reject and snooze the team's rows (its members and admins). */
  canDecide: boolean;
  today: string;
};

export async function getTeamPage(
  db: Db,
  access: Access,
  team: string,
  query: TableQuery,
  now: Date,
): Promise<TeamPage> {
  const { teams } = await requireAccess(db, access, "rightsizing", `/rightsizing/${team}`, { team });
  const data = await getTeamRightsizing(db, team, query, { teams });
  const today = toDay(now);
  const views = toDecisionViews(await listDecisions(db, { teams: null, team }), data.scopedRows, {
    today,
    reopenChangePct: data.settings.reopenChangePct,
  });
  const [review] = summarizeReview(data.scopedRows, views);
  const decide = toScope(access.grants, "decide");
  return {
    ...data,
    review: review ?? emptyReview(team),
    decisions: Object.fromEntries(views.map((v) => [toRowKey(v), v])),
    canDecide: decide !== null && (decide.teams === null || decide.teams.includes(team)),
    today,
  };
}

function emptyReview(team: string): TeamReview {
  return {
    team,
    openCents: 0,
    declinedCents: 0,
    snoozedCents: 0,
    realizedCents: 0,
    firstAppliedDay: null,
    counts: { open: 0, accepted: 0, applied: 0, drifted: 0, changed: 0, declined: 0, snoozed: 0 },
  };
}

export async function getUsageHours(db: Db, access: Access, key: ContainerKey): Promise<UsageHour[]> {
  const { teams } = await requireAccess(db, access, "rightsizing", "/api/rightsizing/usage");
  return listUsageHours(db, key, { teams });
}
