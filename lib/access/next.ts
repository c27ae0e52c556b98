// The access of the request being handled, for pages, route handlers and server actions (Next's headers()).
import { headers } from "next/headers";
import { getConfig, getNow } from "@/lib/config";
import { toAccess, type Access } from "./access";
import { identifyRequest } from "./request";

export async function getRequestAccess(): Promise<Access> {
  const config = getConfig();
  const identity = await identifyRequest(await headers(), config.auth, getNow());
  return toAccess(identity, config.auth.roles.rules);
}
