// Choices for the scope fields of the initiative form: the allowed tag values and the values the data holds.
import type { Db } from "@/lib/db/types";
import { prepareSpendRollup } from "@/lib/reports/rollup";
import { getRightsizingContext } from "@/lib/rightsizing/read";
import type { TagSettings } from "@/lib/settings/tags";

export type ScopeOptions = {
  departments: string[];
  environments: string[];
  projects: string[];
  services: string[];
  accounts: { id: string; name: string }[];
  clusters: string[];
  rightsizingEnvironments: string[];
};

export async function getScopeOptions(db: Db, settings: TagSettings): Promise<ScopeOptions> {
  // The monthly sums hold every value the days hold, in ~30× fewer rows (3 years of a project dataset at the
  // large demo's size: 1.9 s from the days on a loaded machine).
  // A shared reader may not rebuild an out-of-date rollup: it reads the days instead (slower, the same values).
  const table = (await prepareSpendRollup(db)) ? "cost_monthly" : "cost_daily";
  const distinct = async (column: "department" | "project" | "service", dataset: string) =>
    (
      await db.sql.query<{ v: string }>(
        `SELECT DISTINCT ${column} AS v FROM ${table} WHERE dataset = $1 AND ${column} <> '' ORDER BY 1`,
        [dataset],
      )
    ).map((r) => r.v);
  const [departments, projects, services, accounts, rightsizing] = await Promise.all([
    settings.allowed.department.length > 0 ? settings.allowed.department : distinct("department", "department,service"),
    distinct("project", "project,service"),
    distinct("service", "service,account"),
    db.sql.query<{ id: string; name: string }>("SELECT account_id AS id, name FROM cost_account ORDER BY name"),
    getRightsizingContext(db),
  ]);
  return {
    departments,
    environments: settings.allowed.environment,
    projects,
    services,
    accounts,
    clusters: rightsizing.clusters,
    rightsizingEnvironments: rightsizing.environments,
  };
}
