// Who is asking, from the request: the sign-in mode decides what is believed.
// - none: everyone is the local admin (allowed only on loopback, checked at start-up);
// - proxy: the proxy's email and groups headers, believed only when the TCP peer is one of
//   COSTWISE_TRUSTED_PROXIES. Route handlers cannot see the peer address, so the server (scripts/serve.ts)
//   drops any client-sent PEER_HEADER and sets it from the socket; a request that did not come through it
//   has no peer and is unauthenticated;
// - oidc: the session cookie.
import { BlockList, isIP } from "node:net";
import type { Config } from "@/lib/config";
import { LOCAL_IDENTITY, type Identity } from "./identity";
import { readSessionIdentity, SESSION_COOKIE } from "./session";

/** Set by our server from the socket, never by a client (the server deletes a client's). */
export const PEER_HEADER = "x-costwise-peer";

type HeaderReader = { get(name: string): string | null };
type AuthConfig = Pick<Config["auth"], "mode" | "sessionSecrets" | "trustedProxies" | "proxyHeaders">;

export async function identifyRequest(headers: HeaderReader, auth: AuthConfig, now: Date): Promise<Identity | null> {
  switch (auth.mode) {
    case "none":
      return LOCAL_IDENTITY;
    case "proxy":
      return identifyProxyRequest(headers, auth);
    case "oidc":
      return readSessionIdentity(readCookie(headers.get("cookie"), SESSION_COOKIE), auth.sessionSecrets, now);
  }
}

export function identifyProxyRequest(
  headers: HeaderReader,
  auth: Pick<AuthConfig, "trustedProxies" | "proxyHeaders">,
): Identity | null {
  const peer = headers.get(PEER_HEADER);
  if (!peer || !isTrustedPeer(peer, auth.trustedProxies)) return null;
  const email = headers.get(auth.proxyHeaders.email)?.trim() ?? "";
  // One address, nothing else: a list or a display name would be a proxy misconfiguration, not a person.
  if (!/^[^\s@,;<>"]+@[^\s@,;<>"]+$/.test(email) || email.length > 320) return null;
  const groups = (headers.get(auth.proxyHeaders.groups) ?? "")
    .split(",")
    .map((g) => g.trim())
    .filter((g) => g !== "" && g.length <= 256)
    .slice(0, 500);
  return { email: email.toLowerCase(), groups, via: "proxy" };
}

const lists = new WeakMap<string[], BlockList>();

/** Is this address (as the socket gives it, IPv4-mapped IPv6 included) inside one of the CIDRs? */
export function isTrustedPeer(address: string, cidrs: string[]): boolean {
  let list = lists.get(cidrs);
  if (!list) {
    list = new BlockList();
    for (const cidr of cidrs) {
      const [net, prefix] = cidr.split("/");
      const type = isIP(net ?? "") === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) list.addAddress(net!, type);
      else list.addSubnet(net!, Number(prefix), type);
    }
    lists.set(cidrs, list);
  }
  const plain = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const version = isIP(plain);
  if (version === 0) return false;
  return list.check(plain, version === 6 ? "ipv6" : "ipv4");
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
