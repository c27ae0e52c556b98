import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/csv";

// The CLI contract (README): stdout carries only output, errors go to stderr, exit 0 ok / 1 failure / 2 bad input.
const dataDir = mkdtempSync(path.join(tmpdir(), "costwise-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(script: string, args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", `scripts/${script}.ts`, ...args], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      COSTWISE_DATA_DIR: dataDir,
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe("command-line contract", () => {
  it("exports to stdout with exit 0, and says on stderr which database it opened", () => {
    const r = cli("export", ["sync-runs", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(parseCsv(r.stdout)[0]).toEqual([
      "run_id",
      "started_at",
      "finished_at",
      "status",
      "trigger",
      "sources",
      "range_start",
      "range_end",
      "requests",
      "request_cost_usd",
      "rows_written",
      "error",
    ]);
    expect(r.stderr).toContain(`Database: embedded Postgres (PGlite) at ${dataDir}`);
  });

  it("writes to --out instead of stdout", () => {
    const out = path.join(dataDir, "runs.json");
    const r = cli("export", ["sync-runs", "--format=json", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual([]);
  });

  it.each([
    ["an unknown report", ["export", ["nope"]], /Unknown report "nope"/],
    ["an unknown option", ["export", ["sync-runs", "--colour", "red"]], /Unknown option --colour/],
    ["a bad option value", ["export", ["sync-runs", "--format", "xml"]], /format must be csv or json/],
    ["no report at all", ["export", []], /Name a report/],
    [
      "a malformed date",
      ["sync", ["--from", "2026-13-01", "--to", "2026-12-01"]],
      /--from must be a date as YYYY-MM-DD/,
    ],
    ["from after to", ["sync", ["--from", "2026-11-02", "--to", "2026-11-01"]], /must be before --to/],
    ["only one end of a range", ["sync", ["--from", "2026-11-01"]], /Give both --from and --to/],
    ["an unknown source", ["sync", ["--only", "gcp"]], /--only must be aws, datadog, commitments or pricing/],
    ["no configured source", ["sync", []], /No data source is configured/],
    ["a digest option given twice", ["digest", ["--dry-run", "--dry-run"]], /--dry-run is given twice/],
  ] as const)("exits 2 on %s, with the reason on stderr and nothing on stdout", (_, [script, args], message) => {
    const r = cli(script, [...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  it("stops with exit 1 and names the variable when the configuration is malformed", () => {
    const r = cli("export", ["sync-runs"], { PORT: "eighty", DATABASE_URL: "mysql://x" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/PORT="eighty": expected a port number/);
    expect(r.stderr).toMatch(/DATABASE_URL="mysql:\/\/x": expected a postgresql:\/\/ URL/);
  });

  it("exits 1 with what to do when the database cannot be reached", () => {
    const r = cli("export", ["sync-runs"], { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Cannot reach Postgres at 127\.0\.0\.1:1\/nowhere.*unset DATABASE_URL to use the embedded database/,
    );
  });
});
