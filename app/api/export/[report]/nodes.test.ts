// The nodes export on stored Kubernetes usage: the web download and `npm run -s export -- nodes` give the same
// bytes, and each cluster's current node type comes first with its candidates after it.
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
import { saveRightsizingSettings } from "@/lib/settings/store";
import { insertContainers } from "@/testing/rightsizing-seed";
import { TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";

const dir = mkdtempSync(path.join(tmpdir(), "costwise-nodes-export-"));
let db: Db;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/export.ts", "nodes", ...args],
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
  const response = await GET(new Request(`http://localhost/api/export/nodes${query}`), {
    params: Promise.resolve({ report: "nodes" }),
  });
  return { status: response.status, text: await response.text() };
};

beforeAll(async () => {
  db = await openEmbedded({ dir, command: "nodes-export.test", serve: true });
  await db.withSession((s) => applyMigrations(s));
  await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
  await insertContainers(db.sql, TEST_TEAMS);
  setProcessDb(Promise.resolve(db));
});
afterAll(async () => {
  setProcessDb(undefined);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("nodes export", () => {
  it("prints the same CSV bytes from the command line as the web download, current type first per cluster", async () => {
    const out = await web("?overhead=20");
    expect(out.status).toBe(200);
    const [header, ...rows] = parseCsv(out.text);
    expect(header?.slice(0, 3)).toEqual(["cluster", "instance_type", "is_current"]);
    expect(rows.length).toBeGreaterThan(1);
    const clusters = [...new Set(rows.map((r) => r[0]))];
    for (const cluster of clusters) expect(rows.find((r) => r[0] === cluster)?.[2]).toBe("true");
    const printed = await cli(["--overhead", "20"]);
    expect(printed.stderr).not.toMatch(/^export:/m);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(out.text);
  });

  it("refuses a bad option with the reason, from the web (400) and the command line (exit 2)", async () => {
    expect((await web("?overhead=-5")).status).toBe(400);
    const printed = await cli(["--overhead", "-5"]);
    expect(printed.code).toBe(2);
    expect(printed.stdout).toBe("");
    expect(printed.stderr).toMatch(/overhead/);
  });
});
