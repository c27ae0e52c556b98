// Fetching the usage-type requests (usage-plan.ts): like the spend requests — one DAILY request over the range,
// page after page into staging — with UsageQuantity beside the three cost metrics.
import type { GetCostAndUsageCommandInput } from "@aws-sdk/client-cost-explorer";
import { baseInput, COST_EXPLORER_METRICS, forEachPage, type FetchContext } from "./fetch-spend";
import { malformed, toGroupRows, type CostAndUsagePage } from "./reshape";
import { toServiceFilter, toUsageGroupBy, type UsageRequest } from "./usage-plan";
import { insertStagedUsage } from "./usage-store";

const QUANTITY = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** UsageQuantity of every group of the page, in the order toGroupRows reads them. Its Unit is not money. */
export function toUsageQuantities(page: CostAndUsagePage, where: string): string[] {
  const quantities: string[] = [];
  page.ResultsByTime.forEach((result, r) =>
    (result.Groups ?? []).forEach((group, g) => {
      const amount = group.Metrics.UsageQuantity?.Amount;
      if (amount === undefined || !QUANTITY.test(amount))
        throw malformed(where, `ResultsByTime[${r}].Groups[${g}].Metrics.UsageQuantity is missing or not a number`);
      quantities.push(amount);
    }),
  );
  return quantities;
}

/** One usage request and its pages into staging; returns the rows and pages. */
export async function fetchUsage(fc: FetchContext, request: UsageRequest): Promise<{ rows: number; pages: number }> {
  const groupBy = toUsageGroupBy(request, fc.tagKeys);
  const input: GetCostAndUsageCommandInput = {
    ...baseInput(fc),
    Metrics: [...COST_EXPLORER_METRICS, "UsageQuantity"],
    GroupBy: groupBy,
    Filter: toServiceFilter(request),
  };
  let rows = 0;
  // Pages are written one after another (a page of usage rows is small: at most 1,000 groups).
  const pages = await forEachPage(fc, request.label, input, async (page, where) => {
    const groupRows = toGroupRows(page, where, { metrics: COST_EXPLORER_METRICS, granularity: "DAILY", groupBy });
    const quantity = toUsageQuantities(page, where);
    const [unblended = [], amortized = [], netAmortized = []] = groupRows.amounts;
    await insertStagedUsage(fc.db, fc.runId, request.dataset, request.service, {
      count: groupRows.count,
      day: groupRows.days,
      usageType: groupRows.values[0] ?? [],
      tag: groupRows.values[1] ?? [],
      unblended,
      amortized,
      netAmortized,
      quantity,
    });
    rows += groupRows.count;
  });
  return { rows, pages };
}
