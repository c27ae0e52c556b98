// The demo company's review loop, already under way: team payments applied the non-production rightsizing (the
// emulator's rightsized-before-window workloads: seen applied, priced from the requests before), accepted a
// production cut that later drifted back, rejected one with a reason, snoozed one and accepted one not applied
// yet. Called after the demo's first sync (the rows must exist); adds them only to an empty table.
import type { Db } from "@/lib/db/types";
import { addDays, toDay } from "@/lib/dates";
import { formatCentsAsUsd } from "@/lib/money";
import { priceChange } from "@/lib/rightsizing/decisions";
import { getUnitPrices } from "@/lib/rightsizing/pricing";
import { getRightsizingContext } from "@/lib/rightsizing/read";
import type { RightsizingRow } from "@/lib/rightsizing/types";
import type { RightsizedContainer } from "./demo-world";

const TEAM = "payments";
const SRE = "lena.okafor@example.com";
const LEAD = "marco.rossi@example.com";
const DAY_MS = 86_400_000;

export async function seedDemoDecisions(db: Db, now: Date, rightsized: RightsizedContainer[]): Promise<number> {
  if ((await db.prisma.rightsizingDecision.count()) > 0) return 0;
  const { allRows, settings } = await getRightsizingContext(db);
  const rows = allRows.filter((r) => r.recommendation.team.value === TEAM);
  const same = (r: RightsizingRow, c: RightsizedContainer) =>
    r.usage.cluster === c.cluster &&
    r.usage.namespace === c.namespace &&
    r.usage.workloadKind === c.workloadKind &&
    r.usage.workload === c.workload &&
    r.usage.container === c.container;
  const key = (r: RightsizingRow) => ({
    cluster: r.usage.cluster,
    namespace: r.usage.namespace,
    workloadKind: r.usage.workloadKind,
    workload: r.usage.workload,
    container: r.usage.container,
    team: TEAM,
  });
  const requests = (r: RightsizingRow) => ({
    cpu: r.recommendation.current.cpuRequest,
    memory: r.recommendation.current.memoryRequest,
  });
  const records = [];

  // Applied: what the syncs saw since the rightsizing day, priced from the requests before it.
  for (const c of rightsized.filter((c) => c.team === TEAM).slice(0, 2)) {
    const row = rows.find((r) => same(r, c));
    const now_ = requests(row!);
    if (!row || now_.cpu === null || now_.memory === null) continue;
    const cents = priceChange(c.before, now_, row.usage.replicas, getUnitPrices(row.usage.cluster, settings));
    records.push({
      ...key(row),
      decision: "accepted",
      decidedBy: SRE,
      decidedAt: new Date(c.at.getTime() - 3 * DAY_MS),
      beforeCpuRequest: c.before.cpu,
      beforeMemoryRequest: c.before.memory,
      recommendedCpuRequest: now_.cpu,
      recommendedMemoryRequest: now_.memory,
      monthlySavingUsd: formatCentsAsUsd(cents),
      state: "applied",
      appliedAt: c.at,
      realizedMonthlyUsd: formatCentsAsUsd(cents),
      checkedAt: now,
    });
  }

  // Production cuts, largest first: one drifted back, one rejected, one snoozed, one accepted and waiting.
  const cuts = rows
    .filter(
      (r) =>
        r.recommendation.isInSavingsTotals &&
        r.recommendation.direction === "cut" &&
        r.recommendation.environment.isProduction,
    )
    .sort((a, b) => b.savings.monthlyCents - a.savings.monthlyCents);
  const decided = (r: RightsizingRow, daysAgo: number, by: string) => ({
    ...key(r),
    decidedBy: by,
    decidedAt: new Date(now.getTime() - daysAgo * DAY_MS),
    beforeCpuRequest: r.recommendation.current.cpuRequest,
    beforeMemoryRequest: r.recommendation.current.memoryRequest,
    recommendedCpuRequest: r.recommendation.recommended!.cpuRequest ?? 0,
    recommendedMemoryRequest: r.recommendation.recommended!.memoryRequest ?? 0,
    monthlySavingUsd: formatCentsAsUsd(r.savings.monthlyCents),
  });
  const [drifted, rejected, snoozed, waiting] = cuts;
  if (drifted)
    records.push({
      ...decided(drifted, 24, SRE),
      decision: "accepted",
      state: "drifted",
      appliedAt: new Date(now.getTime() - 20 * DAY_MS),
      driftedAt: new Date(now.getTime() - 6 * DAY_MS),
      realizedMonthlyUsd: formatCentsAsUsd(drifted.savings.monthlyCents),
      checkedAt: now,
    });
  if (rejected)
    records.push({
      ...decided(rejected, 9, LEAD),
      decision: "rejected",
      reason: "Needs headroom for the Black Friday load; look again in January.",
    });
  if (snoozed)
    records.push({
      ...decided(snoozed, 5, LEAD),
      decision: "snoozed",
      reason: "Waiting for the new connection pool to ship.",
      snoozedUntil: new Date(`${addDays(toDay(now), 10)}T00:00:00Z`),
    });
  if (waiting) records.push({ ...decided(waiting, 2, SRE), decision: "accepted", state: "waiting" });
  if (records.length === 0) return 0;
  await db.prisma.rightsizingDecision.createMany({ data: records });
  return records.length;
}
