// Account names, tag values, team names and error texts come from other people. Through every export, a hostile
// value stays data: no spreadsheet formula in a CSV text cell (amounts stay plain numbers), no extra Markdown
// row, no YAML or shell line of its own, no character that makes the .pptx unreadable, valid JSON and Terraform.
import JSZip from "jszip";
import { parseAllDocuments } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL_SCOPE } from "@/lib/access/access";
import { parseCsv } from "@/lib/csv";
import { saveRightsizingSettings, saveTagSettings } from "@/lib/settings/store";
import { makeUsage } from "@/testing/container-usage";
import { testDatabases, type TestDb } from "@/testing/databases";
import { insertContainers } from "@/testing/rightsizing-seed";
import { TEST_PRICING_SETTINGS } from "@/testing/rightsizing-teams";
import { SEED_LINES, SEED_NOW, seedSpend } from "@/testing/spend-seed";
import { toDemoTagSettings } from "@/testing/tag-settings";
import { RIGHTSIZING_CSV_NUMBER_COLUMNS } from "@/lib/rightsizing";
import { EXPORTS } from "./registry";

const FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1"];
const FORMULA_START = /^[=+\-@\t\r]/;
const BREAKS = "a|b\nkind: Secret\r# c\u0085d\u2028e\u2029f";

describe.each(testDatabases().slice(0, 1))("hostile values through every export on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    const [base] = SEED_LINES;
    await seedSpend(db, [
      ...SEED_LINES,
      ...FORMULAS.map((department, i) => ({
        ...base!,
        department,
        project: `${BREAKS}\u0007${i}`,
        amortized: "-1234.5",
      })),
    ]);
    await db.sql.query("UPDATE cost_account SET name = $1", ["=cmd|' /C calc'!A0"]);
    await db.sql.query(
      "INSERT INTO sync_run (status, trigger, sources, error, finished_at) VALUES ('failed', '+cli', '{aws}', $1, now())",
      ['=HYPERLINK("http://evil")\naws: AccessDenied for arn:aws:iam::111111111111:user/x'],
    );
    await saveTagSettings(db, toDemoTagSettings());
    await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    await insertContainers(db.sql, [
      makeUsage({ workload: `api-${BREAKS}`, container: "=1+2", teamTag: `@team\r\nkind: Secret`, envTag: "-dev" }),
      makeUsage({ workload: "ok", container: "app", namespace: `ns\u2028x` }),
    ]);
  });
  afterAll(() => db?.drop());

  const run = (name: string, options: Record<string, string> = {}) =>
    EXPORTS.find((e) => e.name === name)!.run(options, { db, now: SEED_NOW, scope: FULL_SCOPE });

  function expectSafeCsv(body: string, numberColumns: string[]) {
    const [header, ...rows] = parseCsv(body);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      row.forEach((cell, i) => {
        if (numberColumns.includes(header![i]!)) expect(cell).toMatch(/^(-?\d+(\.\d+)?)?$/);
        else expect(cell, `${header![i]}: ${JSON.stringify(cell)}`).not.toMatch(FORMULA_START);
      });
    }
    return { header: header!, rows };
  }

  it("spend CSV: text cells escaped with a leading ', amounts plain negative numbers", async () => {
    for (const by of ["department", "project", "account", "department,service"]) {
      const out = await run("spend", { by, from: "2026-09-01", to: "2026-12-01", granularity: "month" });
      const { header, rows } = expectSafeCsv(String(out.body), [header0(out.body)]);
      const amount = header.length - 1;
      if (by === "department") {
        expect(rows.map((r) => r[1 + 1])).toContain(`'${FORMULAS[0]}`);
        expect(rows.map((r) => r[amount])).toContain("-1234.5");
      }
    }
  });

  it("tag offenders CSV, sync runs CSV and rightsizing CSV: no formula in a text cell", async () => {
    expectSafeCsv(String((await run("tags", { from: "2026-09-01", to: "2026-12-01" })).body), ["spend_usd"]);
    const runs = expectSafeCsv(String((await run("sync-runs")).body), [
      "run_id",
      "requests",
      "request_cost_usd",
      "rows_written",
    ]);
    expect(runs.rows[0]![runs.header.indexOf("trigger")]).toBe("'+cli");
    // AWS error texts (account ids, principal ARNs) stay on /sync, out of a file that travels.
    expect(runs.rows[0]![runs.header.indexOf("error")]).toMatch(/^failed: the error is on \/sync \(run #\d+\)$/);
    expectSafeCsv(String((await run("rightsizing")).body), [...RIGHTSIZING_CSV_NUMBER_COLUMNS]);
  });

  it("rightsizing Markdown: one table row per container, pipes escaped", async () => {
    const md = String((await run("rightsizing", { format: "md" })).body);
    const tableLines = md.split("\n").filter((l) => l.startsWith("|"));
    expect(tableLines).toHaveLength(2 + 2); // header, separator, two containers
    expect(md).not.toMatch(/[\r\u0085\u2028\u2029]/);
    expect(md).toContain("a\\|b");
  });

  it("rightsizing YAML and kubectl: names never start a line of their own", async () => {
    const yaml = String((await run("rightsizing", { format: "yaml" })).body);
    expect(yaml).not.toMatch(/[\r\u0085\u2028\u2029]/);
    const docs = parseAllDocuments(yaml);
    expect(docs.flatMap((d) => d.errors)).toEqual([]);
    expect(docs.map((d) => d.get("kind"))).not.toContain("Secret");
    const sh = String((await run("rightsizing", { format: "kubectl" })).body);
    // A line break inside a single-quoted argument is part of the argument; outside quotes each line is a
    // comment or a command.
    const unquoted = sh.replace(/'(?:[^']|'\\'')*'/g, "ARG");
    for (const line of unquoted.split("\n").filter(Boolean)) expect(line).toMatch(/^(# |kubectl )/);
    expect(unquoted).not.toMatch(/[\r\u0085\u2028\u2029]/);
  });

  it("slides: the .pptx holds no character XML forbids", async () => {
    const out = await run("slides");
    const zip = await JSZip.loadAsync(out.body as Uint8Array);
    const parts = Object.keys(zip.files).filter((n) => n.endsWith(".xml"));
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) {
      expect(await zip.file(part)!.async("string"), part).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
  });

  it("tag policy JSON and Terraform keep formula-like allowed values as plain strings", async () => {
    const settings = toDemoTagSettings();
    await saveTagSettings(db, { ...settings, allowed: { ...settings.allowed, department: ["=1+2", "@a", "-x"] } });
    const json = JSON.stringify(JSON.parse(String((await run("tag-policy")).body)));
    expect(json).toContain('"=1+2"');
    const tf = String((await run("tag-policy", { format: "terraform" })).body);
    expect(tf).toContain('["=1+2", "@a", "-x"]');
  });
});

function header0(body: unknown): string {
  return parseCsv(String(body))[0]!.at(-1)!;
}
