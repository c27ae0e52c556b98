import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const SECRET = "s".repeat(40);
const oidc = {
  COSTWISE_AUTH: "oidc",
  COSTWISE_URL: "https://costwise.example.com/",
  COSTWISE_SESSION_SECRET: SECRET,
  OIDC_ISSUER: "https://company.okta.com",
  OIDC_CLIENT_ID: "costwise",
  OIDC_CLIENT_SECRET: "shh",
};

describe("sign-in settings", () => {
  it("defaults to no sign-in, 8-hour sessions and the standard scopes and groups claim", () => {
    expect(parseConfig({}).auth).toMatchObject({
      mode: "none",
      url: undefined,
      sessionSecrets: [],
      sessionHours: 8,
      oidc: undefined,
    });
    expect(parseConfig(oidc).auth).toMatchObject({
      mode: "oidc",
      url: "https://costwise.example.com",
      sessionSecrets: [SECRET],
      sessionHours: 8,
      oidc: {
        issuer: "https://company.okta.com",
        clientId: "costwise",
        clientSecret: "shh",
        scopes: "openid email profile",
        groupsClaim: "groups",
      },
    });
  });

  it("reads several secrets for rotation, separated by commas or spaces", () => {
    const two = `${SECRET}, ${"t".repeat(32)}\n${"u".repeat(33)}`;
    expect(parseConfig({ ...oidc, COSTWISE_SESSION_SECRET: two }).auth.sessionSecrets).toEqual([
      SECRET,
      "t".repeat(32),
      "u".repeat(33),
    ]);
  });

  it.each([
    [{ COSTWISE_SESSION_SECRET: "short" }, "at least 32 characters"],
    [{ COSTWISE_URL: undefined }, "COSTWISE_URL is required"],
    [{ COSTWISE_URL: "https://costwise.example.com/app" }, "with no path"],
    [{ OIDC_ISSUER: undefined }, "OIDC_ISSUER is required"],
    [{ OIDC_CLIENT_ID: undefined }, "OIDC_CLIENT_ID is required"],
    [{ COSTWISE_SESSION_SECRET: undefined }, "COSTWISE_SESSION_SECRET is required"],
    [{ OIDC_SCOPES: "email profile" }, '"openid"'],
    [{ COSTWISE_SESSION_HOURS: "0" }, "above 0"],
    [{ COSTWISE_SESSION_HOURS: "forever" }, "number of hours"],
    [{ COSTWISE_AUTH: "saml" }, "expected oidc, proxy or none"],
  ])("refuses %o with a message naming the fix", (change, message) => {
    expect(() => parseConfig({ ...oidc, ...change })).toThrow(ConfigError);
    expect(() => parseConfig({ ...oidc, ...change })).toThrow(message);
  });

  it("takes fractional session hours and custom scopes and claims (Entra app roles)", () => {
    const auth = parseConfig({
      ...oidc,
      COSTWISE_SESSION_HOURS: "0.5",
      OIDC_SCOPES: "openid email profile groups",
      OIDC_GROUPS_CLAIM: "roles",
    }).auth;
    expect(auth.sessionHours).toBe(0.5);
    expect(auth.oidc).toMatchObject({ scopes: "openid email profile groups", groupsClaim: "roles" });
  });
});
