// The one read of /rightsizing/nodes: node types ranked by unit price and each cluster's fit (lib/nodes/read).
import type { Db } from "@/lib/db/types";
import type { NodesParams } from "@/lib/nodes/params";
import { getNodeFits, type NodeFits } from "@/lib/nodes/read";

export type NodesPage = NodeFits;

export function getNodesPage(db: Db, params: NodesParams): Promise<NodesPage> {
  return getNodeFits(db, params);
}
