// The one read of the overview page (/): null until a sync stored Cost Explorer data.
import { requireAccess, type Access } from "@/lib/access/access";
import { canOpenPage } from "@/lib/access/policy";
import type { Db } from "@/lib/db/types";
import { getOpportunities } from "@/lib/opportunities/read";
import { getOverview, type Overview } from "@/lib/reports/overview";
import { hasCostData } from "@/lib/reports/spend-report";
import type { Metric } from "@/lib/metrics";
import { getOpportunitySettings } from "@/lib/settings/opportunities";
import { getTagSettings } from "@/lib/settings/store";

/**
 * The overview, last month's total storage opportunity (null before usage types were synced), and which of the
 * page's links this reader may follow: a department grant's spend views cannot filter on untagged or not-allowed
 * departments (those rows are outside its departments), and only readers open /sync.
 */
export type OverviewPage = Overview & {
  opportunity: { month: string; totalSavingsUsd: string } | null;
  links: { sync: boolean; departmentTagHealth: boolean };
};

// Readers see the whole company; a person granted departments sees the same page over their departments only
// (every figure read with department IN (theirs)); a person granted only teams is sent to their team's page.
export async function getOverviewPage(
  db: Db,
  access: Access,
  opts: { now: Date; metric: Metric },
): Promise<OverviewPage | null> {
  const { departments } = await requireAccess(db, access, "spend", "/");
  if (!(await hasCostData(db))) return null;
  const [overview, opportunities, tags] = await Promise.all([
    getOverview(db, { ...opts, departments }),
    getOpportunitySettings(db),
    getTagSettings(db),
  ]);
  const found = await getOpportunities(db, {}, { opportunities, tags }, opts.now, departments);
  return {
    ...overview,
    opportunity: found.hasData ? { month: found.month, totalSavingsUsd: found.totalSavingsUsd } : null,
    links: { sync: canOpenPage(access.grants, "/sync"), departmentTagHealth: departments === null },
  };
}
