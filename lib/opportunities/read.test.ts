// The opportunities on data that came through a real sync (emulator → SDK → staging → swap), checked against
// what Cost Explorer itself answers for the same month, to the unit.
import { GetCostAndUsageCommand } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { generateSpend } from "@/emulators/demo/spend";
import { runSync } from "@/lib/sync/run-sync";
import { addMoney, compareMoney } from "@/lib/money";
import { DEFAULT_OPPORTUNITY_SETTINGS, parseOpportunitySettings } from "@/lib/settings/opportunities";
import { DEFAULT_TAG_SETTINGS } from "@/lib/settings/tags";
import { createTestClient, createTestSource } from "@/testing/cost-explorer";
import { testDatabases, type TestDb } from "@/testing/databases";
import { getOpportunities, lastFullMonth } from "./read";

const NOW = new Date("2026-11-26T08:00:00Z");
let emulator: CostExplorerEmulator;
beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: NOW, spend: generateSpend({ now: NOW }) });
});
afterAll(() => emulator.close());

/** Cost Explorer's own October sums for one project, service and usage type: [cost, quantity]. */
async function askEmulator(project: string, usageType: string, service = "Amazon Simple Storage Service") {
  const out = await createTestClient(emulator).send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: "2026-10-01", End: "2026-11-01" },
      Granularity: "MONTHLY",
      Metrics: ["UnblendedCost", "UsageQuantity"],
      Filter: {
        And: [
          { Tags: { Key: "project", Values: [project] } },
          { Dimensions: { Key: "USAGE_TYPE", Values: [usageType] } },
          // DynamoDB bills storage as TimedStorage-ByteHrs too: the service tells them apart.
          { Dimensions: { Key: "SERVICE", Values: [service] } },
        ],
      },
    }),
  );
  const total = out.ResultsByTime?.[0]?.Total;
  return [total?.UnblendedCost?.Amount ?? "", Number(total?.UsageQuantity?.Amount)] as const;
}

describe.each(testDatabases())("storage opportunities on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    const result = await runSync({
      db,
      now: NOW,
      range: { from: "2026-10-01", to: "2026-11-01" },
      sources: [createTestSource(emulator)],
    });
    expect(result.status).toBe("succeeded");
  });
  afterAll(() => db.drop());
  const settings = { opportunities: DEFAULT_OPPORTUNITY_SETTINGS, tags: DEFAULT_TAG_SETTINGS };

  it("prices last month's S3 per project from the bill's own usage: cold projects save, hot ones would pay", async () => {
    expect(lastFullMonth(NOW)).toBe("2026-10");
    const result = await getOpportunities(db, {}, settings, NOW);
    expect(result).toMatchObject({ month: "2026-10", hasData: true, range: { from: "2026-10-01", to: "2026-11-01" } });
    const dataLake = result.glacier.find((o) => o.project === "data-lake");
    const [storageUsd, storageGb] = await askEmulator("data-lake", "USE2-TimedStorage-ByteHrs");
    const [getUsd, gets] = await askEmulator("data-lake", "USE2-Requests-Tier2");
    expect(dataLake).toMatchObject({ department: "data", storageUsd, getUsd, readSharePercent: 10 });
    expect(Number(dataLake?.storageGbMonths)).toBeCloseTo(storageGb, 3);
    expect(Number(dataLake?.getRequests)).toBeCloseTo(gets, 0);
    expect(compareMoney(dataLake?.savingsUsd ?? "0", "1000")).toBe(1);
    const checkout = result.glacier.find((o) => o.project === "checkout-web");
    expect(compareMoney(checkout?.savingsUsd ?? "0", "0")).toBe(-1);
    expect(checkout?.breakEvenReadShare).toBeLessThan(0);
    // Largest savings first; the total counts only the moves that save money.
    const savings = result.glacier.map((o) => Number(o.savingsUsd));
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
    const positive = [...result.glacier, ...result.retention].filter((o) => compareMoney(o.savingsUsd, "0") > 0);
    expect(result.totalSavingsUsd).toBe(addMoney(...positive.map((o) => o.savingsUsd)));
  });

  it("prices RDS backups per project: Cb × Rtarget / Rnow, with a project's own retention", async () => {
    const own = parseOpportunitySettings({ retentionByProject: { ledger: { now: 35, target: 14 } } });
    const result = await getOpportunities(db, {}, { ...settings, opportunities: own }, NOW);
    const ledger = result.retention.find((o) => o.project === "ledger");
    const [backupUsd] = await askEmulator("ledger", "RDS:ChargedBackupUsage", "Amazon Relational Database Service");
    expect(ledger).toMatchObject({
      department: "payments",
      backupUsd,
      retentionDaysNow: 35,
      retentionDaysTarget: 14,
      retentionIsOwn: true,
      usageTypes: ["RDS:ChargedBackupUsage"],
    });
    expect(Number(ledger?.projectedUsd)).toBeCloseTo((Number(backupUsd) * 14) / 35, 9);
    const warehouse = result.retention.find((o) => o.project === "warehouse");
    expect(warehouse?.usageTypes).toEqual(["Aurora:BackupUsage"]); // USE2-Aurora:BackupUsage, prefix removed
    const savings = result.retention.map((o) => Number(o.savingsUsd));
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
  });

  it("filters by department (aliases applied) and says when a month has no usage data", async () => {
    const payments = await getOpportunities(db, { department: "payments" }, settings, NOW);
    expect(new Set([...payments.glacier, ...payments.retention].map((o) => o.department))).toEqual(
      new Set(["payments"]),
    );
    expect(payments.departments).toContain("finance"); // invoicing's "fin" is an alias of finance
    const empty = await getOpportunities(db, { month: "2025-01" }, settings, NOW);
    expect(empty).toMatchObject({ hasData: false, glacier: [], retention: [], totalSavingsUsd: "0" });
  });
});
