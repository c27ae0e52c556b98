// The Cost Explorer source when things go wrong: throttling, refusals, cut-off and dropped pages, a cancelled run
// and one killed before it cleaned up, missing permissions and tag keys. Each failure keeps the previous data.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { generateSpend } from "@/emulators/demo/spend";
import { testDatabases, type TestDb } from "@/testing/databases";
import { runSync } from "@/lib/sync/run-sync";
import { listSyncRuns } from "@/lib/sync/runs";
import type { SyncProgress } from "@/lib/sync/types";
import {
  clearCostTables,
  countStagedRows,
  createNoWaitPolicy,
  createTestSource,
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

describe.each(testDatabases())("Cost Explorer source faults on $name", ({ create }) => {
  let db: TestDb;
  /** The data of a good run over RANGE, taken before each test breaks something. */
  let before: string;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    emulator.faults.clear();
    emulator.setCostAllocationTagStatus("project", "Active");
    await clearCostTables(db);
    expect((await sync()).status).toBe("succeeded");
    before = await snapshotCostTables(db);
    emulator.stats.reset();
  });

  function sync(
    opts: {
      range?: typeof RANGE;
      source?: ReturnType<typeof createTestSource>;
      signal?: AbortSignal;
      onProgress?: (p: SyncProgress) => void;
    } = {},
  ) {
    return runSync({
      db,
      now: NOW,
      range: opts.range ?? RANGE,
      sources: [opts.source ?? createTestSource(emulator)],
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
  }
  async function expectPreviousDataIntact() {
    expect(await snapshotCostTables(db)).toBe(before);
    expect(await countStagedRows(db)).toBe(0);
  }

  it("backs off on throttling and counts every attempt as a paid request", async () => {
    const policy = createNoWaitPolicy();
    emulator.faults.set({ throttle: { times: 3, skip: 4, operations: ["GetCostAndUsage"] } });
    const result = await sync({ source: createTestSource(emulator, { policy }) });
    expect(result.status).toBe("succeeded");
    expect(policy.waits).toHaveLength(3);
    expect(emulator.stats.get()).toMatchObject({ errors: { LimitExceededException: 3 } });
    expect(result.requests).toBe(emulator.stats.get().total);
    expect(result.requestCostUsd).toBe((result.requests / 100).toFixed(2));
    await expectPreviousDataIntact(); // same data again
  });

  it("reports Cost Explorer's validation error and replaces nothing", async () => {
    const result = await sync({ range: { from: "2024-01-01", to: "2024-02-01" } });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(
      /^aws: Cost Explorer refused GetCostAndUsage \(day \(daily totals\)\): ValidationException: start date is too old/,
    );
    expect(result.requests).toBe(2); // ListCostAllocationTags, then the refused request
    await expectPreviousDataIntact();
  });

  it("retries an answer cut off half-way and a 500, each attempt counted and priced", async () => {
    emulator.faults.set({ cutOff: { skip: 5, operations: ["GetCostAndUsage"] } });
    const cut = await sync();
    expect(cut.status).toBe("succeeded");
    expect(cut.requests).toBe(emulator.stats.get().total);
    await expectPreviousDataIntact();

    emulator.stats.reset();
    emulator.faults.set({ serverError: { skip: 20, times: 2 } });
    const failing = await sync();
    expect(failing.status).toBe("succeeded");
    expect(emulator.stats.get().errors).toEqual({ InternalFailure: 2 });
    expect(failing.requests).toBe(emulator.stats.get().total);
    expect(failing.requestCostUsd).toBe((failing.requests / 100).toFixed(2));
    await expectPreviousDataIntact();
  });

  it("fails on answers cut off again and again and keeps the previous data", async () => {
    emulator.faults.set({ cutOff: { skip: 5, times: 10, operations: ["GetCostAndUsage"] } });
    const result = await sync();
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/Cost Explorer failed GetCostAndUsage \(.+\) 4 times \(last: .*aborted/);
    await expectPreviousDataIntact();
  });

  it("fails a run past its deadline (COSTWISE_SYNC_DEADLINE_MIN), keeps the previous data and frees the lock", async () => {
    emulator.faults.set({ slow: { skip: 3, delayMs: 5_000 } });
    const result = await runSync({
      db,
      now: NOW,
      range: RANGE,
      sources: [createTestSource(emulator)],
      deadlineMs: 300,
    });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(
      /^aws: The sync was still running after 0\.3 s \(COSTWISE_SYNC_DEADLINE_MIN\) and was stopped; the previous data was kept/,
    );
    await expectPreviousDataIntact();
    emulator.faults.clear();
    expect((await sync()).status).toBe("succeeded"); // the lock was released
  });

  it("a swap whose staged rows another run emptied replaces nothing (rows moved = rows staged, checked before commit)", async () => {
    // What a second run could do when the first one's lock connection dropped: empty its staging after the
    // first run reconciled. The swap must then refuse, not delete the range and insert what is left.
    const emptiedBeforeSwap: TestDb = {
      ...db,
      transaction: async (fn) => {
        await db.sql.query("DELETE FROM cost_daily_staging WHERE dataset = 'department,service'");
        return db.transaction(fn);
      },
    };
    const result = await runSync({
      db: emptiedBeforeSwap,
      now: NOW,
      range: RANGE,
      sources: [createTestSource(emulator)],
    });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(
      /^aws: The swap would have stored \d+ spend rows where this run staged \d+ \(another run may have cleared them\); nothing was replaced/,
    );
    await expectPreviousDataIntact();
  });

  it("catches a dropped page by reconciliation, naming days, datasets and amounts, and keeps the previous data", async () => {
    emulator.faults.set({ dropPage: { skip: 12 } });
    const result = await sync();
    expect(emulator.stats.get().faults).toEqual({ dropPage: 1 });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(
      /Reconciliation failed: \d+ day × dataset × metric sums differ from Cost Explorer's ungrouped daily totals by more than \$0\.01, so nothing was replaced/,
    );
    expect(result.error).toMatch(
      /\n {2}2026-1\d-\d\d [a-z,]+ (unblended|amortized|net_amortized): rows add up to -?[\d.]+, daily total -?[\d.]+ \(off by -?[\d.]+\)/,
    );
    await expectPreviousDataIntact();
  });

  it("keeps the previous data when cancelled mid-run (Ctrl-C), and the next run completes", async () => {
    const controller = new AbortController();
    const result = await sync({
      signal: controller.signal,
      onProgress: (p) => p.requests >= 10 && controller.abort(new Error("SIGINT received")),
    });
    expect(result).toMatchObject({ status: "interrupted", error: "aws: SIGINT received" });
    await expectPreviousDataIntact();
    expect((await sync()).status).toBe("succeeded");
    await expectPreviousDataIntact();
  });

  it("clears what a killed run left in staging and marks it interrupted; the next run completes", async () => {
    // A process killed mid-run leaves its run `running` and its rows in staging (the swap never happened).
    const [dead] = await db.sql.query<{ id: number }>(
      "INSERT INTO sync_run (status, trigger, sources) VALUES ('running', 'cli', '{aws}') RETURNING id",
    );
    await db.sql.query(
      `INSERT INTO cost_daily_staging (run_id, dataset, day, department, service, unblended, amortized, net_amortized)
       VALUES ($1, 'department,service', '2026-10-26', 'ghost', 'S3', 1, 1, 1)`,
      [dead!.id],
    );
    await db.sql.query(
      "INSERT INTO cost_day_staging (run_id, day, estimated, unblended, amortized, net_amortized) VALUES ($1, '2026-10-26', false, 1, 1, 1)",
      [dead!.id],
    );
    expect((await sync()).status).toBe("succeeded");
    await expectPreviousDataIntact();
    expect((await listSyncRuns(db)).find((r) => r.id === dead!.id)?.status).toBe("interrupted");
  });

  it("names the missing permission when AWS denies GetCostAndUsage", async () => {
    emulator.faults.set({ accessDenied: { operations: ["GetCostAndUsage"] } });
    const result = await sync();
    expect(result.error).toMatch(
      /^aws: AWS denied ce:GetCostAndUsage to the sync's credentials .* Grant the permission ce:GetCostAndUsage: the README \("AWS Cost Explorer"\) has the least-privilege IAM policy/,
    );
    expect(result.requests).toBe(2);
    await expectPreviousDataIntact();
  });

  it("names a tag key that is not activated, and one Cost Explorer never saw, before fetching any spend", async () => {
    emulator.setCostAllocationTagStatus("project", "Inactive");
    const inactive = await sync();
    expect(inactive.error).toMatch(
      /^aws: Tag key "project" \(project\) is not activated for cost allocation \(status Inactive\).*TagKey=project,Status=Active/,
    );
    expect(inactive.requests).toBe(1);

    emulator.setCostAllocationTagStatus("project", "Active");
    const misspelt = await sync({
      source: createTestSource(emulator, { env: { COSTWISE_TAG_DEPARTMENT: "departement" } }),
    });
    expect(misspelt.error).toMatch(
      /Tag key "departement" \(department\) is unknown to Cost Explorer.*set COSTWISE_TAG_DEPARTMENT/,
    );
    await expectPreviousDataIntact();
  });

  it("says what it fetches, with a total that grows as pages are announced", async () => {
    const progress: SyncProgress[] = [];
    const result = await sync({ onProgress: (p) => progress.push(p) });
    const phases = progress.map((p) => p.phase);
    expect(phases).toContain("Fetching spend by department × project, environment=production");
    expect(phases).toContain("Fetching spend by department × project, environment=(untagged)");
    expect(phases).toContain("Fetching spend by project × service (page 2)");
    expect(phases).toContain("Reconciling every dataset with Cost Explorer's daily totals");
    expect(progress.every((p) => p.total === null || p.done <= p.total)).toBe(true);
    const reconciling = progress.find((p) => p.phase.startsWith("Reconciling"));
    expect([reconciling?.done, reconciling?.total]).toEqual([result.requests, result.requests]); // no retries here
  });
});
