// The spend report against the hand-made company of testing/spend-seed.ts, on the embedded database and on a real
// Postgres (TEST_DATABASE_URL). Expected amounts are worked out by hand from SEED_LINES in the comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { saveTagSettings } from "@/lib/settings/store";
import { toDemoTagSettings } from "@/testing/tag-settings";
import { addMoney, fromUnits, toUnits } from "@/lib/money";
import { getSpendReport, type SpendReport } from "./spend-report";
import { SEED_NOW, SEED_RANGE, seedSpend } from "@/testing/spend-seed";
import { parseSpendView, toDefaultSpendView, type SpendView } from "./view";

const now = SEED_NOW;
const view = (overrides: Partial<SpendView> = {}): SpendView => ({
  ...toDefaultSpendView(now),
  ...SEED_RANGE,
  ...overrides,
});
const WITHOUT_FIN_ALIAS = toDemoTagSettings(); // Prod → production only
const WITH_FIN_ALIAS = toDemoTagSettings({
  aliases: { department: [{ raw: "fin", value: "finance" }], environment: [{ raw: "Prod", value: "production" }] },
});

// platform 100.10+200.20+300.30+50.05+10.0000000001+20; finance 40 (fin) + 60; payments 30+70.5; untagged 25−15.
const GRAND_TOTAL = "891.1500000001";
const norm = (amount: string | null | undefined) => (amount == null ? amount : fromUnits(toUnits(amount)));

describe.each(testDatabases())("spend report on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await seedSpend(db);
    await saveTagSettings(db, WITH_FIN_ALIAS);
  });
  afterAll(async () => db?.drop());

  const report = async (v: SpendView) => {
    const r = await getSpendReport(db, v, { now });
    if (r.kind !== "report") throw new Error(`expected a report, got: ${r.message}`);
    return r;
  };
  // Postgres keeps the scale of the summed values ("600.60"): compare amounts as numbers, exactly.
  const totalsBy = (r: SpendReport) =>
    Object.fromEntries(r.rows.map((row) => [row.keys.map((k) => k.label).join(" · "), norm(row.total)]));
  const sumRows = (r: SpendReport) => addMoney(...r.rows.map((row) => row.total));

  it("groups departments, keeps untagged apart, and adds up to the grand total and to Cost Explorer's total to the cent", async () => {
    const r = await report(view());
    expect(r.dataset.name).toBe("department,project,environment");
    expect(totalsBy(r)).toEqual({ platform: "680.6500000001", finance: "100", payments: "100.5", "(untagged)": "10" });
    expect(norm(r.total)).toBe(GRAND_TOTAL);
    expect(sumRows(r)).toBe(GRAND_TOTAL);
    expect(norm(r.billTotal)).toBe(GRAND_TOTAL);
    // Sep 100.10+10.0000000001; Oct 200.20+50.05+40+60+30+25; Nov 300.30+20−15+70.5
    expect(r.periodTotals.map(norm)).toEqual(["110.1000000001", "405.25", "375.8"]);
    expect(r.periods.map((p) => norm(p.billTotal))).toEqual(r.periodTotals.map(norm));
  });

  it("adds two-dimension groups up to the same total", async () => {
    const r = await report(view({ by: ["department", "environment"] }));
    expect(sumRows(r)).toBe(GRAND_TOTAL);
    expect(totalsBy(r)["finance · production"]).toBe("100"); // fin/production 40 + finance/Prod 60, both aliased
  });

  it("drills department → projects → environments with rows that add up to their parent", async () => {
    const departments = totalsBy(await report(view()));
    const projects = await report(view({ by: ["project"], filters: { department: "platform" } }));
    expect(totalsBy(projects)).toEqual({ k8s: "650.65", ci: "30.0000000001" });
    expect(projects.total).toBe(departments.platform);
    const environments = await report(
      view({ by: ["environment"], filters: { department: "platform", project: "k8s" } }),
    );
    expect(totalsBy(environments)).toEqual({ production: "600.6", staging: "50.05" });
    expect(environments.total).toBe(totalsBy(projects).k8s);
  });

  it("splits customer-serving and R&D so that they add up to the total", async () => {
    const r = await report(view({ by: ["category"] }));
    // production 600.60 + 40 + Prod 60 + 70.5; R&D: staging 50.05, shared 30.0000000001, qa 30, untagged 10
    expect(totalsBy(r)).toEqual({ "Customer-serving": "771.1", "R&D": "120.0500000001" });
    expect(sumRows(r)).toBe(GRAND_TOTAL);
  });

  it("regroups spend when an alias is added, without touching the stored data", async () => {
    await saveTagSettings(db, WITHOUT_FIN_ALIAS);
    const before = await report(view());
    expect(totalsBy(before)).toMatchObject({ finance: "60", fin: "40" });
    expect(before.rows.find((row) => row.keys[0]?.value === "fin")?.keys[0]?.status).toBe("not-allowed");
    await saveTagSettings(db, WITH_FIN_ALIAS);
    const after = await report(view());
    const finance = after.rows.find((row) => row.keys[0]?.value === "finance");
    expect(norm(finance?.total)).toBe("100");
    expect(norm(finance?.aliasedAmount)).toBe("40");
    expect(finance?.aliasedFrom.department).toEqual(["fin"]);
    expect(after.total).toBe(before.total);
  });

  it("filters on values after aliases, on untagged spend and on values outside the allowed lists", async () => {
    const production = await report(view({ filters: { environment: "production" } }));
    expect(totalsBy(production)).toEqual({ platform: "600.6", finance: "100", payments: "70.5" });
    expect(norm(production.aliasedAmount)).toBe("100"); // fin 40 and Prod 60 both moved by an alias
    const untagged = await report(view({ by: ["service"], filters: { department: "(untagged)" } }));
    expect(untagged.dataset.name).toBe("department,service");
    expect(totalsBy(untagged)).toEqual({ Tax: "25", EC2: "-15" });
    const notAllowed = await report(view({ by: ["environment"], filters: { environment: "(not allowed)" } }));
    expect(totalsBy(notAllowed)).toEqual({ production: "60", qa: "30" });
  });

  it("marks Estimated periods and periods that were never synced", async () => {
    const r = await report(view({ from: "2026-08-01" }));
    expect(r.periods.map((p) => [p.start, p.daysWithData, p.estimated])).toEqual([
      ["2026-08-01", 0, false],
      ["2026-09-01", 1, false],
      ["2026-10-01", 2, false],
      ["2026-11-01", 2, true],
    ]);
  });

  it("compares the last complete period with the one before", async () => {
    const r = await report(view());
    expect(r.change).toEqual({ previous: 0, current: 1 }); // November is not over on Nov 26
    const platform = r.rows.find((row) => row.keys[0]?.value === "platform");
    expect(norm(platform?.change?.amount)).toBe("140.1499999999"); // Oct 250.25 − Sep 110.1000000001
  });

  it("switches the metric", async () => {
    const unblended = await report(view({ metric: "unblended" }));
    expect(norm(unblended.total)).toBe(addMoney(GRAND_TOTAL, "12")); // 12 line-days, each unblended = amortized + 1
    expect(unblended.billTotal).toBe(unblended.total);
    const net = await report(view({ metric: "net_amortized" }));
    expect(norm(net.total)).toBe(addMoney(GRAND_TOTAL, "-6"));
  });

  it("answers service and account views from the datasets that hold them", async () => {
    const ec2 = await report(view({ filters: { service: "EC2" } }));
    expect(ec2.dataset.name).toBe("department,service");
    expect(totalsBy(ec2)).toEqual({ platform: "680.6500000001", "(untagged)": "-15" });
    const accounts = await report(view({ by: ["account"] }));
    expect(accounts.dataset.name).toBe("department,account");
    expect(totalsBy(accounts)["costwise-staging (222222222222)"]).toBe("80.05");
    expect(sumRows(accounts)).toBe(GRAND_TOTAL);
  });

  it("says so instead of guessing when no dataset holds the combination", async () => {
    const r = await getSpendReport(db, view({ by: ["service"], filters: { department: "platform", project: "k8s" } }), {
      now,
    });
    expect(r.kind).toBe("not-exact");
    if (r.kind !== "not-exact") return;
    expect(r.message).toMatch(/department \+ project \+ service together is not stored exactly/);
    expect(r.alternatives.map((a) => a.label)).toEqual([
      "Without the department filter (platform)",
      "Without the project filter (k8s)",
    ]);
  });

  it("refuses a view with more cells or periods than a page shows, saying how to narrow it (a 400)", async () => {
    const view = parseSpendView(
      { by: "department,service", from: "2026-09-01", to: "2026-12-01", granularity: "day" },
      SEED_NOW,
    );
    await expect(getSpendReport(db, view, { now: SEED_NOW, maxCells: 5 })).rejects.toMatchObject({
      kind: "bad-input",
      message: expect.stringMatching(
        /^This view has more than 5 cells \(groups × days\).*Narrow it: a shorter range \(from\/to\), granularity=month/,
      ),
    });
    const tenYears = parseSpendView(
      { by: "service,account", from: "2016-01-01", to: "2026-01-01", granularity: "day" },
      SEED_NOW,
    );
    await expect(getSpendReport(db, tenYears, { now: SEED_NOW })).rejects.toMatchObject({
      kind: "bad-input",
      message: expect.stringMatching(/^This view has 3,653 day periods; at most 400 are shown\. Narrow it/),
    });
    expect((await getSpendReport(db, view, { now: SEED_NOW })).kind).toBe("report");
  });
});
