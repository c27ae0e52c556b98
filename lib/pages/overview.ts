// The one read of the overview page (/): null until a sync stored Cost Explorer data.
import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { getOverview, type Overview } from "@/lib/reports/overview";
import { hasCostData } from "@/lib/reports/spend-report";
import type { Metric } from "@/lib/metrics";

// The whole company's figures (the bill, tag health, every department's trend): readers only; a person granted
// departments or teams is sent to their own pages instead.
export async function getOverviewPage(
  db: Db,
  access: Access,
  opts: { now: Date; metric: Metric },
): Promise<Overview | null> {
  await requireAccess(db, access, "read", "/");
  if (!(await hasCostData(db))) return null;
  return getOverview(db, opts);
}
