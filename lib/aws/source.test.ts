// The Cost Explorer source end to end: the real SDK client against the emulator, into the embedded database
// and Postgres (TEST_DATABASE_URL). A short range keeps it fast: 10 days across a month boundary (tax, credits).
import { GetCostAndUsageCommand } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { generateSpend } from "@/emulators/demo/spend";
import { testDatabases, type TestDb } from "@/testing/databases";
import { runSync } from "@/lib/sync/run-sync";
import type { SyncProgress } from "@/lib/sync/types";
import { COST_EXPLORER_METRICS } from "./fetch-spend";
import {
  clearCostTables,
  countStagedRows,
  createTestClient,
  createTestSource,
  listEmulatorTotals,
  snapshotCostTables,
} from "@/testing/cost-explorer";

const NOW = new Date("2026-11-26T08:00:00Z");
const RANGE = { from: "2026-10-25", to: "2026-11-04" };
const spend = generateSpend({ now: NOW });
let emulator: CostExplorerEmulator;

beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: NOW, spend });
});
afterAll(() => emulator.close());

describe.each(testDatabases())("Cost Explorer source on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    emulator.faults.clear();
    emulator.stats.reset();
    emulator.setNow(NOW);
    emulator.setCostAllocationTagStatus("project", "Active");
    await clearCostTables(db);
  });

  const sync = (
    opts: {
      now?: Date;
      range?: typeof RANGE | null;
      source?: ReturnType<typeof createTestSource>;
      signal?: AbortSignal;
      onProgress?: (p: SyncProgress) => void;
    } = {},
  ) =>
    runSync({
      db,
      now: opts.now ?? NOW,
      range: opts.range === null ? undefined : (opts.range ?? RANGE),
      sources: [opts.source ?? createTestSource(emulator)],
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
  const sqlOne = async <T>(text: string, params: unknown[] = []) =>
    (await db.sql.query<Record<string, T>>(text, params))[0]!;

  it("fetches a range: every dataset equals the daily totals to the cent, and the grand total equals Cost Explorer's ungrouped Total", async () => {
    const result = await sync();
    expect(result).toMatchObject({ status: "succeeded", error: null });
    // Every HTTP attempt the emulator saw is a paid request in the run record, and nothing else is.
    expect(result.requests).toBe(emulator.stats.get().total);
    expect(result.sources.aws?.range).toEqual(RANGE);
    expect(await countStagedRows(db)).toBe(0);

    // The emulator's sums are exact, so each dataset must equal the day's total exactly, every day, every metric.
    const off = await sqlOne<number>(
      `SELECT count(*)::int AS n FROM cost_day d CROSS JOIN (SELECT DISTINCT dataset FROM cost_daily) s
       LEFT JOIN LATERAL (SELECT sum(unblended) u, sum(amortized) a, sum(net_amortized) n FROM cost_daily c WHERE c.dataset = s.dataset AND c.day = d.day) g ON true
       WHERE g.u IS DISTINCT FROM d.unblended OR g.a IS DISTINCT FROM d.amortized OR g.n IS DISTINCT FROM d.net_amortized`,
    );
    expect(off.n).toBe(0);
    expect(
      await sqlOne<number>("SELECT count(DISTINCT dataset)::int AS n, count(DISTINCT day)::int AS d FROM cost_daily"),
    ).toEqual({ n: 8, d: 10 });

    const expected = await listEmulatorTotals(emulator, RANGE); // two MONTHLY periods: Oct 25–31, Nov 1–3
    const stored = await sqlOne<boolean>(
      `SELECT sum(unblended) = (SELECT sum(x::numeric) FROM unnest($1::text[]) x) AS u,
              sum(amortized) = (SELECT sum(x::numeric) FROM unnest($2::text[]) x) AS a,
              sum(net_amortized) = (SELECT sum(x::numeric) FROM unnest($3::text[]) x) AS n FROM cost_day`,
      [expected.unblended, expected.amortized, expected.net_amortized],
    );
    expect(stored).toEqual({ u: true, a: true, n: true });

    // Each environment's department × project rows (fetched with a Filter per value) add up to that environment's spend.
    const byEnvironment = await sqlOne<number>(
      `SELECT count(*)::int AS n FROM (
         SELECT environment, day, sum(unblended) FILTER (WHERE dataset = 'department,project,environment') AS a,
                sum(unblended) FILTER (WHERE dataset = 'environment,account') AS b
         FROM cost_daily WHERE dataset IN ('department,project,environment', 'environment,account') GROUP BY 1, 2) t
       WHERE a IS DISTINCT FROM b`,
    );
    expect(byEnvironment.n).toBe(0);
    expect(await db.sql.query("SELECT * FROM cost_account ORDER BY 1")).toEqual([
      { account_id: "111111111111", name: "costwise-prod" },
      { account_id: "222222222222", name: "costwise-staging" },
      { account_id: "333333333333", name: "costwise-shared" },
    ]);
  });

  it("stores tag values raw, untagged as '' (apart from NULL = not in the dataset), and tax, credits and savings-plan fees untagged", async () => {
    await sync();
    const values = async (column: string, dataset: string) =>
      (
        await db.sql.query<{ v: string }>(
          `SELECT DISTINCT ${column} AS v FROM cost_daily WHERE dataset = $1 ORDER BY 1`,
          [dataset],
        )
      ).map((r) => r.v);
    expect(await values("department", "department,service")).toEqual(
      expect.arrayContaining(["", "fin", "finance", "Platform", "platform"]),
    );
    expect(await values("environment", "environment,account")).toEqual([
      "",
      "Prod",
      "Production ",
      "dev",
      "development",
      "prod",
      "production",
      "shared",
      "staging",
    ]);
    expect(await values("environment", "department,project,environment")).toEqual(
      await values("environment", "environment,account"),
    );
    expect(
      await sqlOne<number>(
        "SELECT count(*)::int AS n FROM cost_daily WHERE dataset = 'department,service' AND (project IS NOT NULL OR environment IS NOT NULL OR account_id IS NOT NULL OR department IS NULL)",
      ),
    ).toEqual({ n: 0 });

    // Tax arrives on the 1st, on no tagged resource: the untagged department, positive.
    expect(
      await db.sql.query(
        "SELECT day, department, unblended > 0 AS positive FROM cost_daily WHERE dataset = 'department,service' AND service = 'Tax'",
      ),
    ).toEqual([{ day: "2026-11-01", department: "", positive: true }]);
    expect(
      await db.sql.query(
        "SELECT DISTINCT department FROM cost_daily WHERE dataset = 'department,service' AND service = 'Savings Plans for AWS Compute usage'",
      ),
    ).toEqual([{ department: "" }]);

    // The monthly credit (negative, untagged, on EC2) is inside the untagged EC2 row of the 1st: that row equals
    // Cost Explorer's untagged EC2 usage without credits plus the credit.
    const ec2 = "Amazon Elastic Compute Cloud - Compute";
    const day = { from: "2026-11-01", to: "2026-11-02" };
    const untaggedEc2 = {
      And: [
        { Tags: { Key: "department", MatchOptions: ["ABSENT" as const] } },
        { Dimensions: { Key: "SERVICE" as const, Values: [ec2] } },
      ],
    };
    const credit = await listEmulatorTotals(emulator, day, {
      And: [untaggedEc2, { Dimensions: { Key: "RECORD_TYPE", Values: ["Credit"] } }],
    });
    const rest = await listEmulatorTotals(emulator, day, {
      And: [untaggedEc2, { Not: { Dimensions: { Key: "RECORD_TYPE", Values: ["Credit"] } } }],
    });
    expect(Number(credit.unblended[0])).toBeLessThan(0);
    expect(
      await sqlOne<boolean>(
        "SELECT unblended = $1::numeric + $2::numeric AS ok FROM cost_daily WHERE dataset = 'department,service' AND day = '2026-11-01' AND department = '' AND service = $3",
        [credit.unblended[0], rest.unblended[0], ec2],
      ),
    ).toEqual({ ok: true });
  });

  it("merges a day whose groups continue on the next page", async () => {
    const input = {
      TimePeriod: { Start: RANGE.from, End: RANGE.to },
      Granularity: "DAILY" as const,
      Metrics: [...COST_EXPLORER_METRICS],
      GroupBy: [
        { Type: "TAG" as const, Key: "project" },
        { Type: "DIMENSION" as const, Key: "SERVICE" },
      ],
    };
    const client = createTestClient(emulator);
    const first = await client.send(new GetCostAndUsageCommand(input));
    const second = await client.send(new GetCostAndUsageCommand({ ...input, NextPageToken: first.NextPageToken }));
    const split = first.ResultsByTime?.at(-1);
    expect(second.ResultsByTime?.[0]?.TimePeriod?.Start).toBe(split?.TimePeriod?.Start); // the precondition: page 1 ends mid-day
    const groups = (split?.Groups?.length ?? 0) + (second.ResultsByTime?.[0]?.Groups?.length ?? 0);

    await sync();
    expect(
      await sqlOne<number>("SELECT count(*)::int AS n FROM cost_daily WHERE dataset = 'project,service' AND day = $1", [
        split?.TimePeriod?.Start,
      ]),
    ).toEqual({ n: groups });
  });

  it("leaves identical data when the same run is made twice", async () => {
    await sync();
    const before = await snapshotCostTables(db);
    expect((await sync()).status).toBe("succeeded");
    expect(await snapshotCostTables(db)).toBe(before);
  });

  it("revises Estimated days on the next runs and keeps days Cost Explorer no longer serves", async () => {
    const oldest = await sync({ range: { from: "2025-10-01", to: "2025-10-03" } }); // the oldest days served on Nov 26
    await sync({ range: { from: "2026-11-20", to: "2026-11-26" } });
    const day = async (d: string) =>
      sqlOne<string | boolean>("SELECT estimated, unblended::text AS u, run_id FROM cost_day WHERE day = $1", [d]);
    const nov25 = await day("2026-11-25"); // yesterday on Nov 26: 80 % of its usage has arrived
    expect(nov25.estimated).toBe(true);

    const nov27 = new Date("2026-11-27T08:00:00Z");
    emulator.setNow(nov27);
    const second = await sync({ now: nov27, range: null });
    expect(second.sources.aws?.range).toEqual({ from: "2026-11-20", to: "2026-11-27" }); // every Estimated day, to today
    const revised = await day("2026-11-25");
    expect(await sqlOne<boolean>("SELECT $1::numeric > $2::numeric AS grew", [revised.u, nov25.u])).toEqual({
      grew: true,
    });

    const dec4 = new Date("2026-12-04T08:00:00Z"); // November is final from the 4th
    emulator.setNow(dec4);
    const third = await sync({ now: dec4, range: null });
    expect(third.sources.aws?.range).toEqual({ from: "2026-11-20", to: "2026-12-04" });
    // Nov 20–30 now final; Dec 1–3 Estimated.
    expect(
      await db.sql.query(
        "SELECT estimated, count(*)::int AS n FROM cost_day WHERE day >= '2026-11-01' GROUP BY 1 ORDER BY 1",
      ),
    ).toEqual([
      { estimated: false, n: 11 },
      { estimated: true, n: 3 },
    ]);
    // October 2025 is outside the window on Dec 4 (it starts 2025-11-01): kept as the first run stored it.
    expect(await db.sql.query("SELECT day, run_id FROM cost_day WHERE day < '2026-01-01' ORDER BY day")).toEqual([
      { day: "2025-10-01", run_id: oldest.runId },
      { day: "2025-10-02", run_id: oldest.runId },
    ]);
  });
});
