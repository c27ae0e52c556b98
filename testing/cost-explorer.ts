// Test-only helpers for the Cost Explorer source: the emulator with the real SDK client, a retry policy that
// never waits, and a snapshot of the cost tables to prove "previous data intact". Nothing else imports this.
import { GetCostAndUsageCommand, type GetCostAndUsageCommandInput } from "@aws-sdk/client-cost-explorer";
import type { CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { parseConfig } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import type { DayRange, SyncSource } from "@/lib/sync/types";
import { createCostExplorerClient, DEFAULT_RETRY_POLICY, type RetryPolicy } from "@/lib/aws/client";
import { createCostExplorerSource } from "@/lib/aws/source";
import { createCommitmentsSource } from "@/lib/aws/commitments-source";

export const TEST_CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "test" };

/** Waits are recorded, never slept. */
export function createNoWaitPolicy(): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return { ...DEFAULT_RETRY_POLICY, waits, sleep: async (ms) => void waits.push(ms) };
}

export function createTestClient(
  emulator: CostExplorerEmulator,
  opts: { env?: Record<string, string>; maxAnswerBytes?: number } = {},
) {
  const config = parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url, ...opts.env });
  return createCostExplorerClient(config.aws, {
    credentials: TEST_CREDENTIALS,
    requestTimeoutMs: config.sync.requestTimeoutMs,
    maxAnswerBytes: opts.maxAnswerBytes,
  });
}

/** The real source, pointed at the emulator through the config (as AWS_ENDPOINT_URL_COST_EXPLORER would). */
export function createTestSource(
  emulator: CostExplorerEmulator,
  opts: { env?: Record<string, string>; policy?: RetryPolicy; maxAnswerBytes?: number } = {},
): SyncSource {
  const config = parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url, COSTWISE_AWS: "true", ...opts.env });
  return createCostExplorerSource(config, {
    client: createTestClient(emulator, opts),
    policy: opts.policy ?? createNoWaitPolicy(),
  });
}

/** Every row of the cost tables as text, in a fixed order (run ids left out: they differ between runs). */
export async function snapshotCostTables(db: Db): Promise<string> {
  const daily = await db.sql.query(
    `SELECT dataset, day, department, project, environment, service, account_id,
            unblended::text AS u, amortized::text AS a, net_amortized::text AS n
     FROM cost_daily ORDER BY dataset, day, department, project, environment, service, account_id`,
  );
  const days = await db.sql.query(
    "SELECT day, estimated, unblended::text AS u, amortized::text AS a, net_amortized::text AS n FROM cost_day ORDER BY day",
  );
  const accounts = await db.sql.query("SELECT * FROM cost_account ORDER BY account_id");
  const usage = await db.sql.query(
    `SELECT dataset, day, service, usage_type, department, project, unblended::text AS u, usage_quantity::text AS q
     FROM cost_usage_daily ORDER BY dataset, day, service, usage_type, department, project`,
  );
  return JSON.stringify({ daily, days, accounts, usage });
}

export async function countStagedRows(db: Db): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(
    "SELECT (SELECT count(*) FROM cost_daily_staging) + (SELECT count(*) FROM cost_day_staging) + (SELECT count(*) FROM cost_usage_daily_staging) AS n",
  );
  return Number(row?.n ?? 0);
}

export async function clearCostTables(db: Db): Promise<void> {
  await db.sql.exec(
    "DELETE FROM cost_daily; DELETE FROM cost_day; DELETE FROM cost_account; DELETE FROM cost_daily_staging; DELETE FROM cost_day_staging; DELETE FROM cost_usage_daily; DELETE FROM cost_usage_daily_staging; DELETE FROM sync_run",
  );
}

/** Cost Explorer's own ungrouped Total over a range (MONTHLY periods), per metric, as decimal strings. */
export async function listEmulatorTotals(
  emulator: CostExplorerEmulator,
  range: DayRange,
  filter?: GetCostAndUsageCommandInput["Filter"],
) {
  const out = await createTestClient(emulator).send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: range.from, End: range.to },
      Granularity: "MONTHLY",
      Metrics: ["UnblendedCost", "AmortizedCost", "NetAmortizedCost"],
      ...(filter ? { Filter: filter } : {}),
    }),
  );
  const pick = (metric: string) => (out.ResultsByTime ?? []).map((r) => r.Total?.[metric]?.Amount ?? "missing");
  return {
    unblended: pick("UnblendedCost"),
    amortized: pick("AmortizedCost"),
    net_amortized: pick("NetAmortizedCost"),
  };
}

/** The commitments source, pointed at the emulator the same way. */
export function createTestCommitmentsSource(
  emulator: CostExplorerEmulator,
  opts: { env?: Record<string, string>; policy?: RetryPolicy } = {},
): SyncSource {
  const config = parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url, COSTWISE_AWS: "true", ...opts.env });
  return createCommitmentsSource(config, {
    client: createTestClient(emulator),
    policy: opts.policy ?? createNoWaitPolicy(),
  });
}

/** Fills the commitment tables the way production does: a commitments sync against a fresh emulator at `now`. */
export async function syncDemoCommitments(db: Db, now: Date): Promise<void> {
  const { startCostExplorerEmulator } = await import("@/emulators/cost-explorer/server");
  const { runSync } = await import("@/lib/sync/run-sync");
  const emulator = await startCostExplorerEmulator({ now });
  try {
    const result = await runSync({ db, now, sources: [createTestCommitmentsSource(emulator)] });
    if (result.status !== "succeeded") throw new Error(`commitments sync ${result.status}: ${result.error}`);
  } finally {
    await emulator.close();
  }
}
