// Node types read for a page or an export: node types ranked by unit price, and each cluster's recommended requests
// fitted onto the candidates next to its current node type (the rightsizing settings' instance pricing).
import type { Db } from "@/lib/db/types";
import type { NodesParams } from "./params";
import { SHIPPED_NODE_TYPES, SHIPPED_PRICES, type NodeType } from "./prices";
import { fitCluster, rankNodeTypes, sumClusterNeeds, type ClusterFit, type RankedNodeType } from "./ranking";
import { getRightsizingContext } from "@/lib/rightsizing/read";
import type { InstancePricing } from "@/lib/settings/rightsizing";

export type NodeFits = {
  prices: typeof SHIPPED_PRICES;
  ranking: RankedNodeType[];
  clusters: ClusterFit[];
  hasUsage: boolean;
};

/** The current node type of a cluster: the shipped entry of its instance type, priced as the settings say. */
function toCurrentType(pricing: InstancePricing, types: NodeType[]): NodeType {
  const known = types.find((t) => t.instanceType === pricing.instanceType);
  const family = pricing.instanceType.split(".")[0] ?? pricing.instanceType;
  return {
    instanceType: pricing.instanceType,
    family,
    category: known?.category ?? "general",
    arch: known?.arch ?? (/\d+g/.test(family) ? "arm64" : "x86_64"),
    isBurstable: known?.isBurstable ?? family.startsWith("t"),
    vcpu: pricing.vcpu,
    memoryGib: pricing.memoryGib,
    hourlyUsd: String(pricing.hourlyUsd),
  };
}

export async function getNodeFits(db: Db, params: NodesParams): Promise<NodeFits> {
  const types = SHIPPED_NODE_TYPES;
  const ctx = await getRightsizingContext(db);
  const needs = sumClusterNeeds(ctx.allRows);
  const clusters = [...needs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cluster, need]) =>
      fitCluster(
        cluster,
        need,
        toCurrentType(ctx.settings.clusterPricing[cluster] ?? ctx.settings.defaultPricing, types),
        types,
        { packingOverhead: params.overhead / 100, anyArch: params.candidates === "any-arch" },
      ),
    );
  return {
    prices: SHIPPED_PRICES,
    ranking: rankNodeTypes(
      types,
      { category: params.category, arch: params.arch, burstable: params.burstable },
      params.sort,
    ),
    clusters,
    hasUsage: ctx.allRows.length > 0,
  };
}
