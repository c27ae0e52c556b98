import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import type { Access } from "./access";
import { LOCAL_ACCESS } from "./access";
import { NO_GRANTS } from "@/lib/roles";
import {
  allowedOrigin,
  checkCrossSite,
  checkHost,
  checkPageAccess,
  matchPage,
  isPublicPath,
  securityHeaders,
  signedOutAnswer,
  type GuardRequest,
} from "./request-guard";

const oidc = parseConfig({
  COSTWISE_AUTH: "oidc",
  COSTWISE_URL: "https://costwise.example.com",
  COSTWISE_SESSION_SECRET: "x".repeat(32),
  OIDC_ISSUER: "https://id.example.com",
  OIDC_CLIENT_ID: "costwise",
}).auth;
const local = parseConfig({}).auth;

const request = (method: string, headers: Record<string, string>, path = "/api/sync"): GuardRequest => ({
  method,
  path,
  headers: new Headers(headers),
});

describe("cross-site changes are refused", () => {
  it.each([
    // [what, method, headers, refused?]
    ["a page of ours (Origin)", "POST", { origin: "https://costwise.example.com" }, false],
    ["a page of ours, Origin in capitals", "POST", { origin: "HTTPS://Costwise.Example.com" }, false],
    ["a plain form on another site", "POST", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, true],
    [
      "a sibling subdomain",
      "POST",
      { origin: "https://evil.costwise.example.com", "sec-fetch-site": "same-site" },
      true,
    ],
    ["our name over http", "POST", { origin: "http://costwise.example.com" }, true],
    ["a sandboxed frame or data: URL (Origin null)", "POST", { origin: "null" }, true],
    ["no Origin, Sec-Fetch-Site cross-site", "POST", { "sec-fetch-site": "cross-site" }, true],
    ["no Origin, Sec-Fetch-Site same-site", "DELETE", { "sec-fetch-site": "same-site" }, true],
    ["no Origin, Sec-Fetch-Site same-origin", "POST", { "sec-fetch-site": "same-origin" }, false],
    ["not a browser (no Origin, no Sec-Fetch-Site)", "POST", {}, false],
    ["a read from anywhere", "GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, false],
    ["PUT from another site", "PUT", { origin: "https://evil.example" }, true],
    ["PATCH from another site", "PATCH", { origin: "https://evil.example" }, true],
    ["a server action from another site", "POST", { origin: "https://evil.example", "next-action": "abc" }, true],
  ])("with COSTWISE_URL: %s", (_what, method, headers, refused) => {
    const answer = checkCrossSite(oidc, request(method, headers));
    if (refused) expect(answer).toMatchObject({ status: 403, kind: "forbidden" });
    else expect(answer).toBeNull();
  });

  it.each([
    ["this server on 127.0.0.1", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }, false],
    ["this server as localhost", { host: "localhost:3000", origin: "http://localhost:3000" }, false],
    ["another local port", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:8080" }, true],
    [
      "a rebound name (Host and Origin agree but are not loopback)",
      { host: "evil.example:3000", origin: "http://evil.example:3000" },
      true,
    ],
  ])("without COSTWISE_URL (local use): %s", (_what, headers, refused) => {
    const answer = checkCrossSite(local, request("POST", headers));
    if (refused) expect(answer).toMatchObject({ status: 403 });
    else expect(answer).toBeNull();
  });

  it("names the origin it refused and the one it accepts", () => {
    expect(checkCrossSite(oidc, request("POST", { origin: "https://evil.example" }))?.message).toBe(
      "Refused a change requested from https://evil.example: changes are accepted only from Costwise's own pages (https://costwise.example.com).",
    );
  });

  it("derives the allowed origin from COSTWISE_URL, or from a loopback Host", () => {
    expect(allowedOrigin(oidc, "anything")).toBe("https://costwise.example.com");
    expect(allowedOrigin(local, "[::1]:3000")).toBe("http://[::1]:3000");
    expect(allowedOrigin(local, "10.0.0.5:3000")).toBeNull();
  });
});

describe("Host without COSTWISE_URL", () => {
  it.each([
    ["127.0.0.1:3000", false],
    ["localhost", false],
    ["[::1]:3222", false],
    ["evil.example", true],
    ["127.0.0.1.evil.example", true],
    ["localhost.evil.example:3000", true],
  ])("%s refused: %s", (host, refused) => {
    expect(checkHost(local, request("GET", { host }))).toEqual(
      refused ? expect.objectContaining({ status: 421 }) : null,
    );
  });

  it("leaves Host to the load balancer when COSTWISE_URL names the site", () => {
    expect(checkHost(oidc, request("GET", { host: "10.0.0.5:3000" }))).toBeNull();
  });
});

describe("signed out", () => {
  it.each([
    ["GET", "/spend?dimension=project", {}, { redirect: "/signin?next=%2Fspend%3Fdimension%3Dproject" }],
    ["HEAD", "/", {}, { redirect: "/signin?next=%2F" }],
    ["GET", "/api/export/spend?format=csv", {}, { status: 401, kind: "unauthenticated" }],
    ["POST", "/api/sync", {}, { status: 401 }],
    ["POST", "/tags", { "next-action": "7f1e" }, { status: 401 }],
  ])("%s %s", (method, path, headers, expected) => {
    expect(signedOutAnswer(request(method, headers, path))).toMatchObject(expected);
  });

  it.each([
    ["/signin", true],
    ["/api/auth/callback/oidc", true],
    ["/api/health", true],
    ["/_next/static/chunks/app.js", true],
    ["/", false],
    ["/api/export/spend", false],
    ["/settings/audit", false],
    ["/signin/../settings", false],
    ["/api/authx", false],
  ])("%s is public: %s", (path, expected) => {
    expect(isPublicPath(path)).toBe(expected);
  });
});

describe("security headers", () => {
  it("forbid framing, sniffing and foreign scripts, and pin https when the site is https", () => {
    const h = securityHeaders({ nonce: "abc", https: true, dev: false });
    expect(h["Content-Security-Policy"]).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
    );
    expect(h).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Strict-Transport-Security": "max-age=31536000",
    });
    const signIn = securityHeaders({ nonce: "abc", https: true, dev: false, formOrigins: ["https://id.example.com"] });
    expect(signIn["Content-Security-Policy"]).toContain("form-action 'self' https://id.example.com;");
    const plain = securityHeaders({ nonce: "abc", https: false, dev: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
  });
});

describe("the page check before a page streams", () => {
  const person = (grants: Partial<Access["grants"]>): Access => ({
    identity: { email: "p@corp.example", groups: [], via: "proxy" },
    grants: { ...NO_GRANTS, ...grants },
  });
  const team = person({ teams: ["payments"] });
  const department = person({ departments: ["platform"] });
  const viewer = person({ viewer: true });
  const finance = person({ finance: true });
  const nobody: Access = { identity: null, grants: NO_GRANTS };

  it.each([
    // [who, method, path, headers, status or null (let it render)]
    ["a team member", team, "GET", "/spend", {}, 403],
    ["a team member", team, "GET", "/tags?from=2026-01-01", {}, 403],
    ["a team member", team, "GET", "/settings", {}, 403],
    ["a team member", team, "GET", "/settings/audit", {}, 403],
    ["a team member", team, "GET", "/rightsizing/video", {}, 403],
    ["a team member", team, "HEAD", "/rightsizing/video", {}, 403],
    ["a team member", team, "GET", "/rightsizing/payments", {}, null],
    ["a team member", team, "GET", "/rightsizing/pay%6dents", {}, null],
    ["a team member", team, "GET", "/rightsizing", {}, null],
    ["a team member", team, "GET", "/rightsizing/nodes", {}, 403],
    ["a team member (the overview sends them to their team's page)", team, "GET", "/", {}, null],
    ["a person with no grant", person({}), "GET", "/", {}, 403],
    ["a department", department, "GET", "/", {}, null],
    ["a department", department, "GET", "/tags", {}, null],
    ["a department", department, "GET", "/spend?department=platform", {}, null],
    ["a department", department, "GET", "/spend?department=payments", {}, 403],
    ["a department", department, "GET", "/spend/categories?department=payments", {}, 403],
    ["a department", department, "GET", "/savings", {}, 403],
    ["a viewer", viewer, "GET", "/spend?department=payments", {}, null],
    ["a viewer", viewer, "GET", "/settings", {}, 403],
    ["finance", finance, "GET", "/settings", {}, 403],
    ["finance", finance, "GET", "/tags", {}, null],
    ["the local admin", LOCAL_ACCESS, "GET", "/settings/audit", {}, null],
    ["nobody signed in", nobody, "GET", "/spend", {}, 401],
    ["nobody signed in", nobody, "GET", "/signin", {}, null],
    // Not page loads: their own status is already right, or a client navigation renders the page's answer.
    ["a team member, an API", team, "GET", "/api/export/spend", {}, null],
    ["a team member, a server action", team, "POST", "/tags", { "next-action": "7f" }, null],
    ["a team member, a client navigation", team, "GET", "/spend", { rsc: "1" }, null],
    ["a team member, a page that does not exist", team, "GET", "/no-such-page", {}, null],
  ] as const)("%s: %s %s", (_who, access, method, path, headers, status) => {
    const refused = checkPageAccess(access, request(method, headers, path));
    expect(refused?.status ?? null).toBe(status);
  });

  it("matches static pages before dynamic ones, and decodes the segment", () => {
    expect(matchPage("/rightsizing/nodes")).toEqual({ key: "page /rightsizing/nodes", params: {} });
    expect(matchPage("/rightsizing/a%20b")).toEqual({ key: "page /rightsizing/[team]", params: { team: "a b" } });
    expect(matchPage("/")).toEqual({ key: "page /", params: {} });
    expect(matchPage("/rightsizing/%E0%A4%A")).toBeNull();
    expect(matchPage("/spend/categories/extra")).toBeNull();
  });
});

describe("what a refusal keeps for the audit trail", () => {
  it("names the foreign origin, clipped, or the foreign Host", () => {
    expect(checkCrossSite(oidc, request("POST", { origin: "https://evil.example" }))?.from).toBe(
      "Origin https://evil.example",
    );
    const long = `https://${"a".repeat(1_000)}.example`;
    expect(checkCrossSite(oidc, request("POST", { origin: long }))?.from?.length).toBeLessThanOrEqual(301);
    expect(checkHost(local, request("GET", { host: "rebound.example" }))?.from).toBe("Host rebound.example");
  });
});
