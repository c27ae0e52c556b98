// The access of the request being handled: pages and server actions read Next's headers(); route handlers
// pass their Request.
import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { toAccess, type Access } from "./access";
import { identifyRequest } from "./request";

export async function getRequestAccess(request?: Request): Promise<Access> {
  const config = getConfig();
  // A session expires in real time, even when COSTWISE_NOW fixes the clock of the reports (tests, screenshots).
  const identity = await identifyRequest(request ? request.headers : await headers(), config.auth, new Date());
  return toAccess(identity, config.auth.roles.rules);
}
