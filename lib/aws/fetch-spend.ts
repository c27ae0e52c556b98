// Fetching: each request over the whole range at DAILY granularity, page after page (the next page is asked for
// while the current one is written), every page parsed and streamed into staging, never held in memory.
import {
  GetCostAndUsageCommand,
  ListCostAllocationTagsCommand,
  type CostExplorerClient,
  type GetCostAndUsageCommandInput,
} from "@aws-sdk/client-cost-explorer";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { STORED_METRICS, type Metric } from "@/lib/metrics";
import type { DayRange } from "@/lib/sync/types";
import { sendWithRetries, type RetryPolicy } from "./client";
import {
  estimatePages,
  toEnvironmentFilter,
  toGroupDefinition,
  type Column,
  type CostRequest,
  type TagColumn,
  type TagKeys,
} from "./query-plan";
import { findMissingDays, findUnexpectedDays } from "./reconcile";
import {
  listAccountNames,
  malformed,
  parseCostAllocationTags,
  parseCostAndUsagePage,
  toDailyTotals,
  toGroupRows,
  type CostAndUsagePage,
  type GroupRows,
} from "./reshape";
import { createStagingWriter, insertStagedDays, type StagedBatch } from "./store";

/** Cost Explorer's name for each metric. */
const COST_EXPLORER_NAMES: Record<Metric, string> = {
  unblended: "UnblendedCost",
  amortized: "AmortizedCost",
  net_amortized: "NetAmortizedCost",
};
/** What every request asks for, in the stored columns' order: pages are read back in that order (amounts[m]). */
export const COST_EXPLORER_METRICS = STORED_METRICS.map((m) => COST_EXPLORER_NAMES[m]);

export type FetchContext = {
  client: CostExplorerClient;
  db: Db;
  runId: number;
  range: DayRange;
  tagKeys: TagKeys;
  signal: AbortSignal;
  countRequest(): void;
  policy?: RetryPolicy;
  /** One attempt, answer included. */
  timeoutMs: number;
  /** Drives the progress line: a page is being asked for; the number of requests planned changed by n. */
  progress: { asking(phase: string): void; addPlanned(n: number): void };
  /** Linked account names seen so far (DimensionValueAttributes). */
  accounts: Map<string, string>;
};

const TAG_ENV = {
  department: "COSTWISE_TAG_DEPARTMENT",
  project: "COSTWISE_TAG_PROJECT",
  environment: "COSTWISE_TAG_ENVIRONMENT",
} as const;

/** ListCostAllocationTags: every configured tag key must be activated, or Cost Explorer reads it as absent. */
export async function checkCostAllocationTags(fc: FetchContext): Promise<void> {
  const keys = Object.values(fc.tagKeys);
  const status = new Map<string, string>();
  let token: string | undefined;
  let page = 1;
  do {
    const where = `ListCostAllocationTags${page > 1 ? ` (page ${page})` : ""}`;
    if (page > 1) fc.progress.addPlanned(1);
    fc.progress.asking(`Checking that the tag keys are activated${page > 1 ? ` (page ${page})` : ""}`);
    const out = await sendWithRetries(
      (abortSignal) =>
        fc.client.send(new ListCostAllocationTagsCommand({ TagKeys: keys, NextToken: token }), { abortSignal }),
      {
        operation: "ListCostAllocationTags",
        where,
        countRequest: fc.countRequest,
        signal: fc.signal,
        policy: fc.policy,
        timeoutMs: fc.timeoutMs,
      },
    );
    const parsed = parseCostAllocationTags(out, where);
    for (const tag of parsed.CostAllocationTags) status.set(tag.TagKey, tag.Status);
    token = parsed.NextToken;
    page++;
  } while (token);
  const problems = (Object.entries(fc.tagKeys) as [TagColumn, string][]).flatMap(([column, key]) => {
    const s = status.get(key);
    if (s === "Active") return [];
    if (s === undefined) {
      return [
        `Tag key "${key}" (${column}) is unknown to Cost Explorer: no resource has carried it. Check the spelling, or set ${TAG_ENV[column]} to the key you use.`,
      ];
    }
    return [
      `Tag key "${key}" (${column}) is not activated for cost allocation (status ${s}), so Cost Explorer cannot group spend by it. ` +
        `Activate it in the AWS Billing console → Cost allocation tags, or: aws ce update-cost-allocation-tags-status ` +
        `--cost-allocation-tags-status TagKey=${key},Status=Active (AWS applies it within 24 hours, to spend from then on).`,
    ];
  });
  if (problems.length) throw new AppError("failed", problems.join("\n"));
}

/**
 * Follows NextPageToken. The next page is requested as soon as a page is parsed, so the network and the
 * database work at the same time; a day's groups may continue on the next page (rows are simply appended).
 */
export async function forEachPage(
  fc: FetchContext,
  label: string,
  input: GetCostAndUsageCommandInput,
  onPage: (page: CostAndUsagePage, where: string) => Promise<void>,
): Promise<number> {
  const ask = (token: string | undefined, page: number) => {
    const where = `GetCostAndUsage (${label}${page > 1 ? `, page ${page}` : ""})`;
    fc.progress.asking(`Fetching spend by ${label}${page > 1 ? ` (page ${page})` : ""}`);
    const answer = sendWithRetries(
      (abortSignal) => fc.client.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }), { abortSignal }),
      {
        operation: "GetCostAndUsage",
        where,
        countRequest: fc.countRequest,
        signal: fc.signal,
        policy: fc.policy,
        timeoutMs: fc.timeoutMs,
      },
    ).then((out) => ({ page: parseCostAndUsagePage(out, where), where }));
    answer.catch(() => {}); // awaited below; this only keeps an abandoned prefetch from being "unhandled"
    return answer;
  };
  let page = 1;
  let expected = 1;
  let pending: ReturnType<typeof ask> | null = ask(undefined, page);
  while (pending) {
    const { page: answer, where }: Awaited<ReturnType<typeof ask>> = await pending;
    // AWS says nothing about how many pages follow; the share of days covered so far gives an estimate.
    const estimate = answer.NextPageToken
      ? estimatePages(fc.range, page, answer.ResultsByTime.at(-1)?.TimePeriod.Start)
      : page;
    fc.progress.addPlanned(estimate - expected);
    expected = estimate;
    pending = answer.NextPageToken ? ask(answer.NextPageToken, ++page) : null;
    await onPage(answer, where);
  }
  return page;
}

export const baseInput = (fc: FetchContext): GetCostAndUsageCommandInput => ({
  TimePeriod: { Start: fc.range.from, End: fc.range.to },
  Granularity: "DAILY",
  Metrics: [...COST_EXPLORER_METRICS],
});

/** The ungrouped request: daily totals (Total is only filled without GroupBy) and the Estimated flags. */
export async function fetchDailyTotals(fc: FetchContext): Promise<{ days: string[]; estimated: number }> {
  const label = "day (daily totals)";
  const days: string[] = [];
  let estimated = 0;
  await forEachPage(fc, label, baseInput(fc), async (page, where) => {
    const totals = toDailyTotals(page, where, { metrics: COST_EXPLORER_METRICS, granularity: "DAILY" });
    const [unblended = [], amortized = [], netAmortized = []] = totals.amounts;
    await insertStagedDays(fc.db, fc.runId, {
      days: totals.days,
      estimated: totals.estimated,
      unblended,
      amortized,
      netAmortized,
    });
    days.push(...totals.days);
    estimated += totals.estimated.filter(Boolean).length;
  });
  const missing = findMissingDays(fc.range, days);
  const unexpected = findUnexpectedDays(fc.range, days);
  if (missing.length || unexpected.length) {
    const detail = [
      missing.length
        ? `no total for ${missing.length} day(s) of the range (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""})`
        : "",
      unexpected.length ? `totals repeated or outside the range for ${unexpected.slice(0, 5).join(", ")}` : "",
    ].filter(Boolean);
    throw malformed(`GetCostAndUsage (${label})`, detail.join("; "));
  }
  return { days, estimated };
}

/** One grouped request and all its pages into staging; `onRows` sees each page's rows (e.g. to collect values). */
export async function fetchGrouped(
  fc: FetchContext,
  request: CostRequest,
  onRows?: (rows: GroupRows) => void,
): Promise<{ rows: number; pages: number }> {
  const groupBy = request.groupBy.map((column) => toGroupDefinition(column, fc.tagKeys));
  const input: GetCostAndUsageCommandInput = {
    ...baseInput(fc),
    GroupBy: groupBy,
    ...(request.environment === undefined ? {} : { Filter: toEnvironmentFilter(request.environment, fc.tagKeys) }),
  };
  let rows = 0;
  const writer = createStagingWriter(fc.db, fc.runId, request.dataset);
  try {
    const pages = await forEachPage(fc, request.label, input, async (page, where) => {
      const groupRows = toGroupRows(page, where, { metrics: COST_EXPLORER_METRICS, granularity: "DAILY", groupBy });
      for (const [id, name] of listAccountNames(page)) fc.accounts.set(id, name);
      onRows?.(groupRows);
      await writer.add(toStagedBatch(request, groupRows));
      rows += groupRows.count;
    });
    await writer.close();
    return { rows, pages };
  } catch (err) {
    await writer.settle();
    throw err;
  }
}

export function toStagedBatch(request: CostRequest, rows: GroupRows): StagedBatch {
  const column = (name: Column): string[] => {
    const index = request.groupBy.indexOf(name);
    if (index >= 0) return rows.values[index] ?? [];
    if (name === "environment" && request.environment !== undefined)
      return new Array<string>(rows.count).fill(request.environment);
    return [];
  };
  const [unblended = [], amortized = [], netAmortized = []] = rows.amounts;
  return {
    count: rows.count,
    day: rows.days,
    department: column("department"),
    project: column("project"),
    environment: column("environment"),
    service: column("service"),
    account: column("account"),
    unblended,
    amortized,
    netAmortized,
  };
}
