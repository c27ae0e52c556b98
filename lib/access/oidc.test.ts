import { describe, expect, it } from "vitest";
import { SignInError, identityFromClaims } from "./oidc";

describe("identityFromClaims: who signed in, from verified claims", () => {
  it.each([
    [
      { email: "Ana@Example.com", groups: ["finance", "finance", "admins"] },
      "groups",
      "ana@example.com",
      ["finance", "admins"],
    ],
    [{ email: "ana@example.com", roles: ["admin"] }, "roles", "ana@example.com", ["admin"]],
    [{ email: "ana@example.com", groups: "finance" }, "groups", "ana@example.com", ["finance"]],
    [{ email: "ana@example.com", groups: ["ok", 7, null, ""] }, "groups", "ana@example.com", ["ok"]],
    [{ email: "ana@example.com", email_verified: true }, "groups", "ana@example.com", []],
  ])("%o with claim %s", (claims, claim, email, groups) => {
    expect(identityFromClaims(claims, claim)).toEqual({ email, groups, via: "oidc" });
  });

  it.each([
    [{ sub: "1" }],
    [{ sub: "1", email: "" }],
    [{ sub: "1", email: "not-an-address" }],
    [{ sub: "1", email: "ana@example.com", email_verified: false }],
    [{ sub: "1", email: "ana@example.com", email_verified: "false" }],
  ])("refuses %o", (claims) => {
    expect(() => identityFromClaims(claims, "groups")).toThrow(SignInError);
  });
});
