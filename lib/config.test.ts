import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, redactSetting } from "./config";

describe("parseConfig", () => {
  it("never prints a DATABASE_URL password in a configuration error", () => {
    const error = (() => {
      try {
        parseConfig({ DATABASE_URL: "mysql://costwise:s3cret@db.internal:3306/costwise" });
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).not.toContain("s3cret");
    expect(error?.message).toContain('DATABASE_URL="mysql://costwise:***@db.internal:3306/costwise"');
  });

  it.each([
    ["DATABASE_URL", "postgresql://u:p%40ss@h:5432/d", "postgresql://u:***@h:5432/d"],
    ["DATABASE_URL", "postgresql://h:5432/d", "postgresql://h:5432/d"],
    ["DD_API_KEY", "abc123", "(hidden)"],
    ["AWS_SECRET_ACCESS_KEY", "xyz", "(hidden)"],
    ["PORT", "abc", "abc"],
  ])("redacts %s=%s as %s", (name, value, shown) => {
    expect(redactSetting(name, value)).toBe(shown);
  });

  it("reads the sync limits, with their defaults", () => {
    expect(parseConfig({}).sync).toEqual({ requestTimeoutMs: 60_000, deadlineMs: 3_600_000, staleAfterDays: 2 });
    expect(
      parseConfig({
        COSTWISE_REQUEST_TIMEOUT_S: "5",
        COSTWISE_SYNC_DEADLINE_MIN: "1.5",
        COSTWISE_STALE_AFTER_DAYS: "7",
      }).sync,
    ).toEqual({ requestTimeoutMs: 5_000, deadlineMs: 90_000, staleAfterDays: 7 });
    expect(() => parseConfig({ COSTWISE_REQUEST_TIMEOUT_S: "0" })).toThrow(
      /COSTWISE_REQUEST_TIMEOUT_S="0": expected a number of seconds/,
    );
  });
});
