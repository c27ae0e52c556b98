// Rows and totals: per team and overall. Money totals are sums of each row's
// integer cents, so rows add up exactly to team totals and team totals to the grand total.
import { getUnitPrices, monthlySavings } from "./pricing";
import { recommendRequests } from "./recommend";
import type { RightsizingSettings } from "@/lib/settings/rightsizing";
import { FLAGS } from "./types";
import type { ContainerUsage, Flag, RightsizingRow } from "./types";

export type SavingsTotals = {
  cutsCents: number; // Σ of rows that lower the monthly cost (positive cents)
  raisesCents: number; // Σ of rows that raise it, as a positive number
  netCents: number; // cuts − raises
  excludedHpaNetCents: number; // net of HPA-scaled rows, shown apart and NOT in the three above
};

export type RightsizingTotals = {
  containers: number;
  workloads: number;
  // Requested resources summed over containers × replicas (all rows, HPA included; rows without a
  // recommendation count their current requests as recommended). Missing requests count as 0.
  currentCpuMillicores: number;
  recommendedCpuMillicores: number;
  currentMemoryBytes: number;
  recommendedMemoryBytes: number;
  savings: SavingsTotals;
  containersToChange: number; // rows with a recommendation whose requests change
  workloadsToChange: number; // distinct workloads with at least one such row
  rowsFlagged: number; // rows with at least one flag
  flagged: Record<Flag, number>; // rows per flag
};

export type TeamTotals = RightsizingTotals & { team: string };
export type RightsizingSummary = { teams: TeamTotals[]; total: RightsizingTotals };

// Recommendation and dollars for every container, prices from each row's cluster.
export function toRightsizingRows(usages: ContainerUsage[], settings: RightsizingSettings): RightsizingRow[] {
  return usages.map((usage) => {
    const recommendation = recommendRequests(usage, settings);
    const savings = monthlySavings(recommendation, usage, getUnitPrices(usage.cluster, settings));
    return { usage, recommendation, savings };
  });
}

export function toWorkloadKey(usage: Pick<ContainerUsage, "cluster" | "namespace" | "workloadKind" | "workload">) {
  return [usage.cluster, usage.namespace, usage.workloadKind, usage.workload].join("\u0000");
}

// Teams sorted by net savings (largest first), then name.
export function summarizeRecommendations(rows: RightsizingRow[]): RightsizingSummary {
  const byTeam = new Map<string, RightsizingRow[]>();
  for (const row of rows) {
    const team = row.recommendation.team.value;
    const list = byTeam.get(team);
    if (list) list.push(row);
    else byTeam.set(team, [row]);
  }
  const teams = [...byTeam.entries()]
    .map(([team, teamRows]) => ({ team, ...totalRows(teamRows) }))
    .sort((a, b) => b.savings.netCents - a.savings.netCents || a.team.localeCompare(b.team));
  return { teams, total: totalRows(rows) };
}

function totalRows(rows: RightsizingRow[]): RightsizingTotals {
  const workloads = new Set<string>();
  const workloadsToChange = new Set<string>();
  const flagged = Object.fromEntries(FLAGS.map((flag) => [flag, 0])) as Record<Flag, number>;
  const totals: RightsizingTotals = {
    containers: rows.length,
    workloads: 0,
    currentCpuMillicores: 0,
    recommendedCpuMillicores: 0,
    currentMemoryBytes: 0,
    recommendedMemoryBytes: 0,
    savings: { cutsCents: 0, raisesCents: 0, netCents: 0, excludedHpaNetCents: 0 },
    containersToChange: 0,
    workloadsToChange: 0,
    rowsFlagged: 0,
    flagged,
  };
  for (const { usage, recommendation: rec, savings } of rows) {
    const key = toWorkloadKey(usage);
    workloads.add(key);
    const now = rec.current;
    const next = rec.recommended ?? now;
    totals.currentCpuMillicores += (now.cpuRequest ?? 0) * usage.replicas;
    totals.recommendedCpuMillicores += (next.cpuRequest ?? 0) * usage.replicas;
    totals.currentMemoryBytes += (now.memoryRequest ?? 0) * usage.replicas;
    totals.recommendedMemoryBytes += (next.memoryRequest ?? 0) * usage.replicas;

    const cents = savings.monthlyCents;
    if (rec.isInSavingsTotals) {
      if (cents > 0) totals.savings.cutsCents += cents;
      else totals.savings.raisesCents -= cents;
      totals.savings.netCents += cents;
    } else if (rec.hpa.isScaled) {
      totals.savings.excludedHpaNetCents += cents; // HPA rows: counted, not in savings totals
    }

    if (rec.recommended !== null && rec.direction !== "none") {
      totals.containersToChange += 1;
      workloadsToChange.add(key);
    }
    if (rec.flags.length > 0) totals.rowsFlagged += 1;
    for (const flag of rec.flags) flagged[flag] += 1;
  }
  totals.workloads = workloads.size;
  totals.workloadsToChange = workloadsToChange.size;
  return totals;
}
