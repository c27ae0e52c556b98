// The compliance report against real databases: the dollar split adds up (overall, per department, per
// month, per tag) to the bill to the cent, and an alias regroups spend without leaving "not allowed".
// Expected amounts are added up by hand from the rows in testing/tag-cost-rows.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { addMoney, compareMoney } from "@/lib/money";
import { getTagSettings, saveTagSettings } from "@/lib/settings/store";
import { getComplianceReport, type ComplianceReport } from "./compliance-report";
import type { ComplianceSplit } from "./compliance-sql";
import { updateTagSettings } from "./tag-settings-edit";
import type { TagsQuery } from "./tags-query";
import { insertTaggedRows } from "@/testing/tag-cost-rows";
import { toDemoTagSettings } from "@/testing/tag-settings";

const QUERY: TagsQuery = { from: "2026-10-01", to: "2026-12-01", metric: "amortized" };

/** Compares money as numbers of the same value ("7.250" = "7.25"), exactly. */
function expectAmount(actual: string | undefined, expected: string) {
  expect(actual !== undefined && compareMoney(actual, expected) === 0, `${actual} = ${expected}`).toBe(true);
}

function expectAddsUp(split: ComplianceSplit) {
  expectAmount(addMoney(split.compliant, split.missing, split.notAllowed), split.total);
}

const byDepartment = (report: ComplianceReport, department: string | null) =>
  report.departments.find((d) => d.department === department);

describe.each(testDatabases())("compliance report on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await insertTaggedRows(db);
    await saveTagSettings(db, toDemoTagSettings());
  });
  afterAll(async () => db?.drop());

  it("splits the range's spend into compliant, missing and not allowed, equal to the bill to the cent", async () => {
    const report = await getComplianceReport(db, QUERY, await getTagSettings(db));
    // Rows 1–8 (row 9 is in September): compliant 1+8, missing 4+5+7, not allowed 2+3+6, of which 3 only through an alias.
    expectAmount(report.overall.compliant, "150.0000000001");
    expectAmount(report.overall.missing, "15.5833333333");
    expectAmount(report.overall.notAllowed, "61.215");
    expectAmount(report.overall.aliased, "30.005");
    expectAmount(report.overall.total, "226.7983333334");
    expectAmount(report.billTotal ?? undefined, report.overall.total);
    expectAddsUp(report.overall);
    expect([report.dayCount, report.firstDay, report.lastDay]).toEqual([4, "2026-10-05", "2026-11-03"]);
  });

  it("adds up per department, each department's split adding up too", async () => {
    const report = await getComplianceReport(db, QUERY, await getTagSettings(db));
    for (const d of report.departments) expectAddsUp(d);
    expectAmount(addMoney(...report.departments.map((d) => d.total)), report.overall.total);
    // Not allowed and untagged departments are groups of their own, as in every report.
    expect(report.departments.map((d) => [d.department, d.departmentStatus])).toEqual([
      ["platform", "allowed"],
      ["payments", "allowed"],
      ["Platform", "not-allowed"],
      ["fin", "not-allowed"],
      [null, "missing"],
      ["video", "allowed"],
      ["finance", "allowed"],
    ]);
    expectAmount(byDepartment(report, "payments")?.notAllowed, "30.005"); // Prod: aliased, still not allowed
    expectAmount(byDepartment(report, "payments")?.compliant, "50");
    expectAmount(byDepartment(report, "video")?.missing, "5"); // project blank
  });

  it("adds up per month", async () => {
    const report = await getComplianceReport(db, QUERY, await getTagSettings(db));
    expect(report.months.map((m) => m.month)).toEqual(["2026-10", "2026-11"]);
    for (const m of report.months) expectAddsUp(m);
    expectAmount(report.months[0]?.total, "157.3550000001");
    expectAmount(report.months[1]?.total, "69.4433333333");
  });

  it("breaks each tag down on its own, each adding up to the total", async () => {
    const report = await getComplianceReport(db, QUERY, await getTagSettings(db));
    const [department, project, environment] = report.tags;
    for (const t of report.tags)
      expectAmount(addMoney(t.allowed, t.aliased, t.notAllowed, t.missing), report.overall.total);
    expectAmount(department?.notAllowed, "31.21"); // Platform + fin
    expectAmount(department?.missing, "7.25");
    expectAmount(project?.missing, "12.25"); // "" and " "
    expectAmount(project?.notAllowed, "0"); // free text
    expectAmount(environment?.aliased, "30.005"); // Prod
    expectAmount(environment?.notAllowed, "5"); // "Production "
    expectAmount(environment?.missing, "3.3333333333");
  });

  it("reads the chosen metric", async () => {
    const report = await getComplianceReport(db, { ...QUERY, metric: "unblended" }, await getTagSettings(db));
    expectAmount(report.overall.total, "453.5966666668"); // unblended is twice amortized on every test row
    expectAmount(report.billTotal ?? undefined, report.overall.total);
  });

  it("an alias regroups a department's spend in reports but keeps it not allowed in compliance", async () => {
    const before = await getComplianceReport(db, QUERY, await getTagSettings(db));
    const result = await updateTagSettings(db, {
      op: "add-alias",
      key: "department",
      raw: "Platform",
      value: "platform",
    });
    expect(result).toMatchObject({ ok: true });
    const after = await getComplianceReport(db, QUERY, await getTagSettings(db));

    expect(byDepartment(after, "Platform")).toBeUndefined();
    const platform = byDepartment(after, "platform");
    expectAmount(
      platform?.total,
      addMoney(byDepartment(before, "platform")!.total, byDepartment(before, "Platform")!.total),
    );
    expectAmount(platform?.regroupedSpend, "20.10");
    expect(platform?.regroupedFrom).toEqual(["Platform"]);
    expectAmount(platform?.notAllowed, "20.10");

    expect(after.overall).toEqual(
      expect.objectContaining({ notAllowed: before.overall.notAllowed, total: before.overall.total }),
    );
    expectAmount(after.overall.aliased, "50.105"); // Prod + Platform
    expectAmount(after.tags[0]?.aliased, "20.10");
    expectAmount(addMoney(...after.departments.map((d) => d.total)), after.overall.total);
  });
});
