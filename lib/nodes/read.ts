// Node types read for a page or an export: node types ranked by unit price, and each cluster's recommended requests
// fitted onto the candidates next to its current node type (the rightsizing settings' instance pricing).
import type { Db } from "@/lib/db/types";
import type { NodesParams } from "./params";
import { SHIPPED_NODE_TYPES, SHIPPED_PRICES, type NodeType } from "./prices";
import { fitCluster, rankNodeTypes, sumClusterNeeds, type ClusterFit, type RankedNodeType } from "./ranking";
import { getRightsizingContext } from "@/lib/rightsizing/read";
import type { InstancePricing } from "@/lib/settings/rightsizing";

export type NodeFits = {
  prices: { region: string; source: string; retrievedOn: string };
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

/** The shipped prices, each replaced by the Price List's when a refresh stored one for the same type and region. */
async function listNodeTypes(db: Db): Promise<{ types: NodeType[]; prices: NodeFits["prices"] }> {
  const rows = await db.sql.query<{ instance_type: string; hourly_usd: string; fetched_at: Date }>(
    "SELECT instance_type, hourly_usd, fetched_at FROM node_price WHERE region = $1",
    [SHIPPED_PRICES.region],
  );
  if (rows.length === 0) return { types: SHIPPED_NODE_TYPES, prices: SHIPPED_PRICES };
  const byType = new Map(rows.map((r) => [r.instance_type, r.hourly_usd]));
  const fetched = rows.reduce((max, r) => (r.fetched_at > max ? r.fetched_at : max), rows[0]!.fetched_at);
  return {
    types: SHIPPED_NODE_TYPES.map((t) => ({ ...t, hourlyUsd: byType.get(t.instanceType) ?? t.hourlyUsd })),
    prices: {
      region: SHIPPED_PRICES.region,
      source: `AWS Price List API (GetProducts), ${byType.size} types refreshed; the others as shipped (${SHIPPED_PRICES.retrievedOn})`,
      retrievedOn: fetched.toISOString().slice(0, 10),
    },
  };
}

export async function getNodeFits(db: Db, params: NodesParams): Promise<NodeFits> {
  const { types, prices } = await listNodeTypes(db);
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
    prices,
    ranking: rankNodeTypes(
      types,
      { category: params.category, arch: params.arch, burstable: params.burstable },
      params.sort,
    ),
    clusters,
    hasUsage: ctx.allRows.length > 0,
  };
}
