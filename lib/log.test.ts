import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";
import { createLog, redact } from "./log";

const clock = () => new Date("2026-11-26T12:00:00.000Z");

describe("createLog", () => {
  it("writes the message alone as text", () => {
    const lines: string[] = [];
    createLog({ format: "text", secrets: [], write: (l) => lines.push(l), clock })("Sync run #3 succeeded.", {
      event: "sync.finished",
      runId: 3,
    });
    expect(lines).toEqual(["Sync run #3 succeeded.\n"]);
  });

  it("writes one JSON object per line with timestamp, level, event, message and run id", () => {
    const lines: string[] = [];
    const log = createLog({ format: "json", secrets: [], write: (l) => lines.push(l), clock });
    log("two\nlines", { event: "sync", runId: 7, level: "error" });
    log("started", { event: "server.started" });
    expect(lines.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { timestamp: "2026-11-26T12:00:00.000Z", level: "error", event: "sync", message: "two\nlines", runId: 7 },
      { timestamp: "2026-11-26T12:00:00.000Z", level: "info", event: "server.started", message: "started" },
    ]);
  });
});

describe("secrets never reach a log line", () => {
  const config = parseConfig({
    DATABASE_URL: "postgresql://costwise:p%40ss-w0rd-9@db.internal:5432/costwise",
    DD_API_KEY: "dd-api-key-0123456789",
    DD_APP_KEY: "dd-app-key-9876543210",
    COSTWISE_METRICS_TOKEN: "metrics-token-abcdef",
    AWS_SECRET_ACCESS_KEY: "aws-secret-key-xyz123",
    OIDC_CLIENT_SECRET: "oidc-client-secret-1",
    COSTWISE_SESSION_SECRET: "old-session-secret-1-of-32-characters,new-session-secret-2-of-32-characters",
    AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", // an identifier, not a secret
  });

  it.each([
    [
      "the database password, as written and decoded",
      "auth failed for postgresql://costwise:p%40ss-w0rd-9@db / p@ss-w0rd-9",
    ],
    ["the Datadog keys", "403 for DD-API-KEY dd-api-key-0123456789 and dd-app-key-9876543210"],
    ["the metrics token", "Bearer metrics-token-abcdef"],
    ["the AWS secret key", "signature with aws-secret-key-xyz123"],
    ["each of several session secrets", "old-session-secret-1-of-32-characters new-session-secret-2-of-32-characters"],
    ["the sign-in client secret", "client_secret=oidc-client-secret-1"],
  ])("%s", (_what, message) => {
    const lines: string[] = [];
    for (const format of ["text", "json"] as const)
      createLog({ format, secrets: config.secrets, write: (l) => lines.push(l), clock })(message, { event: "x" });
    for (const line of lines) {
      expect(line).toContain("[redacted]");
      for (const s of config.secrets) expect(line).not.toContain(s);
    }
  });

  it("leaves identifiers alone", () => {
    expect(redact("key id AKIAEXAMPLE", config.secrets)).toBe("key id AKIAEXAMPLE");
  });
});
