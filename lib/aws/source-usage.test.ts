// The usage-type combinations of the Cost Explorer sync (S3 and RDS by usage type × project and × department):
// the real SDK client against the emulator, into the embedded database and Postgres (TEST_DATABASE_URL).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { generateSpend } from "@/emulators/demo/spend";
import { testDatabases, type TestDb } from "@/testing/databases";
import { runSync } from "@/lib/sync/run-sync";
import { clearCostTables, countStagedRows, createTestSource, snapshotCostTables } from "@/testing/cost-explorer";

const NOW = new Date("2026-11-26T08:00:00Z");
const RANGE = { from: "2026-10-29", to: "2026-11-03" };
const spend = generateSpend({ now: NOW });
let emulator: CostExplorerEmulator;

beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: NOW, spend });
});
afterAll(() => emulator.close());

describe.each(testDatabases())("usage types in the Cost Explorer sync on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    emulator.faults.clear();
    emulator.stats.reset();
    emulator.setNow(NOW);
    await clearCostTables(db);
  });
  const sync = (now = NOW, range: typeof RANGE | null = RANGE) =>
    runSync({ db, now, range: range ?? undefined, sources: [createTestSource(emulator)] });

  it("stores S3 and RDS by usage type × project and × department, each adding up to its service's spend exactly", async () => {
    const result = await sync();
    expect(result).toMatchObject({ status: "succeeded", error: null });
    expect(result.requests).toBe(emulator.stats.get().total);
    expect(await countStagedRows(db)).toBe(0);

    const combos = await db.sql.query<{ dataset: string; service: string; days: number }>(
      `SELECT dataset, service, count(DISTINCT day)::int AS days FROM cost_usage_daily GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(combos).toEqual([
      { dataset: "usage_type,department", service: "Amazon Relational Database Service", days: 5 },
      { dataset: "usage_type,department", service: "Amazon Simple Storage Service", days: 5 },
      { dataset: "usage_type,project", service: "Amazon Relational Database Service", days: 5 },
      { dataset: "usage_type,project", service: "Amazon Simple Storage Service", days: 5 },
    ]);
    // Exactly (the emulator's sums are exact): per day, dataset, service and metric, usage rows = the service's spend.
    const [off] = await db.sql.query<{ n: number }>(
      `WITH s AS (SELECT day, service, sum(unblended) u, sum(amortized) a, sum(net_amortized) n
                  FROM cost_daily WHERE dataset = 'service,account' GROUP BY 1, 2),
            g AS (SELECT dataset, day, service, sum(unblended) u, sum(amortized) a, sum(net_amortized) n
                  FROM cost_usage_daily GROUP BY 1, 2, 3)
       SELECT count(*)::int AS n FROM g JOIN s USING (day, service)
       WHERE g.u <> s.u OR g.a <> s.a OR g.n <> s.n`,
    );
    expect(off?.n).toBe(0);
    // The tag column of the other dataset is NULL; untagged is ''.
    const [nulls] = await db.sql.query<{ bad: number }>(
      `SELECT count(*) FILTER (WHERE (dataset = 'usage_type,project') = (project IS NULL)
                                  OR (dataset = 'usage_type,department') = (department IS NULL))::int AS bad
       FROM cost_usage_daily`,
    );
    expect(nulls?.bad).toBe(0);
    // Usage quantities as Cost Explorer sent them: Standard storage GB-months × $0.023 = its cost.
    const [storage] = await db.sql.query<{ cost: string; gbMonths: string }>(
      `SELECT sum(unblended)::text AS cost, sum(usage_quantity)::text AS "gbMonths" FROM cost_usage_daily
       WHERE dataset = 'usage_type,project' AND project = 'data-lake' AND usage_type = 'USE2-TimedStorage-ByteHrs'`,
    );
    expect(Number(storage?.gbMonths) * 0.023).toBeCloseTo(Number(storage?.cost), 4);
    expect(Number(storage?.cost)).toBeGreaterThan(100);
  });

  it("fails reconciliation when a usage page is lost, naming the usage dataset, and replaces nothing", async () => {
    await sync();
    const before = await snapshotCostTables(db);
    const requests = emulator.stats.get().byOperation.GetCostAndUsage ?? 0;
    emulator.stats.reset();
    // The last request is RDS by usage type × department (one page for five days): drop it. Only pages with
    // groups count for the fault, so the ungrouped daily totals are not among the skipped ones.
    emulator.faults.set({ dropPage: { skip: requests - 2, operations: ["GetCostAndUsage"] } });
    const result = await sync(new Date("2026-11-26T09:00:00Z"));
    expect(emulator.stats.get().faults).toEqual({ dropPage: 1 });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(
      /usage dataset × metric sums differ from the service's spend that day by more than \$0\.01, so nothing was replaced/,
    );
    expect(result.error).toContain("usage_type,department (Amazon Relational Database Service)");
    expect(await snapshotCostTables(db)).toBe(before);
    expect(await countStagedRows(db)).toBe(0);
  });

  it("refreshes incrementally: a later run replaces only the days it refetched and keeps the older usage rows", async () => {
    expect((await sync(NOW, { from: "2026-10-20", to: "2026-11-26" })).status).toBe("succeeded");
    const older = async () =>
      (
        await db.sql.query<{ s: string }>(
          "SELECT coalesce(sum(usage_quantity), 0)::text AS s FROM cost_usage_daily WHERE day < '2026-11-01'",
        )
      )[0]?.s;
    const kept = await older();
    const later = new Date("2026-11-28T08:00:00Z");
    emulator.setNow(later);
    const result = await sync(later, null);
    expect(result.status).toBe("succeeded");
    // Incremental plan: from the first Estimated day (Nov 1) on; October is final and kept as it was.
    expect(result.sources.aws?.range).toEqual({ from: "2026-11-01", to: "2026-11-28" });
    expect(await older()).toBe(kept);
    const [days] = await db.sql.query<{ n: number }>(
      "SELECT count(DISTINCT day)::int AS n FROM cost_usage_daily WHERE dataset = 'usage_type,project'",
    );
    expect(days?.n).toBe(39); // Oct 20 – Nov 27
  });
});
