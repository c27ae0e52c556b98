import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath: where the browser goes after signing in", () => {
  it.each([
    ["/spend?dimension=department&from=2026-01", "/spend?dimension=department&from=2026-01"],
    ["/rightsizing/payments#memory", "/rightsizing/payments#memory"],
    ["/", "/"],
  ])("keeps a path on this site: %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    "",
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "spend",
    "http:/evil.example",
    "/signin?next=/x",
    "/api/auth/signout",
    "/" + "a".repeat(3000),
  ])("sends anything else home: %j", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });
});
