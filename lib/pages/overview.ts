// The one read of the overview page (/): null until a sync stored Cost Explorer data.
import type { Db } from "@/lib/db/types";
import { getOverview, type Overview } from "@/lib/reports/overview";
import { hasCostData } from "@/lib/reports/spend-report";
import type { Metric } from "@/lib/metrics";

export async function getOverviewPage(db: Db, opts: { now: Date; metric: Metric }): Promise<Overview | null> {
  if (!(await hasCostData(db))) return null;
  return getOverview(db, opts);
}
