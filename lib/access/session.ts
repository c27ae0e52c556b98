// The session cookie: who signed in, sealed so the browser can hold it but neither read nor change it.
// A JWE with direct A256GCM encryption: AES-GCM is authenticated, so one seal both hides the content and
// proves it was made with our key (a changed byte fails to open). The key is derived from
// COSTWISE_SESSION_SECRET with HKDF, one key per purpose, so a sign-in transaction can never be replayed as a
// session. Rotation: the first secret seals, every secret is tried to open.
import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { z } from "zod";
import type { Identity } from "./identity";

export const SESSION_COOKIE = "costwise_session";

export type SealPurpose = "session" | "oidc-transaction";

function keyFor(secret: string, purpose: SealPurpose): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "costwise", `costwise ${purpose} v1`, 32));
}

/** Seals `payload` for `seconds` from `now` with the first secret. */
export async function seal(
  payload: Record<string, unknown>,
  opts: { secrets: string[]; purpose: SealPurpose; now: Date; seconds: number },
): Promise<string> {
  const secret = opts.secrets[0];
  if (!secret) throw new Error("No session secret: set COSTWISE_SESSION_SECRET");
  const iat = Math.floor(opts.now.getTime() / 1000);
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", typ: opts.purpose })
    .setIssuedAt(iat)
    .setExpirationTime(iat + Math.max(1, Math.floor(opts.seconds)))
    .encrypt(keyFor(secret, opts.purpose));
}

/** Opens a sealed value with any of the secrets; null when it is missing, altered, expired or not ours. */
export async function unseal(
  value: string | undefined,
  opts: { secrets: string[]; purpose: SealPurpose; now: Date },
): Promise<Record<string, unknown> | null> {
  if (!value || value.length > 8_192) return null;
  for (const secret of opts.secrets) {
    try {
      const { payload, protectedHeader } = await jwtDecrypt(value, keyFor(secret, opts.purpose), {
        currentDate: opts.now,
        clockTolerance: 0,
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256GCM"],
        typ: opts.purpose,
        requiredClaims: ["exp", "iat"],
      });
      if (protectedHeader.typ !== opts.purpose) return null;
      // A session sealed "in the future" (a clock set back, a secret leaked to a forger) is not trusted.
      if (typeof payload.iat !== "number" || payload.iat * 1000 > opts.now.getTime() + 60_000) return null;
      return payload;
    } catch {
      // Wrong secret or a bad/expired value: try the next secret; an expired value fails for every one.
    }
  }
  return null;
}

const sessionPayload = z.object({
  email: z.string().min(1).max(320),
  groups: z.array(z.string().max(1_000)).max(1_000),
  /** The provider's ID token, kept for sign-out: the id_token_hint of its end_session_endpoint. */
  idToken: z.string().max(8_000).optional(),
});

export async function sealSession(
  identity: Pick<Identity, "email" | "groups">,
  opts: { secrets: string[]; now: Date; hours: number; idToken?: string },
): Promise<string> {
  return seal(
    { email: identity.email, groups: identity.groups, ...(opts.idToken ? { idToken: opts.idToken } : {}) },
    { secrets: opts.secrets, purpose: "session", now: opts.now, seconds: opts.hours * 3600 },
  );
}

/** The ID token sealed in a session cookie (null: none, or the cookie does not open). */
export async function readSessionIdToken(
  cookieValue: string | undefined,
  secrets: string[],
  now: Date,
): Promise<string | null> {
  const parsed = sessionPayload.safeParse(await unseal(cookieValue, { secrets, purpose: "session", now }));
  return parsed.success ? (parsed.data.idToken ?? null) : null;
}

/**
 * The signed-in identity in a session cookie, or null (no cookie, altered, expired, sealed with a secret no
 * longer configured). Pass the real clock: COSTWISE_NOW fixes the reports' date, never a session's.
 */
export async function readSessionIdentity(
  cookieValue: string | undefined,
  secrets: string[],
  now: Date,
): Promise<Identity | null> {
  const payload = await unseal(cookieValue, { secrets, purpose: "session", now });
  const parsed = sessionPayload.safeParse(payload);
  return parsed.success ? { email: parsed.data.email, groups: parsed.data.groups, via: "oidc" } : null;
}

/**
 * Browsers refuse cookies over 4,096 bytes; an identity provider that sends hundreds of groups would
 * otherwise sign people in to a session that silently never arrives.
 */
export const MAX_COOKIE_BYTES = 4_000;

export type CookieOptions = { secure: boolean; maxAgeSeconds: number; path?: string };

/** A Set-Cookie value: HttpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it). */
export function cookieHeader(name: string, value: string, opts: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${opts.path ?? "/"}`,
    `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(opts.secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedCookieHeader(name: string, opts: { secure: boolean; path?: string }): string {
  return cookieHeader(name, "", { ...opts, maxAgeSeconds: 0 });
}

/** Whether cookies must be Secure: when the public URL is https. */
export const secureCookies = (publicUrl: string | undefined) => publicUrl?.startsWith("https://") ?? false;
