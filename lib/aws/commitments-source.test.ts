// The commitments source end to end: the real SDK client against the emulator, through runSync, into the embedded
// database and Postgres (TEST_DATABASE_URL): every request counted and priced, the age rule, amounts kept exactly
// as Cost Explorer sent them, and a failed refresh leaving the previous data in place.
import { GetSavingsPlansPurchaseRecommendationCommand } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { runSync } from "@/lib/sync/run-sync";
import { testDatabases, type TestDb } from "@/testing/databases";
import { createNoWaitPolicy, createTestClient, createTestCommitmentsSource } from "@/testing/cost-explorer";

const NOW = new Date("2026-11-26T08:00:00Z");
const DAY = 86_400_000;
let emulator: CostExplorerEmulator;
beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: NOW });
});
afterAll(() => emulator.close());

const count = async (db: TestDb, table: string) =>
  Number((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n);

describe.each(testDatabases())("commitments source on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.stats.reset();
    emulator.setNow(NOW);
  });
  const sync = (now: Date, env: Record<string, string> = {}) => {
    emulator.setNow(now);
    return runSync({ db, now, sources: [createTestCommitmentsSource(emulator, { env })] });
  };

  it("fetches every term and payment, the spend's months of coverage and utilization, each request counted and priced", async () => {
    const result = await sync(NOW);
    expect(result.status).toBe("succeeded");
    const byOperation = emulator.stats.get().byOperation;
    const sent = emulator.stats.get().total;
    // No spend stored yet: reservations asked for all five services (6 each), Savings Plans 2 types × 6,
    // SP coverage, utilization and details, RI coverage per service, RI utilization.
    expect(byOperation.GetSavingsPlansPurchaseRecommendation).toBe(12);
    expect(byOperation.GetReservationPurchaseRecommendation).toBe(30);
    expect(byOperation.GetReservationCoverage).toBe(5);
    expect(sent).toBe(12 + 30 + 3 + 5 + 1);
    expect(result.requests).toBe(sent);
    expect(result.requestCostUsd).toBe("0.51");
    // SP: 12; RIs: EC2, ElastiCache, OpenSearch 6 each, RDS 5 (no 3-year No Upfront), Redshift none.
    expect(await count(db, "commitment_recommendation")).toBe(12 + 6 + 6 + 6 + 5);
    const coverageMonths = await db.sql.query<{ month: string }>(
      "SELECT month FROM commitment_coverage WHERE program = 'savings-plans' ORDER BY month",
    );
    expect(coverageMonths.map((m) => m.month)).toHaveLength(14); // the spend's window: 13 whole months and this one
    expect(coverageMonths[0]?.month).toBe("2025-10-01");
    expect(await count(db, "commitment_utilization")).toBe(14);
    const held = await db.sql.query<{ end_date: string }>("SELECT end_date FROM commitment_held");
    expect(held).toEqual([{ end_date: "2027-02-04" }]);
  });

  it("keeps the amounts exactly as Cost Explorer sent them", async () => {
    const answer = await createTestClient(emulator).send(
      new GetSavingsPlansPurchaseRecommendationCommand({
        SavingsPlansType: "COMPUTE_SP",
        TermInYears: "THREE_YEARS",
        PaymentOption: "PARTIAL_UPFRONT",
        LookbackPeriodInDays: "THIRTY_DAYS",
      }),
    );
    const detail = answer.SavingsPlansPurchaseRecommendation?.SavingsPlansPurchaseRecommendationDetails?.[0];
    const [stored] = await db.sql.query<{ upfront: string; monthly_savings: string; hourly_commitment: string }>(
      `SELECT upfront, monthly_savings, hourly_commitment FROM commitment_recommendation
        WHERE plan_type = 'COMPUTE_SP' AND term = 'THREE_YEARS' AND payment = 'PARTIAL_UPFRONT'`,
    );
    expect(stored).toEqual({
      upfront: detail?.UpfrontCost,
      monthly_savings: detail?.EstimatedMonthlySavingsAmount,
      hourly_commitment: detail?.HourlyCommitmentToPurchase,
    });
  });

  it("skips the refresh (no request, nothing paid) while the data is younger than the setting, refetches after", async () => {
    const young = await sync(new Date(NOW.getTime() + 6 * DAY));
    expect(young.requests).toBe(0);
    expect(young.sources.commitments?.notes[0]).toMatch(/Kept the commitments fetched 2026-11-26/);
    const shorter = await sync(new Date(NOW.getTime() + 2 * DAY), { COSTWISE_COMMITMENTS_REFRESH_DAYS: "1" });
    expect(shorter.requests).toBeGreaterThan(0);
  });

  it("a refused request fails the run with what to do, and the previous data stays", async () => {
    const before = await count(db, "commitment_recommendation");
    emulator.faults.set({ accessDenied: { operations: ["GetReservationCoverage"] } });
    const result = await sync(new Date(NOW.getTime() + 20 * DAY));
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/ce:GetReservationCoverage/);
    expect(await count(db, "commitment_recommendation")).toBe(before);
  });

  it("throttling is retried, each attempt counted", async () => {
    emulator.faults.set({ throttle: { times: 2, operations: ["GetSavingsPlansCoverage"] } });
    const now = new Date(NOW.getTime() + 21 * DAY);
    emulator.setNow(now);
    const result = await runSync({
      db,
      now,
      sources: [createTestCommitmentsSource(emulator, { policy: createNoWaitPolicy() })],
    });
    expect(result.status).toBe("succeeded");
    expect(emulator.stats.get().byOperation.GetSavingsPlansCoverage).toBe(3);
  });
});
