// One GetCostAndUsage page: at most `pageSize` groups from `offset`, counted across periods, so a
// period's groups can continue on the next page (in a ResultsByTime entry with the same TimePeriod).
// Keys in the alphabetical order of AWS's wire format (the API reference's sample response).
import { formatDay } from "@/emulators/demo/spend-days";
import { aggregatePeriod, type CostAndUsagePlan } from "./aggregate";
import { formatQuantity, formatUnits } from "./amounts";
import { toAccountName, type Dataset } from "./dataset";
import { encodeToken } from "./paging";

export function toCostAndUsagePage(dataset: Dataset, plan: CostAndUsagePlan, offset: number, fingerprint: string) {
  const { metrics, periods, groupKeys, request, total } = plan;
  const isGrouped = request.groupBy.length > 0;
  const end = isGrouped ? offset + dataset.pageSize : total;
  const isLastPage = end >= total;
  const toMetrics = (values: Float64Array, index: number) =>
    Object.fromEntries(
      metrics.map((metric, i) => {
        const value = values[index * metrics.length + i] ?? 0;
        const isQuantity = metric === "UsageQuantity" || metric === "NormalizedUsageAmount";
        return [
          metric,
          { Amount: isQuantity ? formatQuantity(value) : formatUnits(value), Unit: isQuantity ? "N/A" : "USD" },
        ];
      }),
    );
  const accounts = new Set<string>();
  const accountColumn = request.groupBy.findIndex((g) => g.Type === "DIMENSION" && g.Key === "LINKED_ACCOUNT");
  const resultsByTime = [];
  for (const period of periods) {
    const last = period.first + period.count;
    const overlaps = period.first < end && last > offset;
    // A period without groups goes on the page where its position falls (the last page takes the tail).
    const isEmptyHere = period.count === 0 && period.first >= offset && (period.first < end || isLastPage);
    if (isGrouped && !overlaps && !isEmptyHere) continue;
    const { groups, values } = aggregatePeriod(dataset, plan, period);
    if (isGrouped && groups.length !== period.count)
      throw new Error(
        `internal: period ${formatDay(period.start)} has ${groups.length} groups, planned ${period.count}.`,
      );
    const pageGroups = [];
    if (isGrouped) {
      for (let i = Math.max(0, offset - period.first); i < Math.min(groups.length, end - period.first); i++) {
        const keys = groupKeys[groups[i] ?? 0] ?? [];
        if (accountColumn >= 0) accounts.add(keys[accountColumn] ?? "");
        pageGroups.push({ Keys: keys, Metrics: toMetrics(values, i) });
      }
    }
    resultsByTime.push({
      Estimated: period.estimated,
      Groups: pageGroups,
      TimePeriod: { End: formatDay(period.end), Start: formatDay(period.start) },
      Total: isGrouped ? {} : toMetrics(values, 0),
    });
  }
  return {
    DimensionValueAttributes: [...accounts]
      .sort()
      .map((id) => ({ Attributes: { description: toAccountName(dataset, id) ?? id }, Value: id })),
    ...(isGrouped ? { GroupDefinitions: request.groupBy.map((g) => ({ Key: g.Key, Type: g.Type })) } : {}),
    ...(isGrouped && !isLastPage ? { NextPageToken: encodeToken(end, fingerprint) } : {}),
    ResultsByTime: resultsByTime,
  };
}

export type CostAndUsagePage = ReturnType<typeof toCostAndUsagePage>;

/** The "dropped page" fault: the page arrives, well formed, but its groups are gone. */
export function withoutGroups(page: CostAndUsagePage): CostAndUsagePage {
  return { ...page, ResultsByTime: page.ResultsByTime.map((result) => ({ ...result, Groups: [] })) };
}

export function hasGroups(page: CostAndUsagePage): boolean {
  return page.ResultsByTime.some((result) => result.Groups.length > 0);
}
