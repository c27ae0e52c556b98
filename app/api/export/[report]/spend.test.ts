// The spend export through its two doors: GET /api/export/spend and `npm run -s export -- spend`, on one
// embedded database the test serves (the CLI reaches it like any second process). Same view → same bytes.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "./route";
import { parseCsv } from "@/lib/csv";
import { openEmbedded } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { setProcessDb } from "@/lib/db/process-db";
import type { Db } from "@/lib/db/types";
import { saveTagSettings } from "@/lib/settings/store";
import { toDemoTagSettings } from "@/testing/tag-settings";
import { addMoney, fromUnits, toUnits } from "@/lib/money";
import { SEED_NOW, seedSpend } from "@/testing/spend-seed";

process.env.COSTWISE_NOW = SEED_NOW.toISOString(); // the route reads the clock through getNow()
const dataDir = mkdtempSync(path.join(tmpdir(), "costwise-spend-export-"));
let db: Db;

beforeAll(async () => {
  db = await openEmbedded({ dir: dataDir, command: "spend export test", serve: true });
  await db.withSession((s) => applyMigrations(s));
  await seedSpend(db);
  await saveTagSettings(
    db,
    toDemoTagSettings({
      aliases: { department: [{ raw: "fin", value: "finance" }], environment: [{ raw: "Prod", value: "production" }] },
    }),
  );
  setProcessDb(Promise.resolve(db));
});
afterAll(async () => {
  setProcessDb(undefined);
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function web(query: string) {
  const res = await GET(new Request(`http://localhost/api/export/spend?${query}`), {
    params: Promise.resolve({ report: "spend" }),
  });
  return {
    status: res.status,
    body: await res.text(),
    type: res.headers.get("content-type"),
    disposition: res.headers.get("content-disposition"),
  };
}

// Asynchronous on purpose: this process serves the database the CLI connects to.
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    COSTWISE_DATA_DIR: dataDir,
    COSTWISE_NOW: SEED_NOW.toISOString(),
  } as unknown as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/export.ts", "spend", ...args],
      { env, timeout: 60_000, maxBuffer: 1 << 24 },
      (err: Error | null, stdout: string, stderr: string) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const norm = (amount: string) => fromUnits(toUnits(amount));

describe("spend export", () => {
  it("writes the CSV contract's long format, whose amounts add up to the report total, byte-identical from the web and the CLI", async () => {
    const query = "by=department,environment&from=2026-09-01&to=2026-12-01&granularity=month&metric=amortized";
    const w = await web(query);
    expect(w.status).toBe(200);
    expect(w.type).toBe("text/csv; charset=utf-8");
    expect(w.disposition).toBe(
      'attachment; filename="spend-by-department-environment-2026-09-01-to-2026-12-01-amortized.csv"',
    );
    const rows = parseCsv(w.body);
    expect(rows[0]).toEqual(["period_start", "period_end", "department", "environment", "estimated", "amortized_usd"]);
    // Every line of the seed: 891.1500000001 (see spend-report.test.ts).
    expect(addMoney(...rows.slice(1).map((r) => r[5] ?? ""))).toBe("891.1500000001");
    expect(rows).toContainEqual(["2026-10-01", "2026-11-01", "(untagged)", "(untagged)", "false", "25"]);
    expect(rows.filter((r) => r[4] === "true").every((r) => r[0] === "2026-11-01")).toBe(true);
    const c = await cli([
      "--by",
      "department,environment",
      "--from",
      "2026-09-01",
      "--to",
      "2026-12-01",
      "--granularity",
      "month",
      "--metric",
      "amortized",
    ]);
    expect(c.stderr).not.toMatch(/export:/);
    expect(c.code).toBe(0);
    expect(c.stdout).toBe(w.body);
  });

  it("gives the range total per group with granularity=total, and account names next to their ids", async () => {
    const rows = parseCsv((await web("by=account&from=2026-09-01&to=2026-12-01&granularity=total")).body);
    expect(rows[0]).toEqual(["period_start", "period_end", "account_id", "account_name", "estimated", "amortized_usd"]);
    const staging = rows.find((r) => r[2] === "222222222222");
    expect(staging?.slice(0, 5)).toEqual(["2026-09-01", "2026-12-01", "222222222222", "costwise-staging", "true"]);
    expect(norm(staging?.[5] ?? "")).toBe("80.05"); // 50.05 (k8s staging) + 30 (payments qa)
  });

  it("answers JSON with the view it read", async () => {
    const w = await web("by=category&from=2026-09-01&to=2026-12-01&granularity=total&format=json");
    const body = JSON.parse(w.body);
    expect(body.dataset).toBe("department,project,environment");
    expect(norm(body.total_usd)).toBe("891.1500000001");
    expect(body.rows.map((r: { category: string }) => r.category).sort()).toEqual(["customer-serving", "rnd"]);
  });

  it.each([
    ["an unknown dimension", "by=team", /by: "team" is not a dimension/],
    ["a malformed date", "from=2026-02-30", /from must be a date as YYYY-MM-DD/],
    ["from after to", "from=2026-11-01&to=2026-10-01", /must be before to/],
    ["an unknown metric", "metric=blended", /metric must be one of amortized, unblended, net_amortized/],
    [
      "a combination the data cannot answer",
      "by=service&department=platform&project=k8s",
      /department \+ project \+ service together is not stored exactly/,
    ],
    ["an unknown option", "colour=red", /Unknown option "colour" for spend/],
  ])("answers 400 on the web and exits 2 on the CLI for %s", async (_, query, message) => {
    const w = await web(query);
    expect(w.status).toBe(400);
    expect(JSON.parse(w.body).error.message).toMatch(message);
    const args = [...new URLSearchParams(query)].flatMap(([k, v]) => [`--${k}`, v]);
    const c = await cli(args);
    expect(c.code).toBe(2);
    expect(c.stdout).toBe("");
    expect(c.stderr).toMatch(args[0] === "--colour" ? /Unknown option --colour/ : message);
  });
});
