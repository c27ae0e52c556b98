// The one read of /opportunities: the month's storage opportunities, the settings they used, and which are
// already recorded as savings initiatives (by name).
import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { toInitiativeName } from "@/lib/opportunities/initiative";
import { getOpportunities, type Opportunities, type OpportunitiesParams } from "@/lib/opportunities/read";
import { getStampedOpportunitySettings, type OpportunitySettings } from "@/lib/settings/opportunities";
import { getTagSettings, type SettingStamp } from "@/lib/settings/store";

export type OpportunitiesPage = {
  opportunities: Opportunities;
  settings: OpportunitySettings;
  /** Which save of the settings is shown: the forms send its version back; a refused save names who saved last. */
  stamp: SettingStamp;
  /** Initiative id per opportunity already recorded, keyed "kind:project". */
  recorded: Record<string, number>;
};

// Spend by project: readers see every department, a department grant its own (another one asked for is refused).
export async function getOpportunitiesPage(
  db: Db,
  access: Access,
  params: OpportunitiesParams,
  now: Date,
): Promise<OpportunitiesPage> {
  const scope = await requireAccess(db, access, "spend", "/opportunities", { department: params.department });
  const [{ settings, stamp }, tags] = await Promise.all([getStampedOpportunitySettings(db), getTagSettings(db)]);
  const opportunities = await getOpportunities(db, params, { opportunities: settings, tags }, now, scope.departments);
  const keys = [
    ...opportunities.glacier.map((o) => [o.kind, o.project] as const),
    ...opportunities.retention.map((o) => [o.kind, o.project] as const),
  ];
  const names = keys.map(([kind, project]) => toInitiativeName(kind, project));
  const found = await db.prisma.savingsInitiative.findMany({
    where: { name: { in: names } },
    select: { id: true, name: true },
  });
  const idOf = new Map(found.map((row) => [row.name, row.id]));
  const recorded: Record<string, number> = {};
  keys.forEach(([kind, project], i) => {
    const id = idOf.get(names[i] ?? "");
    if (id !== undefined) recorded[`${kind}:${project}`] = id;
  });
  return { opportunities, settings, stamp, recorded };
}
