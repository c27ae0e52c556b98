// What every request passes before the app sees it (applied by proxy.ts): the cross-site check on requests that
// change something, the sign-in gate, and the security headers. Pure functions of the request's method, path
// and headers, so each rule is tested here without a server.
import type { Config } from "@/lib/config";
import { hasAnyGrant, toScope, type Access } from "./access";
import { ROUTE_POLICIES } from "./policy";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;

export type GuardRequest = {
  method: string;
  /** Path and query, e.g. "/spend?dimension=project". */
  path: string;
  headers: { get(name: string): string | null };
};

export type Refusal = {
  status: 401 | 403 | 421;
  kind: "unauthenticated" | "forbidden";
  message: string;
  /** A cross-site or Host refusal: the foreign origin or host it came from, for the audit trail. */
  from?: string;
};

/**
 * The one origin allowed to send state-changing requests: COSTWISE_URL, or without it this very server when it
 * is reached on a loopback address (local use). Null when neither holds.
 */
export function allowedOrigin(auth: Config["auth"], host: string | null): string | null {
  if (auth.url) return new URL(auth.url).origin;
  return host && LOOPBACK_HOST.test(host) ? `http://${host.toLowerCase()}` : null;
}

/**
 * Without COSTWISE_URL the server serves only names of this machine: a page on another site whose name is made
 * to resolve to 127.0.0.1 (DNS rebinding) would otherwise be same-origin with it.
 */
export function checkHost(auth: Config["auth"], req: GuardRequest): Refusal | null {
  if (auth.url) return null;
  const host = req.headers.get("host");
  if (host && LOOPBACK_HOST.test(host)) return null;
  return {
    status: 421,
    kind: "forbidden",
    message: `This server answers only on a loopback address (got Host ${host ?? "none"}); set COSTWISE_URL to serve it by name.`,
    from: `Host ${host ?? "(none)"}`,
  };
}

/**
 * A request that changes something (POST, PUT, PATCH, DELETE: route handlers and server actions alike) must
 * come from our own pages: its Origin must be the allowed origin, or, with no Origin, Sec-Fetch-Site must say
 * same-origin. A request with neither header is not from a browser (curl, a script holding its own
 * credentials), which no other site can make on someone's behalf.
 */
export function checkCrossSite(auth: Config["auth"], req: GuardRequest): Refusal | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const allowed = allowedOrigin(auth, req.headers.get("host"));
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (origin !== null) {
    if (allowed !== null && origin.toLowerCase() === allowed.toLowerCase()) return null;
    return refuseCrossSite(`from ${origin}`, allowed, `Origin ${origin}`);
  }
  if (site !== null)
    return site === "same-origin" ? null : refuseCrossSite(`from a ${site} page`, allowed, `Sec-Fetch-Site ${site}`);
  return null;
}

function refuseCrossSite(how: string, allowed: string | null, from: string): Refusal {
  return {
    status: 403,
    kind: "forbidden",
    message: `Refused a change requested ${how}: changes are accepted only from Costwise's own pages (${allowed ?? "set COSTWISE_URL"}).`,
    // Clipped: the header is the sender's to choose, and only the audit trail keeps it.
    from: from.length > 300 ? `${from.slice(0, 300)}…` : from,
  };
}

/**
 * The page a path opens and its policy, with the value of a dynamic segment (`/rightsizing/payments` →
 * `page /rightsizing/[team]`, team "payments"). A static page wins over a dynamic one (`/rightsizing/nodes`).
 */
export function matchPage(pathname: string): { key: string; params: Record<string, string> } | null {
  const parts = pathname.split("/").filter((p) => p !== "");
  let dynamicMatch: { key: string; params: Record<string, string> } | null = null;
  for (const key of Object.keys(ROUTE_POLICIES)) {
    if (!key.startsWith("page ")) continue;
    const pattern = key
      .slice(5)
      .split("/")
      .filter((p) => p !== "");
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, i) => {
      const dynamic = /^\[(\w+)\]$/.exec(segment);
      if (!dynamic) return segment === parts[i];
      try {
        params[dynamic[1]!] = decodeURIComponent(parts[i]!);
        return true;
      } catch {
        return false; // a malformed escape: the page answers it
      }
    });
    if (!matches) continue;
    if (Object.keys(params).length === 0) return { key, params };
    dynamicMatch ??= { key, params };
  }
  return dynamicMatch;
}

/**
 * A coarse look at a page request before it renders, from the policy table and the person asking. Pages that
 * stream (a loading state) send their 200 before the data layer's requireAccess can refuse: they would then show
 * the refusal under a 200, which a browser, a curl or a monitor reads as success. This answers the status up
 * front: 401 for nobody signed in, 403 for a person whose grants cannot open the page or the team or department
 * it names. It never grants anything: what passes still meets requireAccess in the data layer, which also writes
 * the refusal to the audit trail when it renders the refusal. Only for page loads (GET/HEAD of a document):
 * API routes and server actions already answer their status, and a client-side navigation gets the page's own.
 */
export function checkPageAccess(access: Access, req: GuardRequest): Refusal | null {
  const method = req.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD") return null;
  if (req.headers.get("next-action") !== null || req.headers.get("rsc") !== null) return null;
  const url = new URL(req.path, "http://costwise.invalid");
  if (url.pathname.startsWith("/api/")) return null;
  const page = matchPage(url.pathname);
  const policy = page ? ROUTE_POLICIES[page.key] : undefined;
  if (!page || !policy || policy.need === "public") return null;
  if (access.identity === null) return { status: 401, kind: "unauthenticated", message: "Sign in to see this." };
  // The overview sends a person granted only teams on to their team's page (app/_components/access.ts).
  if (page.key === "page /" && hasAnyGrant(access.grants)) return null;
  const scope = toScope(access.grants, policy.need);
  const forbidden: Refusal = { status: 403, kind: "forbidden", message: `You do not have access to ${url.pathname}.` };
  if (!scope) return forbidden;
  const team = page.params.team;
  if (team !== undefined && scope.teams !== null && !scope.teams.includes(team)) return forbidden;
  const department = url.searchParams.get("department");
  if (department !== null && scope.departments !== null && !scope.departments.includes(department)) return forbidden;
  return null;
}

/** What anyone may reach signed out: the sign-in page and routes, the probes, the metrics, the app's static files. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/signin" ||
    pathname.startsWith("/api/auth/") ||
    pathname === "/api/health" ||
    pathname === "/api/health/live" ||
    // Prometheus cannot sign in: the route asks for its own bearer token (COSTWISE_METRICS_TOKEN).
    pathname === "/api/metrics" ||
    pathname.startsWith("/_next/static/") ||
    pathname === "/icon.svg" ||
    pathname === "/favicon.ico"
  );
}

/**
 * Signed out in oidc mode: a page asks the browser to sign in and come back; an API call, a server action or any
 * other change answers 401 (a script should not be sent to a login form).
 */
export function signedOutAnswer(req: GuardRequest): { redirect: string } | Refusal {
  const pathname = req.path.split(/[?#]/)[0]!;
  const isApi = pathname.startsWith("/api/");
  const isAction = req.headers.get("next-action") !== null;
  const method = req.method.toUpperCase();
  if (!isApi && !isAction && (method === "GET" || method === "HEAD"))
    return { redirect: `/signin?next=${encodeURIComponent(req.path)}` };
  return { status: 401, kind: "unauthenticated", message: "Sign in first: this needs a signed-in session." };
}

/** A fresh nonce per response: the only inline scripts that run are the ones Next.js rendered for it. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The security headers of every answer. Scripts: only ours, with this response's nonce ('strict-dynamic' lets
 * them load the chunks they need). Styles allow inline because React and the charts set style attributes, which
 * a nonce cannot cover; a style cannot run code. No framing anywhere (frame-ancestors 'none').
 */
export function securityHeaders(opts: {
  nonce: string;
  https: boolean;
  dev: boolean;
  /**
   * Other origins a form may lead to: the identity provider's, where sign-out (a form post) is redirected to end
   * its session too. form-action also covers the redirects after a submit.
   */
  formOrigins?: string[];
}): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${(opts.formOrigins ?? []).map((o) => ` ${o}`).join("")}`,
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    // Report URLs carry department and team names: other sites get no more than our origin.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    ...(opts.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
