// What every request passes before the app sees it (applied by proxy.ts): the cross-site check on requests that
// change something, the sign-in gate, and the security headers. Pure functions of the request's method, path
// and headers, so each rule is tested here without a server.
import type { Config } from "@/lib/config";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;

export type GuardRequest = {
  method: string;
  /** Path and query, e.g. "/spend?dimension=project". */
  path: string;
  headers: { get(name: string): string | null };
};

export type Refusal = { status: 401 | 403 | 421; kind: "unauthenticated" | "forbidden"; message: string };

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
    return refuseCrossSite(`from ${origin}`, allowed);
  }
  if (site !== null) return site === "same-origin" ? null : refuseCrossSite(`from a ${site} page`, allowed);
  return null;
}

function refuseCrossSite(from: string, allowed: string | null): Refusal {
  return {
    status: 403,
    kind: "forbidden",
    message: `Refused a change requested ${from}: changes are accepted only from Costwise's own pages (${allowed ?? "set COSTWISE_URL"}).`,
  };
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
export function securityHeaders(opts: { nonce: string; https: boolean; dev: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
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
