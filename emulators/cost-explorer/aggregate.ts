// GetCostAndUsage: a plan (filter, groups, and how many groups each period has — one cheap pass) and
// the sums of one period at a time, in integer 1e-8 USD (exact, so groups add up to the ungrouped Total
// to the unit). Pages aggregate only their own periods, so memory stays at one page, whatever the range.
import { firstOfMonth } from "@/emulators/demo/spend-days";
import { RECORD_TYPES, toAmortized, toNet, UNITS_PER_USD } from "@/emulators/demo/spend-table";
import { isEstimated, toCompletenessPercent } from "./calendar";
import { listDimensionValuesByKey, listTagValuesByKey, toVisibleDays, type Dataset } from "./dataset";
import { compileFilter } from "./filter";
import type { CostAndUsageRequest, Grouping, MetricName } from "./validate";

export type Period = {
  start: number;
  end: number;
  estimated: boolean;
  /** Offset of its first group among all groups. */ first: number;
  count: number;
};

export type CostAndUsagePlan = {
  request: CostAndUsageRequest;
  /** Metrics in the order AWS writes them (alphabetical). */
  metrics: MetricName[];
  periods: Period[];
  /** Groups over all periods (what pages are cut from). */
  total: number;
  groupOfKey: Int32Array;
  groupKeys: string[][];
  rank: Int32Array;
};

const RECORD = Object.fromEntries(RECORD_TYPES.map((type, i) => [type, i])) as Record<
  (typeof RECORD_TYPES)[number],
  number
>;
const LATE = new Set([RECORD.Usage, RECORD.SavingsPlanCoveredUsage, RECORD.SavingsPlanNegation]);
const WITH_QUANTITY = new Set([RECORD.Usage, RECORD.SavingsPlanCoveredUsage]);

export function planCostAndUsage(dataset: Dataset, request: CostAndUsageRequest): CostAndUsagePlan {
  const { table, nowDay } = dataset;
  const mask = compileFilter(dataset, request.filter);
  const { groupOfKey, groupKeys, rank } = listGroups(dataset, request.groupBy, mask);
  const lastPeriod = new Int32Array(groupKeys.length).fill(-1);
  const periods: Period[] = [];
  let total = 0;
  listPeriods(request).forEach(({ start, end }, index) => {
    let estimated = false;
    for (let day = start; day < end; day++) estimated ||= isEstimated(day, nowDay);
    let count = request.groupBy.length === 0 ? 1 : 0;
    const { from, to } = toVisibleDays(dataset, start, end);
    const rowEnd = table.dayStart[to - table.firstDay] ?? 0;
    for (let row = table.dayStart[from - table.firstDay] ?? 0; row < rowEnd && request.groupBy.length > 0; row++) {
      const group = groupOfKey[table.key[row] ?? 0] ?? -1;
      if (group < 0 || lastPeriod[group] === index) continue;
      lastPeriod[group] = index;
      count++;
    }
    periods.push({ start, end, estimated, first: total, count });
    total += count;
  });
  return { request, metrics: [...request.metrics].sort(), periods, total, groupOfKey, groupKeys, rank };
}

/** The groups of one period in AWS's order, and their sums (group × metrics). */
export function aggregatePeriod(
  dataset: Dataset,
  plan: CostAndUsagePlan,
  period: Period,
): { groups: number[]; values: Float64Array } {
  const { table, nowDay } = dataset;
  const { keys } = table;
  const { metrics, groupOfKey, groupKeys, rank } = plan;
  const isGrouped = plan.request.groupBy.length > 0;
  const m = metrics.length;
  const wantsQuantity = metrics.includes("UsageQuantity");
  const acc = new Float64Array(groupKeys.length * m);
  const seen = new Uint8Array(groupKeys.length);
  const groups: number[] = isGrouped ? [] : [0];
  const visible = toVisibleDays(dataset, period.start, period.end);
  for (let day = visible.from; day < visible.to; day++) {
    const percent = toCompletenessPercent(day, nowDay);
    const rowEnd = table.dayStart[day - table.firstDay + 1] ?? 0;
    for (let row = table.dayStart[day - table.firstDay] ?? 0; row < rowEnd; row++) {
      const key = table.key[row] ?? 0;
      const group = groupOfKey[key] ?? -1;
      if (group < 0) continue;
      if (!seen[group]) {
        seen[group] = 1;
        if (isGrouped) groups.push(group);
      }
      const recordType = keys.recordType[key] ?? 0;
      const raw = table.unblended[row] ?? 0;
      const unblended = LATE.has(recordType) ? Math.trunc((raw * percent) / 100) : raw;
      const amortized = toAmortized(keys.amortize[key] ?? 0, unblended);
      const isUsage = recordType === RECORD.Usage;
      const quantity =
        wantsQuantity && WITH_QUANTITY.has(recordType)
          ? (Math.abs(unblended) * (table.unitsPerUsd[keys.usageType[key] ?? 0] ?? 0)) / UNITS_PER_USD
          : 0;
      for (let i = 0; i < m; i++) {
        acc[group * m + i] = (acc[group * m + i] ?? 0) + toMetric(metrics[i], unblended, amortized, isUsage, quantity);
      }
    }
  }
  groups.sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0));
  const values = new Float64Array(groups.length * m);
  groups.forEach((group, i) => values.set(acc.subarray(group * m, group * m + m), i * m));
  return { groups, values };
}

function toMetric(
  metric: MetricName | undefined,
  unblended: number,
  amortized: number,
  isUsage: boolean,
  quantity: number,
): number {
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
  for (let start = request.range.start; start < request.range.end;) {
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
// except that real answers place "EC2 - Other" as if it were named "Amazon EC2 - Other" (see testing/fixtures/cost-explorer/).
const SORTS_AS: Record<string, string> = { "EC2 - Other": "Amazon EC2 - Other" };

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = SORTS_AS[a[i] ?? ""] ?? a[i] ?? "";
    const y = SORTS_AS[b[i] ?? ""] ?? b[i] ?? "";
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
