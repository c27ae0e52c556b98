import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoEmulators, type DemoWorld } from "./demo-world";

// LOG_FORMAT=json: a real sync through the image's command, against the emulators, logs one JSON object per
// line that a log pipeline can index by event and run id, and never a secret.
const NOW = "2026-11-26T12:00:00Z";
let world: DemoWorld;
let dataDir: string;
beforeAll(async () => {
  world = await startDemoEmulators({ now: new Date(NOW), log: () => {} });
  dataDir = mkdtempSync(path.join(tmpdir(), "costwise-log-"));
});
afterAll(async () => {
  await world?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the command asynchronously: the emulators answer from this very process, so it must not block. */
function costwise(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/costwise.ts", ...args],
      {
        encoding: "utf8",
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          COSTWISE_DATA_DIR: dataDir,
          COSTWISE_NOW: NOW,
          LOG_FORMAT: "json",
          ...world.env,
          ...env,
        } as unknown as NodeJS.ProcessEnv,
        timeout: 180_000,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

describe("LOG_FORMAT=json", () => {
  it("logs a sync as JSON lines with timestamp, level, event and its run id, without a secret", async () => {
    // One source, one week: enough to log every kind of event, quick on a busy machine.
    const r = await costwise(["sync", "--only", "aws", "--from", "2026-11-01", "--to", "2026-11-08"], {
      COSTWISE_METRICS_TOKEN: "metrics-token-never-logged",
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines.length).toBeGreaterThan(3);
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of events) {
      expect(Object.keys(e).slice(0, 4)).toEqual(["timestamp", "level", "event", "message"]);
      expect(Date.parse(e.timestamp as string)).not.toBeNaN();
      expect(["info", "warn", "error"]).toContain(e.level);
    }
    const finished = events.find((e) => e.event === "sync.finished")!;
    expect(finished).toMatchObject({ level: "info", runId: 1, message: "Sync run #1 succeeded." });
    const sourceLines = events.filter((e) => e.event === "sync.source");
    expect(sourceLines.map((e) => e.runId)).toEqual([1]);
    for (const secret of [world.env.DD_API_KEY!, world.env.DD_APP_KEY!, "metrics-token-never-logged"])
      expect(r.stderr).not.toContain(secret);
  });

  it("logs a failure as a JSON line at level error, the secret in its message redacted", async () => {
    // A Datadog key that is also a (made-up) part of the address: the error names the address, so the key
    // would be in the message if it were not redacted.
    const key = "0123456789abcdef0123456789abcdef";
    const r = await costwise(["sync", "--only", "datadog"], {
      DD_API_KEY: key,
      DD_HOST: `http://127.0.0.1:1/${key}`,
    });
    expect(r.code).toBe(1);
    const events = r.stderr
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.some((e) => e.level === "error" && e.event === "sync.finished")).toBe(true);
    expect(r.stderr).not.toContain(key);
    expect(r.stderr).toContain("[redacted]");
  });
});
