// A person granted departments reads the overview, the tag reports and the tags export over their departments
// only: every query carries department IN (theirs), after aliases. Proven on a company with a department they
// must never see (secretdept, with amounts found nowhere else), against the unscoped reads of the same data:
// the scoped totals equal the sum of the granted departments to the cent, and no other department's dollars
// or names appear in what the pages and the CSV get.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/access/access";
import { CLI_ACCESS } from "@/lib/access/access";
import { getExport, runExport } from "@/lib/exports/registry";
import { addMoney, compareMoney } from "@/lib/money";
import { saveTagSettings } from "@/lib/settings/store";
import { NO_GRANTS } from "@/lib/roles";
import type { TagsQuery } from "@/lib/tags/tags-query";
import { testDatabases, type TestDb } from "@/testing/databases";
import { SEED_LINES, SEED_NOW, seedSpend, type SeedLine } from "@/testing/spend-seed";
import { toDemoTagSettings } from "@/testing/tag-settings";
import { getOverviewPage } from "./overview";
import { getTagsCompliance, getTagsOffenders, getTagsPage } from "./tags";

const line = (
  department: string,
  project: string,
  environment: string,
  service: string,
  account: string,
  day: string,
  amortized: string,
): SeedLine => ({ department, project, environment, service, account, day, amortized });

// The seed company plus: a department nobody in this test is granted, with amounts that appear nowhere else
// (one untagged project with an aliased environment, so it would land in the same offender rows as the granted
// departments' own), and an untagged project in payments.
const LINES: SeedLine[] = [
  ...SEED_LINES,
  line("secretdept", "blackops", "production", "EC2", "111111111111", "2026-11-02", "9876.54"),
  line("secretdept", "", "Prod", "S3", "333333333333", "2026-10-01", "4321.09"),
  line("payments", "", "production", "S3", "222222222222", "2026-11-25", "11.11"),
];
/** What must never reach the granted person: the other departments' names, projects and amounts. */
const FOREIGN = ["secretdept", "blackops", "9876.54", "4321.09", "platform", "k8s", "300.3", "50.05"];
const GRANTED = ["finance", "payments"];

const DEPARTMENT_ACCESS: Access = {
  identity: { email: "dee@corp.example", groups: ["dept-money"], via: "proxy" },
  grants: { ...NO_GRANTS, departments: GRANTED },
};
const TEAM_ACCESS: Access = {
  identity: { email: "tia@corp.example", groups: ["team-video"], via: "proxy" },
  grants: { ...NO_GRANTS, teams: ["video"] },
};
const QUERY: TagsQuery = { from: "2026-10-01", to: "2026-12-01", metric: "amortized" };

const same = (a: string | null | undefined, b: string) =>
  expect(a != null && compareMoney(a, b) === 0, `${a} = ${b}`).toBe(true);

/** The scoped answer as text, without the tag settings (the allowed lists name every department, no dollars). */
function textOf(value: object): string {
  return JSON.stringify(value, (key, v: unknown) => (key === "settings" ? undefined : v));
}

function expectNothingForeign(text: string, where: string) {
  for (const word of FOREIGN) expect(text.includes(word), `${where} shows ${word}`).toBe(false);
}

describe.each(testDatabases())("a department grant's overview and tag reports on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await seedSpend(db, LINES);
    await saveTagSettings(
      db,
      toDemoTagSettings({
        aliases: {
          department: [{ raw: "fin", value: "finance" }],
          environment: [{ raw: "Prod", value: "production" }],
        },
      }),
    );
  });
  afterAll(async () => db?.drop());

  it("sees the overview over its departments: every figure the sum of theirs, to the cent", async () => {
    const all = (await getOverviewPage(db, CLI_ACCESS, { now: SEED_NOW, metric: "amortized" }))!;
    const mine = (await getOverviewPage(db, DEPARTMENT_ACCESS, { now: SEED_NOW, metric: "amortized" }))!;
    const last = all.trend.periods.length - 1;
    const granted = all.trend.rows.filter((r) => GRANTED.includes(r.keys[0]?.value ?? ""));
    expect(granted).toHaveLength(2);
    // November: payments 70.5 + 11.11; October: fin (aliased to finance) 40 + finance 60 + payments 30.
    same(mine.thisMonth.total, addMoney(...granted.map((r) => r.amounts[last] ?? "0")));
    same(mine.thisMonth.total, "81.61");
    same(mine.lastMonth.total, addMoney(...granted.map((r) => r.amounts[last - 1] ?? "0")));
    same(mine.lastMonth.total, "130");
    // The same two days of October (Nov 2 and 25 are synced): fin 40 + payments 30, not the company's 295.2 + 4321.09.
    same(mine.thisMonth.sameDaysLastMonth, "70");
    expect(mine.trend.rows.map((r) => r.keys[0]?.value).sort()).toEqual(GRANTED);
    expect(mine.trend.billTotal).toBeNull();
    expect(mine.trend.periods.every((p) => p.billTotal === null)).toBe(true);
    same(addMoney(...mine.categories.rows.map((r) => r.total)), "81.61");
    same(mine.tagHealth.total, "81.61");
    same(mine.tagHealth.keys.project.missing, "11.11");
    // The page links only where this reader may go: not to untagged departments, not to /sync.
    expect(mine.links).toEqual({ sync: false, departmentTagHealth: false });
    expect(all.links).toEqual({ sync: true, departmentTagHealth: true });
    same(mine.tagHealth.keys.department.missing, "0");
    expect(mine.movers.departments.map((m) => m.row.keys[0]?.value).sort()).toEqual(GRANTED);
    expect(mine.movers.projects.map((m) => m.row.keys[0]?.label).sort()).toEqual(["api", "invoicing"]);
    expectNothingForeign(textOf(mine), "the overview");
    // The unscoped read does show them: the words above are a real test of the scope.
    expect(textOf(all)).toContain("secretdept");
  });

  it("sees tag compliance over its departments, the total the sum of theirs to the cent", async () => {
    const { settings, departments, canEdit } = await getTagsPage(db, DEPARTMENT_ACCESS);
    expect(departments).toEqual(GRANTED);
    // The page shows the lists and aliases without their edit controls: the save would refuse this person.
    expect(canEdit).toBe(false);
    expect((await getTagsPage(db, CLI_ACCESS)).canEdit).toBe(true);
    const all = await getTagsCompliance(db, CLI_ACCESS, QUERY, settings);
    const mine = await getTagsCompliance(db, DEPARTMENT_ACCESS, QUERY, settings);
    const granted = all.departments.filter((d) => GRANTED.includes(d.department ?? ""));
    same(mine.overall.total, addMoney(...granted.map((d) => d.total)));
    same(mine.overall.total, "211.61");
    same(addMoney(mine.overall.compliant, mine.overall.missing, mine.overall.notAllowed), mine.overall.total);
    same(addMoney(...mine.months.map((m) => m.total)), mine.overall.total);
    expect(mine.departments.map((d) => d.department).sort()).toEqual(GRANTED);
    for (const d of mine.departments) same(d.total, all.departments.find((a) => a.department === d.department)!.total);
    // The bill is everyone's spend: a scoped report does not tell it.
    expect(mine.billTotal).toBeNull();
    expectNothingForeign(textOf(mine), "tag compliance");
    expect(textOf(all)).toContain("secretdept");
  });

  it("sees only its departments' offenders, without breakdowns Cost Explorer cannot split by department", async () => {
    const { settings } = await getTagsPage(db, DEPARTMENT_ACCESS);
    const found = (await getTagsOffenders(db, DEPARTMENT_ACCESS, QUERY, settings))!;
    expect(found.departments).toEqual(GRANTED);
    expect(found.canEdit).toBe(false); // no "Alias to…" on its offenders
    const rows = found.offenders.map((o) => [o.key, o.value, o.problem, o.spend]);
    expect(rows.map(([k, v, p]) => [k, v, p])).toEqual([
      ["environment", "Prod", "not-allowed"],
      ["department", "fin", "not-allowed"],
      ["environment", "qa", "not-allowed"],
      ["project", null, "missing"],
    ]);
    const spendOf = (key: string, value: string | null) =>
      found.offenders.find((o) => o.key === key && o.value === value)?.spend;
    same(spendOf("environment", "Prod"), "60");
    same(spendOf("department", "fin"), "40");
    same(spendOf("environment", "qa"), "30");
    same(spendOf("project", null), "11.11");
    // department,service and department,account can be restricted; project,service and the like cannot.
    const fin = found.offenders.find((o) => o.key === "department")!;
    expect(fin.services).toEqual([{ service: "RDS", spend: expect.any(String) }]);
    expect(found.offenders.filter((o) => o.key !== "department").every((o) => o.services === null)).toBe(true);
    expect(found.offenders.filter((o) => o.key !== "department").every((o) => o.accounts === null)).toBe(true);
    expectNothingForeign(textOf(found), "the offenders");

    const all = (await getTagsOffenders(db, CLI_ACCESS, QUERY, settings))!;
    expect(all.offenders.some((o) => o.value === "secretdept")).toBe(true);
    expect(all.canEdit).toBe(true);
  });

  it("downloads the tags export (CSV and JSON) with its departments' offenders only", async () => {
    const def = getExport("tags");
    const csv = await runExport(
      def,
      { from: QUERY.from, to: QUERY.to },
      { db, now: SEED_NOW, access: DEPARTMENT_ACCESS },
    );
    const body = String(csv.body);
    expectNothingForeign(body, "the CSV");
    const lines = body.trim().split(/\r?\n/);
    expect(lines).toHaveLength(5); // the header and the four offenders above
    const spend = lines.slice(1).map((l) => l.split(",")[7] ?? "");
    same(addMoney(...spend), "141.11"); // 60 + 40 + 30 + 11.11
    const json = await runExport(
      def,
      { from: QUERY.from, to: QUERY.to, format: "json" },
      { db, now: SEED_NOW, access: DEPARTMENT_ACCESS },
    );
    expectNothingForeign(String(json.body), "the JSON");
    expect(JSON.parse(String(json.body)).departments).toEqual(GRANTED);
    const everyone = await runExport(
      def,
      { from: QUERY.from, to: QUERY.to },
      { db, now: SEED_NOW, access: CLI_ACCESS },
    );
    expect(String(everyone.body)).toContain("secretdept");
  });

  it("is refused to a person granted only teams, and the overview too", async () => {
    await expect(getTagsPage(db, TEAM_ACCESS)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(getOverviewPage(db, TEAM_ACCESS, { now: SEED_NOW, metric: "amortized" })).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(runExport(getExport("tags"), {}, { db, now: SEED_NOW, access: TEAM_ACCESS })).rejects.toMatchObject({
      kind: "forbidden",
    });
  });
});
