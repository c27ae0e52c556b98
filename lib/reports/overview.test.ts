// The overview's figures on the hand-made company of testing/spend-seed.ts (clock: Nov 26, 2026), worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { saveTagSettings } from "@/lib/settings/store";
import { toDemoTagSettings } from "@/testing/tag-settings";
import { fromUnits, toUnits } from "@/lib/money";
import { getOverview } from "./overview";
import { SEED_NOW, seedSpend } from "@/testing/spend-seed";

const norm = (amount: string | null | undefined) => (amount == null ? amount : fromUnits(toUnits(amount)));

describe.each(testDatabases())("overview on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await seedSpend(db);
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

  it("gives this month so far against the same days of last month, and last month against the month before", async () => {
    const o = await getOverview(db, { now: SEED_NOW, metric: "amortized" });
    expect(o.hasData).toBe(true);
    expect(o.dataThrough).toEqual({ day: "2026-11-25", estimated: true });
    // November: 300.30 + 20 − 15 + 70.5, on 2 synced days; October's first 2 days: 200.20 + 40 + 30 + 25.
    expect([norm(o.thisMonth.total), o.thisMonth.daysWithData, o.thisMonth.estimated]).toEqual(["375.8", 2, true]);
    expect(norm(o.thisMonth.sameDaysLastMonth)).toBe("295.2");
    // October 405.25 against September 110.1000000001.
    expect(norm(o.lastMonth.total)).toBe("405.25");
    expect(norm(o.lastMonth.change?.amount)).toBe("295.1499999999");
    expect(o.trend.periods).toHaveLength(13);
  });

  it("splits this month into customer-serving and R&D, and counts untagged spend", async () => {
    const o = await getOverview(db, { now: SEED_NOW, metric: "amortized" });
    const byCategory = Object.fromEntries(o.categories.rows.map((r) => [r.keys[0]?.value, norm(r.total)]));
    expect(byCategory).toEqual({ "customer-serving": "370.8", rnd: "5" }); // R&D: ci/shared 20, untagged −15
    expect(norm(o.tagHealth.total)).toBe("375.8");
    expect(norm(o.tagHealth.anyMissing)).toBe("-15");
    expect(norm(o.tagHealth.keys.department.missing)).toBe("-15");
    expect(norm(o.tagHealth.anyNotAllowed)).toBe("0"); // fin, Prod and qa were all in October
  });

  it("lists the departments and projects that moved most between the last two full months, rises first", async () => {
    const o = await getOverview(db, { now: SEED_NOW, metric: "amortized" });
    const moves = (list: typeof o.movers.departments) =>
      list.map((m) => [m.row.keys[0]?.label, norm(m.row.change?.amount), norm(m.amount)]);
    expect(moves(o.movers.departments)).toEqual([
      ["platform", "140.1499999999", "250.25"],
      ["finance", "100", "100"],
      ["payments", "30", "30"],
      ["(untagged)", "25", "25"],
    ]);
    expect(moves(o.movers.projects)).toEqual([
      ["k8s", "150.15", "250.25"],
      ["invoicing", "100", "100"],
      ["api", "30", "30"],
      ["(untagged)", "25", "25"],
      ["ci", "-10.0000000001", "0"],
    ]);
    expect(o.movers.departments[0]?.view).toMatchObject({
      by: ["project"],
      from: "2026-09-01",
      to: "2026-11-01",
      filters: { department: "platform" },
    });
  });
});
