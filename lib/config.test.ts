import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkListenSafety, ConfigError, isLoopbackHost, parseConfig, redactSetting } from "./config";

const SECRET = "s".repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe("listening and sign-in modes", () => {
  it("listens on loopback without sign-in by default (HOSTNAME, set by container runtimes, is ignored)", () => {
    const config = parseConfig({ HOSTNAME: "costwise-7f9c-pod" });
    expect(config.host).toBe("127.0.0.1");
    expect(config.auth.mode).toBe("none");
    expect(config.auth.proxyHeaders).toEqual({ email: "x-forwarded-email", groups: "x-forwarded-groups" });
    expect(checkListenSafety(config)).toBeUndefined();
  });

  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["[::1]", true],
    ["localhost", true],
    ["::ffff:127.0.0.1", true],
    ["0.0.0.0", false],
    ["::", false],
    ["10.0.0.5", false],
    ["128.0.0.1", false],
    ["localhost.example.com", false],
    ["127.0.0.1.nip.io", false],
  ])("%s is loopback: %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it.each([
    [{ COSTWISE_HOST: "0.0.0.0" }, true],
    [{ COSTWISE_HOST: "10.1.2.3", COSTWISE_AUTH: "none" }, true],
    [{ COSTWISE_HOST: "0.0.0.0", COSTWISE_AUTH: "proxy", COSTWISE_TRUSTED_PROXIES: "10.0.0.0/8" }, false],
    [
      {
        COSTWISE_HOST: "0.0.0.0",
        COSTWISE_AUTH: "oidc",
        COSTWISE_URL: "https://costwise.example.com",
        COSTWISE_SESSION_SECRET: SECRET,
        OIDC_ISSUER: "https://company.okta.com",
        OIDC_CLIENT_ID: "costwise",
      },
      false,
    ],
    [{ COSTWISE_HOST: "127.0.0.1" }, false],
  ])("%j refuses to listen: %s", (env, refused) => {
    const refusal = checkListenSafety(parseConfig(env));
    if (!refused) return expect(refusal).toBeUndefined();
    // One line that names both ways out.
    expect(refusal).not.toContain("\n");
    expect(refusal).toContain("COSTWISE_AUTH=oidc");
    expect(refusal).toContain("COSTWISE_HOST=127.0.0.1");
  });

  it("reads the sign-in settings: secrets for rotation, trusted proxies, header names", () => {
    const config = parseConfig({
      COSTWISE_AUTH: "proxy",
      COSTWISE_URL: "https://costwise.example.com/",
      COSTWISE_SESSION_SECRET: `${SECRET}, ${"t".repeat(40)}\n${"u".repeat(33)}`,
      COSTWISE_TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.7 fd00::/8",
      COSTWISE_PROXY_EMAIL_HEADER: "X-Auth-Request-Email",
      COSTWISE_PROXY_GROUPS_HEADER: "X-Auth-Request-Groups",
    });
    expect(config.auth).toMatchObject({
      mode: "proxy",
      url: "https://costwise.example.com",
      sessionSecrets: [SECRET, "t".repeat(40), "u".repeat(33)],
      trustedProxies: ["10.0.0.0/8", "192.168.1.7", "fd00::/8"],
      proxyHeaders: { email: "x-auth-request-email", groups: "x-auth-request-groups" },
    });
  });

  it.each([
    [{ COSTWISE_AUTH: "ldap" }, "COSTWISE_AUTH"],
    [{ COSTWISE_AUTH: "oidc", COSTWISE_SESSION_SECRET: SECRET }, "COSTWISE_URL is required"],
    [{ COSTWISE_AUTH: "oidc", COSTWISE_URL: "https://c.example.com" }, "COSTWISE_SESSION_SECRET is required"],
    [{ COSTWISE_SESSION_SECRET: "too-short" }, "at least 32 characters"],
    [{ COSTWISE_SESSION_SECRET: `${SECRET},short` }, "at least 32 characters"],
    [{ COSTWISE_AUTH: "proxy" }, "COSTWISE_TRUSTED_PROXIES is required"],
    [{ COSTWISE_TRUSTED_PROXIES: "10.0.0.0/33" }, "COSTWISE_TRUSTED_PROXIES"],
    [{ COSTWISE_TRUSTED_PROXIES: "my-proxy.internal" }, "COSTWISE_TRUSTED_PROXIES"],
    [{ COSTWISE_TRUSTED_PROXIES: "10.0.0.0/8/1" }, "COSTWISE_TRUSTED_PROXIES"],
    [{ COSTWISE_URL: "javascript:alert(1)" }, "COSTWISE_URL"],
    [{ COSTWISE_PROXY_EMAIL_HEADER: "X-Email: evil" }, "COSTWISE_PROXY_EMAIL_HEADER"],
    [{ COSTWISE_ROLES: "group:a = admin", COSTWISE_ROLES_FILE: "roles.txt" }, "both set"],
    [{ COSTWISE_ROLES_FILE: "/nonexistent/roles.txt" }, "cannot read it"],
  ])("%j is refused naming %s", (env, expected) => {
    expect(problemsOf(env).join("\n")).toContain(expected);
  });

  it("stops on malformed role rules, naming the line and what is wrong", () => {
    const problems = problemsOf({ COSTWISE_ROLES: "group:finance = finance\ngroup:sre = superuser" });
    expect(problems).toEqual([expect.stringMatching(/^COSTWISE_ROLES line 2, "group:sre = superuser": unknown grant/)]);
  });

  it("reads the rules from COSTWISE_ROLES_FILE (a ConfigMap), with its line numbers", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "costwise-roles-"));
    writeFileSync(
      path.join(dir, "roles"),
      "# who sees what\ngroup:finance = finance\n\nemail:ana@example.com = admin\n",
    );
    const config = parseConfig({ COSTWISE_ROLES_FILE: "roles" }, dir);
    expect(config.auth.roles.rules.map((r) => r.line)).toEqual([2, 4]);
    expect(config.auth.roles.source).toContain(path.join(dir, "roles"));
    writeFileSync(path.join(dir, "bad"), "group:finance = finance\n\nteam = payments\n");
    expect(() => parseConfig({ COSTWISE_ROLES_FILE: "bad" }, dir)).toThrow(/COSTWISE_ROLES_FILE line 3/);
  });
});

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
