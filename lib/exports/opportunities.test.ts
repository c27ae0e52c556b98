// `npm run -s export -- opportunities` against an embedded database this test owns and serves, filled by a real
// sync from the emulator: the same bytes as the web download (both run opportunitiesExport), one row per
// opportunity, full precision, and a clear refusal (exit 2) for bad options.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { FULL_SCOPE, type Access } from "@/lib/access/access";
import { parseCsv } from "@/lib/csv";
import { NO_GRANTS } from "@/lib/roles";
import { openEmbedded } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import type { Db } from "@/lib/db/types";
import { runSync } from "@/lib/sync/run-sync";
import { createTestSource } from "@/testing/cost-explorer";
import { OPPORTUNITY_COLUMNS, opportunitiesExport } from "./opportunities";
import { runExport } from "./registry";

const NOW = new Date("2026-11-26T08:00:00Z");
const dir = mkdtempSync(path.join(tmpdir(), "costwise-opportunities-cli-"));
let db: Db;
let emulator: CostExplorerEmulator;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/export.ts", "opportunities", ...args],
      {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          COSTWISE_DATA_DIR: dir,
          COSTWISE_NOW: NOW.toISOString(),
        } as unknown as NodeJS.ProcessEnv,
        timeout: 60_000,
        encoding: "utf8",
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: NOW });
  db = await openEmbedded({ dir, command: "opportunities.test", serve: true });
  await db.withSession((s) => applyMigrations(s));
  const result = await runSync({
    db,
    now: NOW,
    range: { from: "2026-10-01", to: "2026-11-01" },
    sources: [createTestSource(emulator)],
  });
  expect(result.status).toBe("succeeded");
});
afterAll(async () => {
  await db.close();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run -s export -- opportunities", () => {
  it("prints the same CSV bytes the web download serves: one row per opportunity, full precision", async () => {
    const r = await cli([]);
    expect(r.stderr).not.toMatch(/^export:/m);
    expect(r.code).toBe(0);
    const web = await opportunitiesExport.run({}, { db, now: NOW, scope: FULL_SCOPE });
    expect(web.filename).toBe("opportunities-2026-10.csv");
    expect(r.stdout).toBe(web.body);
    const [header, ...rows] = parseCsv(String(web.body));
    expect(header).toEqual([...OPPORTUNITY_COLUMNS]);
    const at = (row: string[] | undefined, column: string) => row?.[header?.indexOf(column) ?? -1];
    const dataLake = rows.find((row) => at(row, "project") === "data-lake" && at(row, "kind") === "s3-glacier-ir");
    expect(at(dataLake, "department")).toBe("data");
    expect(at(dataLake, "month")).toBe("2026-10");
    expect(at(dataLake, "read_share")).toBe("0.1");
    // Full precision: more decimals than cents, no thousands separators.
    expect(at(dataLake, "savings_usd")).toMatch(/^\d+\.\d{3,12}$/);
    expect(Number(at(dataLake, "current_usd")) - Number(at(dataLake, "projected_usd"))).toBeCloseTo(
      Number(at(dataLake, "savings_usd")),
      9,
    );
    const ledger = rows.find((row) => at(row, "project") === "ledger" && at(row, "kind") === "rds-backup-retention");
    expect([at(ledger, "retention_days_now"), at(ledger, "retention_days_target"), at(ledger, "read_share")]).toEqual([
      "30",
      "7",
      "",
    ]);
    expect(Number(at(ledger, "projected_usd"))).toBeCloseTo((Number(at(ledger, "current_usd")) * 7) / 30, 9);
  });

  it("filters by kind and department, and prints JSON with the same rows", async () => {
    const r = await cli(["--kind", "rds-backup-retention", "--department", "payments", "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { month: string; rows: { kind: string; department: string }[] };
    expect(json.month).toBe("2026-10");
    expect(json.rows.length).toBeGreaterThan(0);
    expect(new Set(json.rows.map((row) => `${row.kind} ${row.department}`))).toEqual(
      new Set(["rds-backup-retention payments"]),
    );
  });

  it.each([
    ["an unknown kind", ["--kind", "ebs"], /kind="ebs": s3-glacier-ir or rds-backup-retention/],
    ["a bad month", ["--month", "2026-13"], /a month as YYYY-MM/],
    ["an unknown option", ["--months", "2026-10"], /Unknown option/],
  ])("exits 2 on %s, with the reason on stderr and nothing on stdout", async (_, args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });
});

describe("the opportunities export for a department grant", () => {
  const dataTeam: Access = {
    identity: { email: "dee@corp.io", groups: ["data-eng"], via: "proxy" },
    grants: { ...NO_GRANTS, departments: ["data"] },
  };

  it("holds that department's projects only, and refuses another department by name", async () => {
    const scoped = await runExport(opportunitiesExport, {}, { db, now: NOW, access: dataTeam });
    const [header, ...rows] = parseCsv(String(scoped.body));
    const departments = new Set(rows.map((row) => row[header!.indexOf("department")]));
    expect(rows.length).toBeGreaterThan(0);
    expect([...departments]).toEqual(["data"]);
    const everyone = parseCsv(String((await opportunitiesExport.run({}, { db, now: NOW, scope: FULL_SCOPE })).body));
    expect(everyone.length - 1).toBeGreaterThan(rows.length);
    await expect(
      runExport(opportunitiesExport, { department: "payments" }, { db, now: NOW, access: dataTeam }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });
});
