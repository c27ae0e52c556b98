// "Sync now" and the schedule run in the server process: they get the configured deadline, and stopping the server
// cancels them the way Ctrl-C cancels the CLI's sync. The real source against the Cost Explorer emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { generateSpend } from "@/emulators/demo/spend";
import { startPricingEmulator, type PricingEmulator } from "@/emulators/pricing/server";
import { parseConfig } from "@/lib/config";
import { listSyncRuns } from "@/lib/sync/runs";
import { clearCostTables, countStagedRows, snapshotCostTables, TEST_CREDENTIALS } from "@/testing/cost-explorer";
import { testDatabases, type TestDb } from "@/testing/databases";
import { startSyncInBackground, cancelBackgroundSyncs } from "./start-sync";

const NOW = new Date("2026-11-26T08:00:00Z");
let emulator: CostExplorerEmulator;
// With AWS on, a sync also refreshes node prices from the Price List API: its emulator stands in for AWS's.
let pricing: PricingEmulator;

beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: NOW, spend: generateSpend({ now: NOW }) });
  pricing = await startPricingEmulator();
  // The configured source builds the real client, which reads its credentials from the environment.
  vi.stubEnv("AWS_ACCESS_KEY_ID", TEST_CREDENTIALS.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", TEST_CREDENTIALS.secretAccessKey);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await emulator.close();
  await pricing.close();
});

describe.each(testDatabases())("background syncs on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    emulator.faults.clear();
    await clearCostTables(db);
  });

  const config = (env: Record<string, string> = {}) =>
    parseConfig({
      AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url,
      AWS_ENDPOINT_URL_PRICING: pricing.url,
      AWS_ACCESS_KEY_ID: "AKIDTEST",
      ...env,
    });

  it("stopping the server interrupts a running web sync, which records it, keeps the data and frees the lock", async () => {
    const before = await snapshotCostTables(db);
    emulator.faults.set({ slow: { skip: 2, delayMs: 10_000 } });
    // The emulator's counters run across both databases' tests: wait for this run's slow answer.
    const slowBefore = emulator.stats.get().faults.slow ?? 0;
    const { runId, done } = await startSyncInBackground({ db, config: config(), now: NOW, trigger: "web" });
    await vi.waitFor(() => expect(emulator.stats.get().faults.slow).toBe(slowBefore + 1), { timeout: 20_000 });
    await cancelBackgroundSyncs("The server is stopping");
    await done;
    const run = (await listSyncRuns(db)).find((r) => r.id === runId);
    // Sources after the stopped one (the commitments refresh) never start; each says so on its own line.
    expect(run).toMatchObject({
      status: "interrupted",
      error: expect.stringMatching(/^aws: The server is stopping$/m),
    });
    expect(await snapshotCostTables(db)).toBe(before);
    expect(await countStagedRows(db)).toBe(0);
    // The lock is free: the next "Sync now" starts.
    emulator.faults.clear();
    const next = await startSyncInBackground({ db, config: config(), now: NOW, trigger: "web" });
    await next.done;
    expect((await listSyncRuns(db)).find((r) => r.id === next.runId)?.status).toBe("succeeded");
  });

  it("a scheduled sync has the configured deadline: past it the run fails and keeps the previous data", async () => {
    emulator.faults.set({ slow: { skip: 2, delayMs: 10_000 } });
    const { runId, done } = await startSyncInBackground({
      db,
      config: config({ COSTWISE_SYNC_DEADLINE_MIN: "0.01" }),
      now: NOW,
      trigger: "schedule",
    });
    await done;
    const run = (await listSyncRuns(db)).find((r) => r.id === runId);
    expect(run?.status).toBe("failed");
    expect(run?.error).toMatch(/The sync was still running after 0\.6 s \(COSTWISE_SYNC_DEADLINE_MIN\)/);
    // The run is recorded failed at the deadline, without waiting for the request in flight; the source clears its
    // staged rows as soon as that request is cancelled.
    await vi.waitFor(async () => expect(await countStagedRows(db)).toBe(0), { timeout: 15_000 });
  });
});
