// The commitments export after a real sync (the SDK against the emulator): the web download and
// `npm run -s export -- commitments` give the same bytes; amounts are Cost Explorer's, unrounded.
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
import { syncDemoCommitments } from "@/testing/cost-explorer";

const NOW = new Date("2026-11-26T08:00:00Z");
const dir = mkdtempSync(path.join(tmpdir(), "costwise-commitments-export-"));
let db: Db;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/export.ts", "commitments", ...args],
      {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          COSTWISE_DATA_DIR: dir,
        } as unknown as NodeJS.ProcessEnv,
        timeout: 60_000,
        encoding: "utf8",
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

const web = async (query: string) => {
  const response = await GET(new Request(`http://localhost/api/export/commitments${query}`), {
    params: Promise.resolve({ report: "commitments" }),
  });
  return { status: response.status, text: await response.text(), type: response.headers.get("content-type") };
};

beforeAll(async () => {
  db = await openEmbedded({ dir, command: "commitments-export.test", serve: true });
  await db.withSession((s) => applyMigrations(s));
  await syncDemoCommitments(db, NOW);
  setProcessDb(Promise.resolve(db));
});
afterAll(async () => {
  setProcessDb(undefined);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("commitments export", () => {
  it("one CSV row per recommendation with the issue's columns; values as Cost Explorer gave them", async () => {
    const out = await web("");
    expect(out.status).toBe(200);
    const [header, ...rows] = parseCsv(out.text);
    expect(header?.slice(0, 9)).toEqual([
      "program",
      "service",
      "term",
      "payment",
      "lookback_days",
      "estimated_monthly_savings_usd",
      "upfront_usd",
      "monthly_commitment_usd",
      "break_even_months",
    ]);
    expect(rows).toHaveLength(35);
    const stored = await db.sql.query<{ monthly_savings: string; upfront: string }>(
      "SELECT monthly_savings, upfront FROM commitment_recommendation ORDER BY id",
    );
    const exported = new Set(rows.map((r) => `${r[5]}|${r[6]}`));
    for (const s of stored) expect(exported.has(`${s.monthly_savings}|${s.upfront}`)).toBe(true);
    const ri = rows.find(
      (r) => r[0] === "reserved-instances" && r[3] === "PARTIAL_UPFRONT" && r[1]?.includes("Compute"),
    );
    const detail = await db.sql.query<{ b: string; r: string }>(
      `SELECT break_even_months AS b, recurring_monthly AS r FROM commitment_recommendation
        WHERE program = 'reserved-instances' AND payment = 'PARTIAL_UPFRONT' AND term = $1 AND service LIKE '%Compute'`,
      [ri?.[2]],
    );
    expect([ri?.[7], ri?.[8]]).toEqual([detail[0]?.r, detail[0]?.b]);
  });

  it.each([["csv"], ["json"]])("the CLI prints the same %s bytes as the web download", async (format) => {
    const [fromCli, fromWeb] = await Promise.all([cli(["--format", format]), web(`?format=${format}`)]);
    expect(fromCli.stderr).not.toMatch(/^export:/m);
    expect(fromCli.code).toBe(0);
    expect(fromCli.stdout).toBe(fromWeb.text);
  });

  it("refuses an unknown format on both", async () => {
    expect((await web("?format=xml")).status).toBe(400);
    const r = await cli(["--format", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/format must be csv or json/);
  });
});
