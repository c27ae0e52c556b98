// Node types ranked by unit price, and each cluster's recommended requests fitted onto every type. Pure.
import { splitInstancePrice } from "@/lib/rightsizing/pricing";
import { BYTES_PER_GIB } from "@/lib/rightsizing/quantities";
import type { RightsizingRow } from "@/lib/rightsizing/types";
import { compareMoney, fromUnits, toUnits } from "@/lib/money";
import { fitNodes, HOURS_PER_MONTH, type ClusterNeed, type NodeFit } from "./fit";
import type { Arch, Category, NodeType } from "./prices";

export type RankedNodeType = NodeType & { vcpuHourUsd: number; gibHourUsd: number };
export type NodeFilter = { category?: Category; arch?: Arch; burstable?: "yes" | "no" };
export type NodeSort = "gib" | "vcpu" | "hourly";

/** $ per vCPU-hour and per GiB-hour by the split the rightsizing dollars use (OpenCost's ratio, scaled to the price). */
export function rankNodeTypes(types: NodeType[], filter: NodeFilter, sort: NodeSort): RankedNodeType[] {
  const ranked = types
    .filter((t) => !filter.category || t.category === filter.category)
    .filter((t) => !filter.arch || t.arch === filter.arch)
    .filter((t) => !filter.burstable || t.isBurstable === (filter.burstable === "yes"))
    .map((t) => {
      const unit = splitInstancePrice(
        { instanceType: t.instanceType, vcpu: t.vcpu, memoryGib: t.memoryGib, hourlyUsd: Number(t.hourlyUsd) },
        HOURS_PER_MONTH,
      );
      return { ...t, vcpuHourUsd: unit.vcpuHourUsd, gibHourUsd: unit.gibHourUsd };
    });
  const key = (t: RankedNodeType) =>
    sort === "gib" ? t.gibHourUsd : sort === "vcpu" ? t.vcpuHourUsd : Number(t.hourlyUsd);
  return ranked.sort((a, b) => key(a) - key(b) || a.instanceType.localeCompare(b.instanceType));
}

/**
 * What a cluster's workloads should request, summed: each container's recommended requests (its current ones
 * when there is too little data to recommend) × its replicas now — HPA workloads included at their current count.
 */
export function sumClusterNeeds(rows: RightsizingRow[]): Map<string, ClusterNeed> {
  const needs = new Map<string, ClusterNeed>();
  for (const { usage, recommendation } of rows) {
    const values = recommendation.recommended ?? recommendation.current;
    const need = needs.get(usage.cluster) ?? { cpuMillicores: 0, memoryGib: 0 };
    need.cpuMillicores += (values.cpuRequest ?? 0) * usage.replicas;
    need.memoryGib += ((values.memoryRequest ?? 0) * usage.replicas) / BYTES_PER_GIB;
    needs.set(usage.cluster, need);
  }
  return needs;
}

export type Candidate = { type: NodeType; fit: NodeFit; differenceMonthly: string };
export type ClusterFit = {
  cluster: string;
  need: ClusterNeed;
  /** GiB requested per vCPU requested: above 4 is memory-heavy for a general-purpose node. */
  gibPerVcpu: number;
  current: Candidate;
  /** Cheapest first; only types of the current one's architecture unless `anyArch`. */
  candidates: Candidate[];
};

export function fitCluster(
  cluster: string,
  need: ClusterNeed,
  current: NodeType,
  types: NodeType[],
  opts: { packingOverhead: number; anyArch: boolean },
): ClusterFit {
  const currentFit = fitNodes(need, current, opts.packingOverhead);
  const toCandidate = (type: NodeType): Candidate => {
    const fit = fitNodes(need, type, opts.packingOverhead);
    return { type, fit, differenceMonthly: fromUnits(toUnits(fit.monthlyCost) - toUnits(currentFit.monthlyCost)) };
  };
  const candidates = types
    .filter((t) => opts.anyArch || t.arch === current.arch)
    .map(toCandidate)
    .sort(
      (a, b) =>
        compareMoney(a.fit.monthlyCost, b.fit.monthlyCost) || a.type.instanceType.localeCompare(b.type.instanceType),
    );
  return {
    cluster,
    need,
    gibPerVcpu: need.cpuMillicores > 0 ? need.memoryGib / (need.cpuMillicores / 1000) : 0,
    current: { type: current, fit: currentFit, differenceMonthly: "0" },
    candidates,
  };
}
