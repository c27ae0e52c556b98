// GetCostAndUsage: scans the day range of the columnar table once, sums every metric per period and
// group in integer 1e-8 USD (exact, so groups add up to the ungrouped Total to the unit), then cuts
// the result into pages of a fixed number of groups (a day's groups may continue on the next page).
import { firstOfMonth, formatDay } from "../demo/spend-days";
import { RECORD_TYPES, toAmortized, toNet, UNITS_PER_USD } from "../demo/spend-table";
import { formatQuantity, formatUnits } from "./amounts";
import { isEstimated, toCompletenessPercent } from "./calendar";
import { listDimensionValuesByKey, listTagValuesByKey, toAccountName, toVisibleDays, type Dataset } from "./dataset";
import { compileFilter } from "./filter";
import { encodeToken } from "./paging";
import type { CostAndUsageRequest, Grouping, MetricName } from "./validate";

type Period = { start: number; end: number; estimated: boolean; first: number };

export type CostAndUsageResult = {
  request: CostAndUsageRequest;
  /** Metrics in the order AWS writes them (alphabetical). */
  metrics: MetricName[];
  periods: Period[];
  /** Flattened (period, group) entries: group index and metric values (entry × metrics.length). */
  entryGroup: number[];
  entryValues: number[];
  groupKeys: string[][];
};

const RECORD = Object.fromEntries(RECORD_TYPES.map((type, i) => [type, i])) as Record<(typeof RECORD_TYPES)[number], number>;
const LATE = new Set([RECORD.Usage, RECORD.SavingsPlanCoveredUsage, RECORD.SavingsPlanNegation]);
const WITH_QUANTITY = new Set([RECORD.Usage, RECORD.SavingsPlanCoveredUsage]);

export function aggregateCostAndUsage(dataset: Dataset, request: CostAndUsageRequest): CostAndUsageResult {
  const { table, nowDay } = dataset;
  const { keys } = table;
  const mask = compileFilter(dataset, request.filter);
  const { groupOfKey, groupKeys, rank } = listGroups(dataset, request.groupBy, mask);
  const metrics = [...request.metrics].sort();
  const m = metrics.length;
  const wantsQuantity = metrics.includes("UsageQuantity");
  const acc = new Float64Array(groupKeys.length * m);
  const seen = new Uint8Array(groupKeys.length);
  const result: CostAndUsageResult = { request, metrics, periods: [], entryGroup: [], entryValues: [], groupKeys };

  for (const { start, end } of listPeriods(request)) {
    const period: Period = { start, end, estimated: false, first: result.entryGroup.length };
    for (let day = start; day < end; day++) period.estimated ||= isEstimated(day, nowDay);
    const touched: number[] = request.groupBy.length === 0 ? [0] : [];
    const visible = toVisibleDays(dataset, start, end);
    for (let day = visible.from; day < visible.to; day++) {
      const percent = toCompletenessPercent(day, nowDay);
      const rowEnd = table.dayStart[day - table.firstDay + 1] ?? 0;
      for (let row = table.dayStart[day - table.firstDay] ?? 0; row < rowEnd; row++) {
        const key = table.key[row] ?? 0;
        const group = groupOfKey[key] ?? -1;
        if (group < 0) continue;
        if (!seen[group]) {
          seen[group] = 1;
          if (request.groupBy.length > 0) touched.push(group);
        }
        const recordType = keys.recordType[key] ?? 0;
        const raw = table.unblended[row] ?? 0;
        const unblended = LATE.has(recordType) ? Math.trunc((raw * percent) / 100) : raw;
        const amortized = toAmortized(keys.amortize[key] ?? 0, unblended);
        const isUsage = recordType === RECORD.Usage;
        const quantity =
          wantsQuantity && WITH_QUANTITY.has(recordType) ? (Math.abs(unblended) * (table.unitsPerUsd[keys.service[key] ?? 0] ?? 0)) / UNITS_PER_USD : 0;
        for (let i = 0; i < m; i++) {
          acc[group * m + i] = (acc[group * m + i] ?? 0) + toMetric(metrics[i], unblended, amortized, isUsage, quantity);
        }
      }
    }
    touched.sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0));
    for (const group of touched) {
      result.entryGroup.push(group);
      for (let i = 0; i < m; i++) {
        result.entryValues.push(acc[group * m + i] ?? 0);
        acc[group * m + i] = 0;
      }
      seen[group] = 0;
    }
    result.periods.push(period);
  }
  return result;
}

function toMetric(metric: MetricName | undefined, unblended: number, amortized: number, isUsage: boolean, quantity: number): number {
  switch (metric) {
    case "UnblendedCost":
    case "BlendedCost": // one payer, no consolidated-billing blending: blended = unblended
      return unblended;
    case "NetUnblendedCost":
      return toNet(isUsage, unblended);
    case "AmortizedCost":
      return amortized;
    case "NetAmortizedCost":
      return toNet(isUsage, amortized);
    case "UsageQuantity":
      return quantity;
    default: // NormalizedUsageAmount: only meaningful for reservations, which the demo company has none of
      return 0;
  }
}

/** DAILY: one period per day; MONTHLY: calendar months cut to the requested range. */
function listPeriods(request: CostAndUsageRequest): { start: number; end: number }[] {
  const periods: { start: number; end: number }[] = [];
  for (let start = request.range.start; start < request.range.end; ) {
    const end = request.granularity === "DAILY" ? start + 1 : Math.min(firstOfMonth(start, 1), request.range.end);
    periods.push({ start, end });
    start = end;
  }
  return periods;
}

/** Group of every line key (-1 when filtered out), each group's keys, and its rank in AWS's key order. */
function listGroups(dataset: Dataset, groupBy: Grouping[], mask: Uint8Array) {
  const columns = groupBy.map((grouping) =>
    grouping.Type === "TAG"
      ? listTagValuesByKey(dataset, grouping.Key).map((value) => `${grouping.Key}$${value}`)
      : listDimensionValuesByKey(dataset, grouping.Key),
  );
  const groupOfKey = new Int32Array(mask.length).fill(-1);
  const groupKeys: string[][] = groupBy.length === 0 ? [[]] : [];
  const index = new Map<string, number>();
  for (let key = 0; key < mask.length; key++) {
    if (!mask[key]) continue;
    if (groupBy.length === 0) {
      groupOfKey[key] = 0;
      continue;
    }
    const values = columns.map((column) => column[key] ?? "");
    const text = values.join("\u0000");
    let group = index.get(text);
    if (group === undefined) {
      group = groupKeys.push(values) - 1;
      index.set(text, group);
    }
    groupOfKey[key] = group;
  }
  const order = groupKeys.map((_, i) => i).sort((a, b) => compareKeys(groupKeys[a] ?? [], groupKeys[b] ?? []));
  const rank = new Int32Array(groupKeys.length);
  order.forEach((group, position) => (rank[group] = position));
  return { groupOfKey, groupKeys, rank };
}

// Ordinal (code unit) order, as in real answers: "AWS Lambda" < "Amazon …" < "AmazonCloudWatch" < "Tax";
// except that real answers place "EC2 - Other" as if it were named "Amazon EC2 - Other" (see fixtures).
const SORTS_AS: Record<string, string> = { "EC2 - Other": "Amazon EC2 - Other" };

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = SORTS_AS[a[i] ?? ""] ?? a[i] ?? "";
    const y = SORTS_AS[b[i] ?? ""] ?? b[i] ?? "";
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** One page of the answer, keys in AWS's (alphabetical) order; groups from `offset`, at most `pageSize`. */
export function toCostAndUsagePage(dataset: Dataset, result: CostAndUsageResult, offset: number, fingerprint: string) {
  const { metrics, periods, entryGroup, entryValues, groupKeys, request } = result;
  const isGrouped = request.groupBy.length > 0;
  const total = entryGroup.length;
  const end = isGrouped ? offset + dataset.pageSize : total;
  const isLastPage = end >= total;
  const toMetrics = (entry: number) =>
    Object.fromEntries(
      metrics.map((metric, i) => {
        const value = entryValues[entry * metrics.length + i] ?? 0;
        const isQuantity = metric === "UsageQuantity" || metric === "NormalizedUsageAmount";
        return [metric, { Amount: isQuantity ? formatQuantity(value) : formatUnits(value), Unit: isQuantity ? "N/A" : "USD" }];
      }),
    );
  const accounts = new Set<string>();
  const accountColumn = request.groupBy.findIndex((g) => g.Type === "DIMENSION" && g.Key === "LINKED_ACCOUNT");
  const resultsByTime = [];
  for (let p = 0; p < periods.length; p++) {
    const period = periods[p];
    if (!period) continue;
    const first = period.first;
    const last = periods[p + 1]?.first ?? total;
    const overlaps = first < end && last > offset;
    const isEmptyHere = first === last && first >= offset && (first < end || isLastPage);
    if (isGrouped && !overlaps && !isEmptyHere) continue;
    const groups = [];
    if (isGrouped) {
      for (let entry = Math.max(first, offset); entry < Math.min(last, end); entry++) {
        const keysOfGroup = groupKeys[entryGroup[entry] ?? 0] ?? [];
        if (accountColumn >= 0) accounts.add(keysOfGroup[accountColumn] ?? "");
        groups.push({ Keys: keysOfGroup, Metrics: toMetrics(entry) });
      }
    }
    resultsByTime.push({
      Estimated: period.estimated,
      Groups: groups,
      TimePeriod: { End: formatDay(period.end), Start: formatDay(period.start) },
      Total: isGrouped ? {} : toMetrics(first),
    });
  }
  return {
    DimensionValueAttributes: [...accounts].sort().map((id) => ({ Attributes: { description: toAccountName(dataset, id) ?? id }, Value: id })),
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
