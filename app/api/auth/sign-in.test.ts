// The sign-in routes against a real OpenID provider (oidc-provider) on loopback: the authorization code flow
// with PKCE, state and nonce, the session cookie, sign-out, and the audit trail of each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { setProcessDb } from "@/lib/db/process-db";
import { listAuditEvents } from "@/lib/audit/events";
import { SESSION_COOKIE, readSessionIdentity } from "@/lib/access/session";
import { OIDC_TRANSACTION_COOKIE } from "@/lib/access/oidc";
import { testDatabases, type TestDb } from "@/testing/databases";
import { TEST_CLIENT, startTestOidcProvider, type TestProvider } from "@/testing/oidc-provider";
import { loginAtProvider } from "@/testing/oidc-browserless";
import { GET as signIn } from "./signin/oidc/route";
import { GET as callback } from "./callback/oidc/route";
import { POST as signOut } from "./signout/route";

const APP = "http://127.0.0.1:3999";
const SECRET = "test-session-secret-of-at-least-32-characters";

let provider: TestProvider;
let db: TestDb;

beforeAll(async () => {
  provider = await startTestOidcProvider({ appUrl: APP });
  Object.assign(process.env, {
    COSTWISE_AUTH: "oidc",
    COSTWISE_URL: APP,
    COSTWISE_SESSION_SECRET: SECRET,
    COSTWISE_SESSION_HOURS: "2",
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: TEST_CLIENT.id,
    OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    // Like Okta, this provider releases the groups claim only to a client asking for the groups scope.
    OIDC_SCOPES: "openid email profile groups",
  });
  db = await testDatabases()[0]!.create();
  setProcessDb(Promise.resolve(db));
});
afterAll(async () => {
  setProcessDb(undefined);
  await db?.drop();
  await provider?.close();
});

/** The value of a Set-Cookie for `name` in a response, with its attributes. */
function setCookie(res: Response, name: string): { value: string; attributes: string } | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair, ...rest] = line.split("; ");
  return { value: pair!.slice(name.length + 1), attributes: rest.join("; ") };
}

async function startAt(next: string) {
  const res = await signIn(new NextRequest(`${APP}/api/auth/signin/oidc?next=${encodeURIComponent(next)}`));
  expect(res.status).toBe(302);
  const tx = setCookie(res, OIDC_TRANSACTION_COOKIE)!;
  return { authorizeUrl: res.headers.get("location")!, tx: tx.value, txAttributes: tx.attributes };
}

const finish = (callbackUrl: string, tx: string | undefined) =>
  callback(new NextRequest(callbackUrl, { headers: tx ? { cookie: `${OIDC_TRANSACTION_COOKIE}=${tx}` } : {} }));

describe("sign-in with OpenID Connect against a real provider", () => {
  it("signs in through the provider's login form: PKCE, state and nonce, then a sealed session cookie", async () => {
    const { authorizeUrl, tx, txAttributes } = await startAt("/spend?dimension=project");
    const sent = new URL(authorizeUrl);
    expect(sent.origin).toBe(provider.issuer);
    expect(sent.searchParams.get("redirect_uri")).toBe(`${APP}/api/auth/callback/oidc`);
    expect(sent.searchParams.get("code_challenge_method")).toBe("S256");
    expect(sent.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(sent.searchParams.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(sent.searchParams.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(sent.searchParams.get("scope")).toBe("openid email profile groups");
    expect(txAttributes).toBe("Path=/api/auth/callback/oidc; Max-Age=600; HttpOnly; SameSite=Lax");

    const back = await loginAtProvider({ authorizeUrl, login: "ada", appUrl: APP });
    const res = await finish(back, tx);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${APP}/spend?dimension=project`);
    const session = setCookie(res, SESSION_COOKIE)!;
    expect(session.attributes).toBe("Path=/; Max-Age=7200; HttpOnly; SameSite=Lax");
    expect(setCookie(res, OIDC_TRANSACTION_COOKIE)?.value).toBe("");
    // Groups came from userinfo: this provider keeps them out of the ID token, as Okta does by default.
    expect(await readSessionIdentity(session.value, [SECRET], new Date())).toEqual({
      email: "ada@example.com",
      groups: ["costwise-admins", "finance"],
      via: "oidc",
    });
    const [event] = await listAuditEvents(db, { action: "auth.sign-in" });
    expect(event).toMatchObject({
      actor: "ada@example.com",
      outcome: "ok",
      after: { groups: ["costwise-admins", "finance"] },
    });

    // The session lasts COSTWISE_SESSION_HOURS and not a second more.
    expect(await readSessionIdentity(session.value, [SECRET], new Date(Date.now() + 2 * 3600_000 + 1000))).toBeNull();

    // The same code a second time (a replayed callback URL) is refused by the provider.
    const replay = await finish(back, tx);
    expect(replay.headers.get("location")).toBe(`${APP}/signin?error=provider`);
    expect(setCookie(replay, SESSION_COOKIE)).toBeUndefined();
  });

  it("refuses a callback whose state belongs to another attempt (a login forced on someone else's browser)", async () => {
    const attacker = await startAt("/");
    const back = await loginAtProvider({ authorizeUrl: attacker.authorizeUrl, login: "nobody", appUrl: APP });
    const victim = await startAt("/");
    const res = await finish(back, victim.tx);
    expect(res.headers.get("location")).toBe(`${APP}/signin?error=provider`);
    expect(setCookie(res, SESSION_COOKIE)).toBeUndefined();
    const [event] = await listAuditEvents(db, { action: "auth.sign-in", outcome: "failed" });
    expect(event).toMatchObject({ actor: "anonymous", target: "provider" });
    expect(event!.detail).toMatch(/state/i);
  });

  it("refuses a callback with no sign-in in progress in this browser", async () => {
    const { authorizeUrl } = await startAt("/");
    const back = await loginAtProvider({ authorizeUrl, login: "fiona", appUrl: APP });
    const res = await finish(back, undefined);
    expect(res.headers.get("location")).toBe(`${APP}/signin?error=expired`);
    expect(setCookie(res, SESSION_COOKIE)).toBeUndefined();
  });

  it("refuses an email the provider has not verified (role rules match emails)", async () => {
    const { authorizeUrl, tx } = await startAt("/");
    const back = await loginAtProvider({ authorizeUrl, login: "unverified", appUrl: APP });
    const res = await finish(back, tx);
    expect(res.headers.get("location")).toBe(`${APP}/signin?error=no-email`);
    expect(setCookie(res, SESSION_COOKIE)).toBeUndefined();
  });

  it("explains a refusal at the provider (the person pressed cancel)", async () => {
    const { tx } = await startAt("/");
    const res = await finish(
      `${APP}/api/auth/callback/oidc?error=access_denied&error_description=End-User+aborted`,
      tx,
    );
    expect(res.headers.get("location")).toBe(`${APP}/signin?error=denied`);
    const [event] = await listAuditEvents(db, { action: "auth.sign-in", outcome: "failed" });
    expect(event!.detail).toBe("The identity provider answered access_denied: End-User aborted");
  });

  it("never sends the browser to another site after signing in", async () => {
    const { authorizeUrl, tx } = await startAt("//evil.example/phish");
    const back = await loginAtProvider({ authorizeUrl, login: "pat", appUrl: APP });
    const res = await finish(back, tx);
    expect(res.headers.get("location")).toBe(`${APP}/`);
  });

  it("signs out: clears the cookie, ends the provider's session too, and records who left", async () => {
    // A real sign-in, so the session holds the provider's ID token.
    const { authorizeUrl, tx } = await startAt("/");
    const signedIn = await finish(await loginAtProvider({ authorizeUrl, login: "fiona", appUrl: APP }), tx);
    const value = setCookie(signedIn, SESSION_COOKIE)!.value;
    const res = await signOut(
      new NextRequest(`${APP}/api/auth/signout`, { method: "POST", headers: { cookie: `${SESSION_COOKIE}=${value}` } }),
    );
    expect(res.status).toBe(303);
    // RP-initiated logout: the provider's end_session_endpoint, with the ID token as hint, back to /signin.
    const to = new URL(res.headers.get("location")!);
    expect(`${to.origin}${to.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe(`${APP}/signin`);
    expect(to.searchParams.get("client_id")).toBe(TEST_CLIENT.id);
    expect(to.searchParams.get("state")).toBe("signed-out");
    const hint = to.searchParams.get("id_token_hint")!;
    const claims = JSON.parse(Buffer.from(hint.split(".")[1]!, "base64url").toString("utf8"));
    expect(claims).toMatchObject({ sub: "fiona", aud: TEST_CLIENT.id, iss: provider.issuer });
    expect(setCookie(res, SESSION_COOKIE)).toEqual({
      value: "",
      attributes: "Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    });
    const [event] = await listAuditEvents(db, { action: "auth.sign-out" });
    expect(event).toMatchObject({ actor: "fiona@example.com", outcome: "ok" });
  });

  it("signs out locally when the provider offers no end_session_endpoint, or there is no session", async () => {
    const local = await startTestOidcProvider({ appUrl: APP, endSession: false });
    try {
      const { parseConfig } = await import("@/lib/config");
      const { buildProviderSignOutUrl, isOidc } = await import("@/lib/access/oidc");
      const auth = parseConfig({ ...process.env, OIDC_ISSUER: local.issuer }).auth;
      if (!isOidc(auth)) throw new Error("expected oidc");
      expect(await buildProviderSignOutUrl(auth, "an.id.token")).toBeNull();
    } finally {
      await local.close();
    }
    // No session (already signed out, or expired): nothing to end at the provider.
    const res = await signOut(new NextRequest(`${APP}/api/auth/signout`, { method: "POST" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${APP}/signin?signed-out=1`);
  });
});

describe("a provider that is down", () => {
  it("sends the browser back to /signin saying so, and tries again on the next attempt", async () => {
    const down = await startTestOidcProvider({ appUrl: APP });
    await down.close();
    const { parseConfig } = await import("@/lib/config");
    const { startSignIn, isOidc } = await import("@/lib/access/oidc");
    const auth = parseConfig({ ...process.env, OIDC_ISSUER: down.issuer }).auth;
    if (!isOidc(auth)) throw new Error("expected oidc");
    await expect(startSignIn(auth, { next: "/", now: new Date() })).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringContaining(down.issuer),
    });
  });
});

describe("groups in the ID token", () => {
  it("reads them straight from the ID token when the provider puts them there (Entra, Keycloak)", async () => {
    const direct = await startTestOidcProvider({ appUrl: APP, claimsInIdToken: true });
    try {
      const { parseConfig } = await import("@/lib/config");
      const { startSignIn, finishSignIn, isOidc } = await import("@/lib/access/oidc");
      const auth = parseConfig({ ...process.env, OIDC_ISSUER: direct.issuer, OIDC_SCOPES: "openid email groups" }).auth;
      if (!isOidc(auth)) throw new Error("expected oidc");
      const start = await startSignIn(auth, { next: "/tags", now: new Date() });
      const back = await loginAtProvider({ authorizeUrl: start.location, login: "dana", appUrl: APP });
      const tx = start.cookie.split(";")[0]!.slice(OIDC_TRANSACTION_COOKIE.length + 1);
      const done = await finishSignIn(auth, { search: new URL(back).search, transactionCookie: tx, now: new Date() });
      expect(done.identity).toEqual({ email: "dana@example.com", groups: ["dept-growth"], via: "oidc" });
      expect(done.next).toBe("/tags");
    } finally {
      await direct.close();
    }
  });
});
