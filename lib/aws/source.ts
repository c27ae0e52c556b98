// The AWS Cost Explorer sync source: plans the days, fetches the exact combinations into staging, reconciles
// them with the daily totals, then swaps them in with one short transaction (ARCHITECTURE.md).
import type { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import type { Config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { SourceContext, SyncSource } from "@/lib/sync/types";
import { createCostExplorerClient, type RetryPolicy } from "./client";
import { checkCostAllocationTags, fetchDailyTotals, fetchGrouped, type FetchContext } from "./fetch-spend";
import { DATASETS, ENVIRONMENT_VALUES_REQUEST, FIXED_REQUESTS, listCostRequests, planSyncRange } from "./query-plan";
import { findMismatches, formatMismatches } from "./reconcile";
import { clearStaging, readStoredDays, swapInStaged } from "./store";
import { fetchUsage } from "./fetch-usage";
import { listUsageRequests, USAGE_DATASETS, USAGE_SERVICES } from "./usage-plan";
import { clearUsageStaging, findUsageMismatches, formatUsageMismatches } from "./usage-store";

export type CostExplorerSourceOptions = {
  /** A ready client (tests pass one with explicit credentials); default: the real one from the config. */
  client?: CostExplorerClient;
  /** Backoff timing; tests inject a sleep that does not wait. */
  policy?: RetryPolicy;
};

export function createCostExplorerSource(config: Config, opts: CostExplorerSourceOptions = {}): SyncSource {
  let client = opts.client;
  return {
    name: "aws",
    label: "AWS Cost Explorer",
    requestCostCents: 1,
    run(ctx) {
      client ??= createCostExplorerClient(config.aws, { requestTimeoutMs: config.sync.requestTimeoutMs });
      return syncCostExplorer(ctx, client, config.aws.tagKeys, config.sync.requestTimeoutMs, opts.policy);
    },
  };
}

async function syncCostExplorer(
  ctx: SourceContext,
  client: CostExplorerClient,
  tagKeys: Config["aws"]["tagKeys"],
  timeoutMs: number,
  policy?: RetryPolicy,
) {
  const { db, runId } = ctx;
  ctx.progress("Preparing");
  await clearStaging(db); // rows of runs that died before they finished
  await clearUsageStaging(db);
  const range = planSyncRange({ now: ctx.now, asked: ctx.range, stored: await readStoredDays(db) });
  ctx.log(`Refreshing ${range.from} .. ${range.to} (exclusive)${ctx.range ? "" : " (incremental plan)"}`);

  // Progress: done = pages asked for, total = requests planned (pages estimated as answers come in).
  let asked = 0;
  let planned = FIXED_REQUESTS + 1 + listCostRequests([]).length + listUsageRequests().length;
  const fc: FetchContext = {
    client,
    db,
    runId,
    range,
    tagKeys,
    signal: ctx.signal,
    countRequest: ctx.countRequest,
    policy,
    timeoutMs,
    accounts: new Map(),
    progress: {
      asking(phase) {
        ctx.progress(phase, asked, planned);
        asked++;
      },
      addPlanned(n) {
        planned += n;
      },
    },
  };
  let staged = 0;
  try {
    await checkCostAllocationTags(fc);
    const totals = await fetchDailyTotals(fc);
    const environments = new Set<string>();
    staged += (
      await fetchGrouped(fc, ENVIRONMENT_VALUES_REQUEST, (rows) => rows.values[0]?.forEach((v) => environments.add(v)))
    ).rows;
    planned += environments.size;
    for (const request of listCostRequests(environments)) staged += (await fetchGrouped(fc, request)).rows;
    let usageRows = 0;
    for (const request of listUsageRequests()) usageRows += (await fetchUsage(fc, request)).rows;

    ctx.progress("Reconciling every dataset with Cost Explorer's daily totals", asked, planned);
    const { count, mismatches } = await findMismatches(db, runId, DATASETS);
    if (count > 0) throw new AppError("failed", formatMismatches(count, mismatches));
    const usage = await findUsageMismatches(db, runId, USAGE_DATASETS, USAGE_SERVICES);
    if (usage.count > 0) throw new AppError("failed", formatUsageMismatches(usage.count, usage.mismatches));

    ctx.progress(`Replacing ${range.from} .. ${range.to} (exclusive)`, asked, planned);
    if (ctx.signal.aborted) throw ctx.signal.reason as Error;
    await swapInStaged(db, runId, range, fc.accounts, { rows: staged, days: totals.days.length, usageRows });
    ctx.addRows(staged + usageRows + totals.days.length);
    return {
      range,
      notes: [
        `${totals.days.length} days (${totals.estimated} Estimated), ${staged} rows in ${DATASETS.length} exact combinations, ` +
          `${environments.size} environment values, reconciled to the cent`,
        `${usageRows} S3 and RDS usage-type rows, reconciled to each service's spend`,
      ],
    };
  } finally {
    // Best effort: if this fails (database gone), the next run clears them first.
    await clearStaging(db, { runId }).catch(() => {});
    await clearUsageStaging(db, { runId }).catch(() => {});
  }
}
