// How many nodes of a type the recommended requests need, and what they cost a month. Pure.
// Allocatable = capacity − the per-node system reserve (kubelet, container runtime, eviction threshold);
// the requests are grown by a packing overhead first, since the scheduler never fills nodes to the last
// millicore (pods do not split across nodes, DaemonSets take a share of each node).
import { fromUnits, toUnits } from "@/lib/money";

export const HOURS_PER_MONTH = 730;
export const DEFAULT_PACKING_OVERHEAD = 0.15;
const MIB = 1 / 1024;

export type NodeShape = { vcpu: number; memoryGib: number; hourlyUsd: string };
export type ClusterNeed = { cpuMillicores: number; memoryGib: number };
export type NodeFit = {
  nodes: number;
  limitedBy: "cpu" | "memory";
  allocatable: { cpuMillicores: number; memoryGib: number };
  monthlyCost: string;
};

/** Portions of each band, in order: [size of the band, share reserved]. */
const CPU_BANDS: [number, number][] = [
  [1000, 0.06],
  [1000, 0.01],
  [2000, 0.005],
  [Infinity, 0.0025],
];
const MEMORY_BANDS: [number, number][] = [
  [4, 0.25],
  [4, 0.2],
  [8, 0.1],
  [112, 0.06],
  [Infinity, 0.02],
];
const EVICTION_GIB = 100 * MIB;

function reserveOf(amount: number, bands: [number, number][]): number {
  let left = amount;
  let reserved = 0;
  for (const [size, share] of bands) {
    const part = Math.min(left, size);
    reserved += part * share;
    left -= part;
    if (left <= 0) break;
  }
  return reserved;
}

/**
 * The system reserve of one node, by the tiers GKE documents for kube-reserved and that EKS uses for CPU:
 * CPU 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% above four; memory 25% of the first
 * 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112, 2% above 128, plus a 100 MiB eviction threshold.
 */
export function toSystemReserve(node: Pick<NodeShape, "vcpu" | "memoryGib">): {
  cpuMillicores: number;
  memoryGib: number;
} {
  return {
    cpuMillicores: reserveOf(node.vcpu * 1000, CPU_BANDS),
    memoryGib: reserveOf(node.memoryGib, MEMORY_BANDS) + EVICTION_GIB,
  };
}

/** Nodes needed = the larger of CPU and memory need (× (1 + overhead)) over one node's allocatable; at least 1. */
export function fitNodes(need: ClusterNeed, node: NodeShape, packingOverhead = DEFAULT_PACKING_OVERHEAD): NodeFit {
  const reserve = toSystemReserve(node);
  const allocatable = {
    cpuMillicores: node.vcpu * 1000 - reserve.cpuMillicores,
    memoryGib: node.memoryGib - reserve.memoryGib,
  };
  // Rounded to 1e-9 first, so 3.0000000000004 nodes of float noise do not become 4.
  const count = (needed: number, per: number) =>
    Math.ceil(Math.round(((needed * (1 + packingOverhead)) / per) * 1e9) / 1e9);
  const byCpu = count(need.cpuMillicores, allocatable.cpuMillicores);
  const byMemory = count(need.memoryGib, allocatable.memoryGib);
  const nodes = Math.max(1, byCpu, byMemory);
  return {
    nodes,
    limitedBy: byMemory >= byCpu ? "memory" : "cpu",
    allocatable,
    monthlyCost: fromUnits(toUnits(node.hourlyUsd) * BigInt(nodes * HOURS_PER_MONTH)),
  };
}
