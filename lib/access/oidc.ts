// Sign-in with the company's OpenID Connect provider: the authorization code flow with PKCE, state and nonce,
// through openid-client (discovery, the token exchange and the ID token checks). What the flow must remember
// between leaving for the provider and coming back (verifier, state, nonce, where to go next) travels in a
// short-lived sealed cookie, so no server-side store is needed and any replica can finish a sign-in.
import * as client from "openid-client";
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { recordAuditEvent } from "@/lib/audit/events";
import type { Identity } from "./identity";
import { safeNextPath } from "./next-path";
import {
  MAX_COOKIE_BYTES,
  SESSION_COOKIE,
  clearedCookieHeader,
  cookieHeader,
  seal,
  sealSession,
  secureCookies,
  unseal,
} from "./session";

export const CALLBACK_PATH = "/api/auth/callback/oidc";
export const SIGNIN_PATH = "/api/auth/signin/oidc";
export const OIDC_TRANSACTION_COOKIE = "costwise_oidc";
/** How long someone may spend at the provider's login form. */
const TRANSACTION_SECONDS = 600;

export type OidcAuth = Config["auth"] & { url: string; oidc: NonNullable<Config["auth"]["oidc"]> };

export function isOidc(auth: Config["auth"]): auth is OidcAuth {
  return auth.mode === "oidc" && auth.oidc !== undefined && auth.url !== undefined;
}

/** Why a sign-in did not finish; `code` is what the sign-in page explains, `message` what the audit log keeps. */
export class SignInError extends Error {
  constructor(
    readonly code: "expired" | "denied" | "provider" | "unavailable" | "no-email" | "too-large",
    message: string,
  ) {
    super(message);
    this.name = "SignInError";
  }
}

// One discovery per issuer and client for the life of the process; a failed one is forgotten so the next
// sign-in tries again (the provider may have been down for a minute).
const discovered = new Map<string, Promise<client.Configuration>>();

const isLoopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

function providerConfiguration(oidc: OidcAuth["oidc"]): Promise<client.Configuration> {
  const key = JSON.stringify([oidc.issuer, oidc.clientId, oidc.clientSecret]);
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(oidc.issuer);
    found = client
      .discovery(
        issuer,
        oidc.clientId,
        oidc.clientSecret,
        oidc.clientSecret === undefined ? client.None() : client.ClientSecretPost(oidc.clientSecret),
        // Plain http only for a provider on this machine (tests, a local Keycloak); never across a network.
        { execute: isLoopback(issuer) ? [client.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((err: unknown) => {
        discovered.delete(key);
        throw new SignInError(
          "unavailable",
          `The identity provider at ${oidc.issuer} did not answer its discovery document: ${errorText(err)}`,
        );
      });
    discovered.set(key, found);
  }
  return found;
}

type Transaction = { verifier: string; state: string; nonce: string; next: string };

/** Where to send the browser to sign in, and the cookie that remembers this attempt. */
export async function startSignIn(
  auth: OidcAuth,
  opts: { next: string | null | undefined; now: Date },
): Promise<{ location: string; cookie: string }> {
  const config = await providerConfiguration(auth.oidc);
  const tx: Transaction = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
    next: safeNextPath(opts.next),
  };
  const location = client.buildAuthorizationUrl(config, {
    redirect_uri: `${auth.url}${CALLBACK_PATH}`,
    scope: auth.oidc.scopes,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(tx.verifier),
    code_challenge_method: "S256",
    state: tx.state,
    nonce: tx.nonce,
  });
  const sealed = await seal(tx, {
    secrets: auth.sessionSecrets,
    purpose: "oidc-transaction",
    now: opts.now,
    seconds: TRANSACTION_SECONDS,
  });
  return {
    location: location.href,
    cookie: cookieHeader(OIDC_TRANSACTION_COOKIE, sealed, {
      secure: secureCookies(auth.url),
      maxAgeSeconds: TRANSACTION_SECONDS,
      path: CALLBACK_PATH,
    }),
  };
}

/**
 * Finishes a sign-in from the provider's redirect back (`search` = the callback's query string): checks state,
 * exchanges the code with the PKCE verifier, checks the ID token (issuer, audience, nonce, expiry, signature),
 * and reads the email and the groups. Throws a SignInError when any of it fails.
 */
export async function finishSignIn(
  auth: OidcAuth,
  opts: { search: string; transactionCookie: string | undefined; now: Date },
): Promise<{ identity: Identity; next: string; sessionCookie: string }> {
  const params = new URLSearchParams(opts.search);
  const raw = await unseal(opts.transactionCookie, {
    secrets: auth.sessionSecrets,
    purpose: "oidc-transaction",
    now: opts.now,
  });
  if (!raw || typeof raw.verifier !== "string" || typeof raw.state !== "string" || typeof raw.nonce !== "string")
    throw new SignInError(
      "expired",
      "No sign-in in progress in this browser (it took over 10 minutes, or started elsewhere)",
    );
  const tx = raw as Transaction;
  const providerError = params.get("error");
  if (providerError) {
    const description = params.get("error_description");
    throw new SignInError(
      providerError === "access_denied" ? "denied" : "provider",
      `The identity provider answered ${providerError}${description ? `: ${description}` : ""}`,
    );
  }
  const config = await providerConfiguration(auth.oidc);
  let claims: Record<string, unknown>;
  let accessToken: string;
  let idToken: string | undefined;
  try {
    // The URL the provider redirected to, rebuilt from COSTWISE_URL rather than from the request's Host.
    const tokens = await client.authorizationCodeGrant(config, new URL(`${auth.url}${CALLBACK_PATH}?${params}`), {
      pkceCodeVerifier: tx.verifier,
      expectedState: tx.state,
      expectedNonce: tx.nonce,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    accessToken = tokens.access_token;
    idToken = tokens.id_token;
  } catch (err) {
    throw new SignInError("provider", `The sign-in answer did not check out: ${errorText(err)}`);
  }
  const claim = auth.oidc.groupsClaim;
  // Some providers put email and groups only in userinfo (or only when asked for a scope): ask when missing.
  if ((claims.email === undefined || claims[claim] === undefined) && config.serverMetadata().userinfo_endpoint) {
    try {
      const info = await client.fetchUserInfo(config, accessToken, String(claims.sub));
      claims = { ...info, ...claims };
    } catch (err) {
      throw new SignInError("provider", `The identity provider's userinfo failed: ${errorText(err)}`);
    }
  }
  const identity = identityFromClaims(claims, claim);
  const sealOpts = { secrets: auth.sessionSecrets, now: opts.now, hours: auth.sessionHours };
  let sessionCookie = await sealSession(identity, { ...sealOpts, idToken });
  // The ID token only makes sign-out at the provider smoother (its hint); a session too large with it goes
  // without it, and sign-out then names the client instead.
  if (sessionCookie.length > MAX_COOKIE_BYTES) sessionCookie = await sealSession(identity, sealOpts);
  if (sessionCookie.length > MAX_COOKIE_BYTES)
    throw new SignInError(
      "too-large",
      `${identity.email} has ${identity.groups.length} groups in "${claim}", too many for a browser cookie: have the provider send only the groups assigned to Costwise`,
    );
  return {
    identity,
    next: tx.next,
    sessionCookie: cookieHeader(SESSION_COOKIE, sessionCookie, {
      secure: secureCookies(auth.url),
      maxAgeSeconds: auth.sessionHours * 3600,
    }),
  };
}

/** The identity in verified claims: a verified email (lower case) and the groups claim as a list of names. */
export function identityFromClaims(claims: Record<string, unknown>, groupsClaim: string): Identity {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email || !email.includes("@"))
    throw new SignInError(
      "no-email",
      `The identity provider sent no email for ${String(claims.sub)}: add the "email" scope or claim`,
    );
  // Role rules match emails and domains: an address the provider says it did not verify could be anyone's.
  if (claims.email_verified === false || claims.email_verified === "false")
    throw new SignInError("no-email", `The identity provider has not verified ${email}`);
  const value = claims[groupsClaim];
  const groups =
    typeof value === "string"
      ? [value]
      : Array.isArray(value)
        ? value.filter((g): g is string => typeof g === "string" && g.length > 0)
        : [];
  return { email, groups: [...new Set(groups)], via: "oidc" };
}

/** Where the provider sends the browser back after it ended its own session (register it at the provider). */
export const POST_LOGOUT_PATH = "/signin";

/**
 * Where to send the browser to end the provider's session too (RP-initiated logout), when the provider's
 * discovery offers an end_session_endpoint; null otherwise (Google, for one, has none: sign-out is then local).
 * `idToken` (the session's) is the hint that tells the provider whose session to end without asking who.
 * A provider that cannot be reached is not a reason to keep anyone signed in: null, and the sign-out is local.
 */
export async function buildProviderSignOutUrl(auth: OidcAuth, idToken: string | null): Promise<string | null> {
  let config: client.Configuration;
  try {
    config = await providerConfiguration(auth.oidc);
  } catch (err) {
    console.error(`Signing out locally only: ${errorText(err)}`);
    return null;
  }
  const endpoint = config.serverMetadata().end_session_endpoint;
  // The page's CSP lets the sign-out form lead to the issuer's origin only (form-action covers the redirect).
  if (!endpoint || new URL(endpoint).origin !== new URL(auth.oidc.issuer).origin) return null;
  return client.buildEndSessionUrl(config, {
    post_logout_redirect_uri: `${auth.url}${POST_LOGOUT_PATH}`,
    // Comes back on the redirect: the sign-in page says the sign-out happened.
    state: "signed-out",
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).href;
}

export const clearTransactionCookie = (auth: OidcAuth) =>
  clearedCookieHeader(OIDC_TRANSACTION_COOKIE, { secure: secureCookies(auth.url), path: CALLBACK_PATH });

export const clearSessionCookie = (auth: Config["auth"]) =>
  clearedCookieHeader(SESSION_COOKIE, { secure: secureCookies(auth.url) });

/** Records the end of a sign-in in the audit trail: who, and why it failed when it did. */
export async function auditSignIn(db: Db, outcome: { identity: Identity } | { error: SignInError }): Promise<void> {
  if ("identity" in outcome) {
    await recordAuditEvent(db, {
      actor: outcome.identity.email,
      action: "auth.sign-in",
      after: { groups: outcome.identity.groups },
    });
  } else {
    await recordAuditEvent(db, {
      actor: "anonymous",
      action: "auth.sign-in",
      outcome: "failed",
      target: outcome.error.code,
      detail: outcome.error.message,
    });
  }
}

export async function auditSignOut(db: Db, identity: Identity | null): Promise<void> {
  await recordAuditEvent(db, { actor: identity?.email ?? "anonymous", action: "auth.sign-out" });
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    // openid-client's errors carry the provider's OAuth error code (invalid_grant, …): the useful part.
    const oauth = "error" in err && typeof err.error === "string" ? ` [${err.error}]` : "";
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
    return `${err.message}${oauth}${cause}`;
  }
  return String(err);
}
