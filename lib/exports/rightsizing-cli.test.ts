import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL_SCOPE } from "@/lib/access/access";
import { openEmbedded } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import type { Db } from "@/lib/db/types";
import { insertContainers } from "@/testing/rightsizing-seed";
import { TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { saveRightsizingSettings } from "@/lib/settings/store";
import { rightsizingExport } from "./rightsizing";

// `npm run -s export -- rightsizing …` against an embedded database this test owns and serves (the CLI
// reaches it through this process, as it reaches a running server's): same bytes as the web, exit 2 on bad input.
const dir = mkdtempSync(path.join(tmpdir(), "costwise-rightsizing-cli-"));
let db: Db;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/export.ts", "rightsizing", ...args],
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

beforeAll(async () => {
  db = await openEmbedded({ dir, command: "rightsizing-cli.test", serve: true });
  await db.withSession((s) => applyMigrations(s));
  await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
  await insertContainers(db.sql, TEST_TEAMS);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run -s export -- rightsizing", () => {
  it.each([["yaml"], ["kubectl"], ["md"]])("prints the same %s bytes the web download serves", async (format) => {
    const r = await cli(["--team", "payments", "--cluster", "prod-us-east-1", "--format", format]);
    expect(r.stderr).not.toMatch(/^export:/m);
    expect(r.code).toBe(0);
    const web = await rightsizingExport.run(
      { team: "payments", cluster: "prod-us-east-1", format },
      { db, now: new Date(), scope: FULL_SCOPE },
    );
    expect(r.stdout).toBe(web.body);
  });

  it.each([
    ["an unknown format", ["--format", "xml"], /format="xml": expected csv, json, md, yaml, kubectl/],
    ["an unknown team", ["--team", "nobody"], /No team "nobody" in the synced data\. Teams: payments, video/],
    ["an unknown cluster", ["--cluster", "prod-eu"], /No cluster "prod-eu"/],
    ["an unknown option", ["--teams", "video"], /Unknown option/],
  ])("exits 2 on %s, with the reason on stderr and nothing on stdout", async (_, args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });
});
