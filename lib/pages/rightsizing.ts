// The reads of /rightsizing, /rightsizing/[team] and the usage chart's API: every team for readers, the granted
// teams only for a person with `team:` grants (their rows, totals and filter choices; another team is refused).
import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
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

export async function getRightsizingPage(db: Db, access: Access, scope: Scope): Promise<RightsizingOverview> {
  const { teams } = await requireAccess(db, access, "rightsizing", "/rightsizing");
  return getRightsizingOverview(db, scope, { teams });
}

export async function getTeamPage(db: Db, access: Access, team: string, query: TableQuery): Promise<TeamRightsizing> {
  const { teams } = await requireAccess(db, access, "rightsizing", `/rightsizing/${team}`, { team });
  return getTeamRightsizing(db, team, query, { teams });
}

export async function getUsageHours(db: Db, access: Access, key: ContainerKey): Promise<UsageHour[]> {
  const { teams } = await requireAccess(db, access, "rightsizing", "/api/rightsizing/usage");
  return listUsageHours(db, key, { teams });
}
