// The initiative form's choices come from the monthly sums: the same values the daily rows hold, none lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { seedLedgerSpend } from "@/testing/savings-seed";
import { toDemoTagSettings } from "@/testing/tag-settings";
import { getScopeOptions } from "./form-options";

describe.each(testDatabases())("initiative form choices on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await seedLedgerSpend(db);
  });
  afterAll(async () => db?.drop());

  it("offers every project and service of the daily rows, and the departments the data holds when none are allowed", async () => {
    const fromDays = async (column: string, dataset: string) =>
      (
        await db.sql.query<{ v: string }>(
          `SELECT DISTINCT ${column} AS v FROM cost_daily WHERE dataset = $1 AND ${column} <> '' ORDER BY 1`,
          [dataset],
        )
      ).map((r) => r.v);
    const settings = { ...toDemoTagSettings(), allowed: { ...toDemoTagSettings().allowed, department: [] } };
    const options = await getScopeOptions(db, settings);
    expect(options.projects).toEqual(["api", "legacy", "load-test", "recordings"]);
    expect(options.projects).toEqual(await fromDays("project", "project,service"));
    expect(options.services).toEqual(await fromDays("service", "service,account"));
    expect(options.services).toContain("CloudFront");
    expect(options.departments).toEqual(["payments", "platform", "video"]);
  });
});
