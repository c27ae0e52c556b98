import { describe, expect, it } from "vitest";
import {
  MAX_COOKIE_BYTES,
  SESSION_COOKIE,
  clearedCookieHeader,
  cookieHeader,
  readSessionIdentity,
  seal,
  sealSession,
  unseal,
} from "./session";

const A = "a".repeat(16) + "-first-secret-of-32+chars";
const B = "b".repeat(16) + "-second-secret-of-32+chars";
const now = new Date("2026-12-06T09:00:00Z");
const later = (hours: number) => new Date(now.getTime() + hours * 3600_000);
const ana = { email: "ana@example.com", groups: ["finance", "costwise-admins"] };

describe("session cookie", () => {
  it("opens what it sealed, as an OIDC identity, and hides the email from whoever holds the cookie", async () => {
    const value = await sealSession(ana, { secrets: [A], now, hours: 8 });
    expect(await readSessionIdentity(value, [A], later(1))).toEqual({ ...ana, via: "oidc" });
    expect(value).not.toContain("ana");
    expect(Buffer.from(value.split(".").join(""), "base64url").toString("latin1")).not.toContain("ana@");
    expect(value.length).toBeLessThan(MAX_COOKIE_BYTES);
  });

  it("refuses a session after its lifetime, to the second", async () => {
    const value = await sealSession(ana, { secrets: [A], now, hours: 8 });
    expect(await readSessionIdentity(value, [A], new Date(later(8).getTime() - 1000))).not.toBeNull();
    expect(await readSessionIdentity(value, [A], later(8))).toBeNull();
    expect(await readSessionIdentity(value, [A], later(30))).toBeNull();
  });

  it("refuses a session sealed in the future (a clock set back)", async () => {
    const value = await sealSession(ana, { secrets: [A], now: later(2), hours: 8 });
    expect(await readSessionIdentity(value, [A], now)).toBeNull();
  });

  it("refuses every altered byte", async () => {
    const value = await sealSession(ana, { secrets: [A], now, hours: 8 });
    const parts = value.split(".");
    expect(parts).toHaveLength(5);
    for (let part = 0; part < parts.length; part++) {
      if (parts[part] === "") continue; // the encrypted key is empty with direct encryption
      const bytes = Buffer.from(parts[part]!, "base64url");
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      const altered = [...parts];
      altered[part] = bytes.toString("base64url");
      expect(await readSessionIdentity(altered.join("."), [A], later(1)), `part ${part}`).toBeNull();
    }
    expect(await readSessionIdentity(value.slice(0, -2), [A], later(1))).toBeNull();
  });

  it("refuses garbage, empty and oversized values without throwing", async () => {
    for (const value of [undefined, "", "x", "a.b.c.d.e", "eyJhbGciOiJub25lIn0.e30.", "A".repeat(10_000)]) {
      expect(await readSessionIdentity(value, [A], now)).toBeNull();
    }
  });

  it("rotates: the first secret seals, every secret opens; a removed secret no longer opens", async () => {
    const old = await sealSession(ana, { secrets: [A], now, hours: 8 });
    // Rotation: B is the new first secret, A still verifies the sessions already handed out.
    expect(await readSessionIdentity(old, [B, A], later(1))).toEqual({ ...ana, via: "oidc" });
    const fresh = await sealSession(ana, { secrets: [B, A], now, hours: 8 });
    expect(await readSessionIdentity(fresh, [B], later(1))).toEqual({ ...ana, via: "oidc" });
    expect(await readSessionIdentity(fresh, [A], later(1))).toBeNull();
    // A removed from the list: its sessions stop working.
    expect(await readSessionIdentity(old, [B], later(1))).toBeNull();
  });

  it("refuses a session sealed with a wrong secret", async () => {
    const forged = await sealSession({ email: "eve@example.com", groups: ["admins"] }, { secrets: [B], now, hours: 8 });
    expect(await readSessionIdentity(forged, [A], later(1))).toBeNull();
  });

  it("keeps purposes apart: a sign-in transaction never opens as a session, nor the reverse", async () => {
    const tx = await seal(ana, { secrets: [A], purpose: "oidc-transaction", now, seconds: 600 });
    expect(await readSessionIdentity(tx, [A], later(0.01))).toBeNull();
    const session = await sealSession(ana, { secrets: [A], now, hours: 8 });
    expect(await unseal(session, { secrets: [A], purpose: "oidc-transaction", now: later(0.01) })).toBeNull();
    expect(await unseal(tx, { secrets: [A], purpose: "oidc-transaction", now: later(0.01) })).toMatchObject(ana);
  });

  it("refuses a payload without an email even when sealed with our key", async () => {
    const value = await seal({ groups: ["x"] }, { secrets: [A], purpose: "session", now, seconds: 600 });
    expect(await readSessionIdentity(value, [A], now)).toBeNull();
  });

  it("writes the cookie HttpOnly, SameSite=Lax, Secure only on https, and clears it", () => {
    expect(cookieHeader(SESSION_COOKIE, "v", { secure: true, maxAgeSeconds: 28_800 })).toBe(
      "costwise_session=v; Path=/; Max-Age=28800; HttpOnly; SameSite=Lax; Secure",
    );
    expect(cookieHeader(SESSION_COOKIE, "v", { secure: false, maxAgeSeconds: 60 })).toBe(
      "costwise_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax",
    );
    expect(clearedCookieHeader(SESSION_COOKIE, { secure: false })).toBe(
      "costwise_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    );
  });
});
