import { FULL_SCOPE } from "@/lib/access/access";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/events";
import { parseCsv } from "@/lib/csv";
import { openEmbedded } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import type { Db } from "@/lib/db/types";
import { auditExport } from "@/lib/exports/audit";

// The audit export from the web (the export registry's route) and from `npm run -s export -- audit` against an
// embedded database this test owns and serves: the same filters, the same bytes.
const dir = mkdtempSync(path.join(tmpdir(), "costwise-audit-export-"));
let db: Db;
const now = new Date();

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/export.ts", "audit", ...args],
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

const at = async (iso: string, event: Parameters<typeof recordAuditEvent>[1]) => {
  await recordAuditEvent(db, event);
  await db.sql.query("UPDATE audit_event SET at = $1 WHERE id = (SELECT max(id) FROM audit_event)", [new Date(iso)]);
};

beforeAll(async () => {
  db = await openEmbedded({ dir, command: "audit-export.test", serve: true });
  await db.withSession((s) => applyMigrations(s));
  await at("2026-12-01T08:00:00Z", { actor: "ada@example.com", action: "auth.sign-in", after: { groups: ["admins"] } });
  await at("2026-12-01T08:05:00Z", {
    actor: "ada@example.com",
    action: "settings.tags.save",
    target: "tags",
    before: { allowed: ["prod"] },
    after: { allowed: ["prod", "dev"] },
  });
  await at("2026-12-02T23:59:59Z", {
    actor: "anonymous",
    action: "auth.sign-in",
    outcome: "failed",
    target: "provider",
    detail: 'state mismatch, "quoted", with a comma',
  });
  await at("2026-12-03T00:00:00Z", { actor: "ada@example.com", action: "auth.sign-out" });
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("audit export", () => {
  it("writes every event newest first as CSV, before and after as JSON text", async () => {
    const out = await auditExport.run({}, { db, now, scope: FULL_SCOPE });
    expect(out).toMatchObject({ filename: "audit.csv", contentType: "text/csv; charset=utf-8" });
    const [header, ...rows] = parseCsv(String(out.body));
    expect(header).toEqual(["id", "at", "actor", "action", "target", "outcome", "detail", "before", "after"]);
    expect(rows.map((r) => [r[1], r[3], r[5]])).toEqual([
      ["2026-12-03T00:00:00.000Z", "auth.sign-out", "ok"],
      ["2026-12-02T23:59:59.000Z", "auth.sign-in", "failed"],
      ["2026-12-01T08:05:00.000Z", "settings.tags.save", "ok"],
      ["2026-12-01T08:00:00.000Z", "auth.sign-in", "ok"],
    ]);
    expect(rows[1]![6]).toBe('state mismatch, "quoted", with a comma');
    expect(JSON.parse(rows[2]![7]!)).toEqual({ allowed: ["prod"] });
    expect(JSON.parse(rows[2]![8]!)).toEqual({ allowed: ["prod", "dev"] });
  });

  it.each([
    [{ action: "auth" }, ["auth.sign-out", "auth.sign-in", "auth.sign-in"]],
    [{ action: "auth.sign-in", outcome: "failed" }, ["auth.sign-in"]],
    [{ actor: "ada@example.com", action: "settings" }, ["settings.tags.save"]],
    // Whole UTC days, both ends included: the 2nd reaches 23:59:59 and stops before the 3rd.
    [{ from: "2026-12-02", to: "2026-12-02" }, ["auth.sign-in"]],
    [{ from: "2026-12-02" }, ["auth.sign-out", "auth.sign-in"]],
    [{ to: "2026-12-01" }, ["settings.tags.save", "auth.sign-in"]],
    [{ limit: "1" }, ["auth.sign-out"]],
  ])("filters like the page: %o", async (options, actions) => {
    const out = await auditExport.run({ ...options, format: "json" }, { db, now, scope: FULL_SCOPE });
    const records = JSON.parse(String(out.body)) as { action: string; at: string }[];
    expect(records.map((r) => r.action)).toEqual(actions);
  });

  it.each([
    [{ outcome: "maybe" }, 'outcome="maybe": expected ok, refused or failed'],
    [{ from: "2026-13-01" }, "from="],
    [{ from: "2026-12-03", to: "2026-12-01" }, "from must be on or before to"],
    [{ limit: "0" }, "limit"],
    [{ format: "xlsx" }, "format must be csv or json"],
  ])("refuses %o, naming the option", async (options, message) => {
    await expect(auditExport.run(options, { db, now, scope: FULL_SCOPE })).rejects.toThrow(message);
  });

  it.each([["csv"], ["json"]])("prints the same %s bytes on the command line as the web download", async (format) => {
    const { setProcessDb } = await import("@/lib/db/process-db");
    const { GET } = await import("./route");
    setProcessDb(Promise.resolve(db));
    try {
      const res = await GET(new Request(`http://127.0.0.1/api/export/audit?action=auth&format=${format}`), {
        params: Promise.resolve({ report: "audit" }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="audit.${format}"`);
      const web = await res.text();
      const r = await cli(["--action", "auth", "--format", format]);
      expect(r.stderr).not.toMatch(/^export:/m);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(web);
      expect(web).toContain("auth.sign-out");
      expect(web).not.toContain("settings.tags.save");
    } finally {
      setProcessDb(undefined);
    }
  });

  it("exits 2 on the command line with the problem named", async () => {
    const r = await cli(["--outcome", "maybe"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected ok, refused or failed");
  });
});
