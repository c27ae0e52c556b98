// The one read of /rightsizing/nodes: node types ranked by unit price and each cluster's fit (lib/nodes/read).
import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import type { NodesParams } from "@/lib/nodes/params";
import { getNodeFits, type NodeFits } from "@/lib/nodes/read";

export type NodesPage = NodeFits;

// Whole clusters (every team's requests summed): readers only; a team grant sees its own team page instead.
export async function getNodesPage(db: Db, access: Access, params: NodesParams): Promise<NodesPage> {
  await requireAccess(db, access, "read", "/rightsizing/nodes");
  return getNodeFits(db, params);
}
