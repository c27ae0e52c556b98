// The Datadog sync source: fetches the query plan through the real client, folds each answer
// into per-container statistics, stores the snapshot. Plugged into runSync by lib/jobs/sources.ts.
import type { Config } from "@/lib/config";
import { getRightsizingSettings } from "@/lib/settings/store";
import type { SourceContext, SyncSource } from "@/lib/sync/types";
import { createUsageBuilder } from "./build-usage";
import type { DatadogClientOptions } from "./client";
import { createDatadogClient } from "./client";
import type { MetricNames } from "./query-plan";
import { createRowBuffer } from "./reshape";
import { planQueries } from "./query-plan";
import { checkDecisions } from "@/lib/rightsizing/decisions-store";
import { getRightsizingContext } from "@/lib/rightsizing/read";
import { clearStaging, dropStaged, stageContainers, stageUsageHours, swapSnapshot } from "./store";
import { toUtcDayEnd } from "./time";

export type DatadogSourceOptions = {
  /** Other metric names (e.g. another Agent check); defaults in query-plan.ts. */
  metrics?: Partial<MetricNames>;
  /** Tests inject these so nothing waits for real. */
  sleep?: DatadogClientOptions["sleep"];
  clock?: DatadogClientOptions["clock"];
  timeoutMs?: number;
  maxRateLimitWaitMs?: DatadogClientOptions["maxRateLimitWaitMs"];
  maxAnswerBytes?: DatadogClientOptions["maxAnswerBytes"];
  /** Called once per run with where the time went (the benchmark prints it). */
  onTimings?: (timings: DatadogSyncTimings) => void;
};

export type DatadogSyncTimings = {
  requests: number;
  /** Waiting for the answers as they stream in (with the emulator: its computing too), parsing excluded. */
  fetchMs: number;
  /** Parsing the answers as they stream in, checking them and converting them to our units (reshape.ts). */
  parseMs: number;
  /** Folding the answers into statistics (done as each answer arrives) and the final join. */
  statisticsMs: number;
  /** Staging the rows, then swapping them in. */
  storeMs: number;
  /** The swap transaction alone. */
  swapMs: number;
  /** Computing the rightsizing rows of the new snapshot after the swap, to keep them in this process's memory. */
  rightsizingRowsMs: number;
  containers: number;
  hourlyRows: number;
};

export function createDatadogSource(datadog: Config["datadog"], options: DatadogSourceOptions = {}): SyncSource {
  return {
    name: "datadog",
    label: "Datadog",
    requestCostCents: 0, // metric queries are not billed per request
    run: (ctx) => runDatadogSync(ctx, datadog, options),
  };
}

async function runDatadogSync(ctx: SourceContext, datadog: Config["datadog"], options: DatadogSourceOptions) {
  if (!datadog.apiKey || !datadog.appKey) throw new Error("Datadog is not configured: set DD_API_KEY and DD_APP_KEY.");
  const settings = await getRightsizingSettings(ctx.db);
  const plan = planQueries({
    now: ctx.now,
    windowDays: settings.windowDays,
    teamTagKey: settings.teamTagKey,
    envTagKey: settings.envTagKey,
    metrics: options.metrics,
  });
  let requests = 0;
  const client = createDatadogClient({
    baseUrl: datadog.baseUrl,
    apiKey: datadog.apiKey,
    appKey: datadog.appKey,
    onAttempt: () => {
      requests++;
      ctx.countRequest();
    },
    signal: ctx.signal,
    log: ctx.log,
    sleep: options.sleep,
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs,
    maxAnswerBytes: options.maxAnswerBytes,
  });

  const builder = createUsageBuilder(plan, settings.teamTagKey, settings.envTagKey);
  // Every answer's rows in the same memory: the builder keeps none of them once it has folded an answer in.
  const rows = createRowBuffer();
  const total = plan.queries.length + 2;
  let fetchMs = 0;
  let parseMs = 0;
  let statisticsMs = 0;
  for (const [i, query] of plan.queries.entries()) {
    ctx.progress(`Fetching ${query.metric} (${i + 1}/${plan.queries.length})`, i, total);
    let started = performance.now();
    const parsedBefore = client.timings.parseMs;
    const series = await client.queryTimeseries(query, plan.window, rows);
    const parsed = client.timings.parseMs - parsedBefore;
    parseMs += parsed;
    fetchMs += performance.now() - started - parsed;
    started = performance.now();
    builder.add(query, series);
    statisticsMs += performance.now() - started;
  }

  ctx.progress("Computing statistics", plan.queries.length, total);
  let started = performance.now();
  const built = builder.finish();
  statisticsMs += performance.now() - started;
  if (built.usages.length === 0) {
    throw new Error(
      `Datadog returned no container usage (${plan.queries[0]!.metric}) from ${datadog.baseUrl} for ${plan.window.windowStart} onwards. ` +
        "Check that the Datadog Agent's kubelet check runs in your clusters and that the keys belong to that organisation. The previous data is kept.",
    );
  }

  ctx.progress(`Storing ${built.usages.length.toLocaleString("en-US")} containers`, plan.queries.length + 1, total);
  started = performance.now();
  let stored: { containers: number; hours: number };
  let swapStarted = started;
  try {
    await clearStaging(ctx.db);
    await stageContainers(ctx.db.sql, ctx.runId, built.usages);
    const stagedHours = await stageUsageHours(ctx.db.sql, ctx.runId, built.usages, built.hours, {
      fromSec: plan.window.fromSec,
      slotSeconds: built.slotSeconds,
    });
    if (ctx.signal.aborted)
      throw new Error("Sync cancelled before the new Kubernetes snapshot was stored; the previous one is kept");
    swapStarted = performance.now();
    stored = await swapSnapshot(ctx.db, ctx.runId, { containers: built.usages.length, hours: stagedHours });
  } catch (err) {
    await dropStaged(ctx.db, ctx.runId);
    throw err;
  }
  // Accepted rows are compared with the requests just stored: applied, drifted or changed is detected here, once
  // per snapshot. The snapshot is already in; a failure here is reported in the run's notes, never undoes it.
  let decisionNote: string | null = null;
  try {
    const checked = await checkDecisions(ctx.db, ctx.now);
    if (checked.checked > 0)
      decisionNote = `${checked.checked} accepted recommendation${checked.checked === 1 ? "" : "s"} checked against the new requests; ${checked.changed} changed state`;
  } catch (err) {
    decisionNote = `Could not check the accepted recommendations against the new requests: ${(err as Error).message}. The next sync tries again.`;
  }
  const storeMs = performance.now() - started;
  const swapMs = performance.now() - swapStarted;
  // The rightsizing rows of the new snapshot, computed now in this process: the first rightsizing read after the
  // sync here (the server's own scheduled sync, "Sync now") finds them in memory instead of paying for them. Storing
  // them in the swap instead was measured no faster to read back than computing them (README, Benchmarks), so a
  // process that did not run the sync computes them at its first read. A failure here only leaves that read slower.
  started = performance.now();
  await getRightsizingContext(ctx.db).catch(() => {});
  const rightsizingRowsMs = performance.now() - started;
  ctx.addRows(stored.containers + stored.hours);
  options.onTimings?.({
    requests,
    fetchMs,
    parseMs,
    statisticsMs,
    storeMs,
    swapMs,
    rightsizingRowsMs,
    containers: stored.containers,
    hourlyRows: stored.hours,
  });

  const notes = [
    `${stored.containers.toLocaleString("en-US")} containers of ${built.workloads.toLocaleString("en-US")} workloads over ${plan.window.windowDays} days ` +
      `from ${requests} requests; CPU percentiles over ${plan.statsIntervalSeconds} s averages, peaks over ${plan.chartIntervalSeconds} s maxima`,
    ...built.notes,
    ...(decisionNote ? [decisionNote] : []),
  ];
  if (ctx.range)
    notes.push(
      `--from/--to do not apply to Datadog: it always reads the last ${plan.window.windowDays} days (Settings → rightsizing window)`,
    );
  return { range: { from: plan.window.windowStart, to: toUtcDayEnd(plan.window.toSec) }, notes };
}
