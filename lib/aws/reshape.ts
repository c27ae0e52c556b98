// Cost Explorer answers → our rows, checked field by field (zod). Amounts stay the decimal strings AWS sends:
// Postgres numeric takes them exactly; nothing here parses money to a float.
import { z } from "zod";
import { addDays } from "@/lib/dates";
import { AppError } from "@/lib/errors";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a day as YYYY-MM-DD");
// AWS writes plain decimals ("3.3", "-0.0000000282"); an exponent is accepted too, Postgres numeric reads it exactly.
const amount = z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, "expected a decimal amount");
const metricValue = z.object({ Amount: amount, Unit: z.string() });
const metrics = z.record(z.string(), metricValue);

const costAndUsagePageSchema = z.object({
  ResultsByTime: z.array(
    z.object({
      TimePeriod: z.object({ Start: day, End: day }),
      Total: metrics.optional(),
      Groups: z.array(z.object({ Keys: z.array(z.string()), Metrics: metrics })).optional(),
      Estimated: z.boolean(),
    }),
  ),
  GroupDefinitions: z.array(z.object({ Type: z.string(), Key: z.string() })).optional(),
  DimensionValueAttributes: z
    .array(z.object({ Value: z.string(), Attributes: z.record(z.string(), z.string()).optional() }))
    .optional(),
  NextPageToken: z.string().min(1).optional(),
});
export type CostAndUsagePage = z.infer<typeof costAndUsagePageSchema>;

const costAllocationTagsSchema = z.object({
  CostAllocationTags: z.array(z.object({ TagKey: z.string(), Type: z.string().optional(), Status: z.string() })),
  NextToken: z.string().min(1).optional(),
});

export type Grouping = { Type: "TAG" | "DIMENSION"; Key: string };
export type Granularity = "DAILY" | "MONTHLY";
export type ShapeOptions = { metrics: readonly string[]; granularity: Granularity; groupBy?: readonly Grouping[] };

/** Rows of one page, column by column: values[g][i] is grouping g of row i, amounts[m][i] metric m. */
export type GroupRows = { count: number; days: string[]; values: string[][]; amounts: string[][] };
export type DailyTotals = { days: string[]; estimated: boolean[]; amounts: string[][] };

/** `where` names the request in messages: "GetCostAndUsage (department × service, page 2)". */
export function malformed(where: string, detail: string): AppError {
  return new AppError(
    "failed",
    `Cost Explorer sent a malformed answer to ${where}: ${detail}. Nothing was replaced; run the sync again, and report it if it repeats.`,
  );
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, where: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(answer)"}: ${i.message}`);
  throw malformed(where, issues.join("; "));
}

export const parseCostAndUsagePage = (raw: unknown, where: string) => parseWith(costAndUsagePageSchema, raw, where);
export const parseCostAllocationTags = (raw: unknown, where: string) => parseWith(costAllocationTagsSchema, raw, where);

/** A period must be one day (DAILY) or one calendar month cut to the range (MONTHLY). */
function checkPeriod(period: { Start: string; End: string }, granularity: Granularity, where: string, at: string) {
  const isDaily = period.End === addDays(period.Start, 1);
  const isMonthly = period.End > period.Start && period.End.slice(0, 7) <= nextMonth(period.Start);
  if (granularity === "DAILY" ? !isDaily : !isMonthly) {
    throw malformed(
      where,
      `${at}.TimePeriod ${period.Start}..${period.End} is not one ${granularity === "DAILY" ? "day" : "month"}`,
    );
  }
}

function nextMonth(dayText: string): string {
  const [y, m] = [Number(dayText.slice(0, 4)), Number(dayText.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

function pickAmounts(
  record: z.infer<typeof metrics> | undefined,
  names: readonly string[],
  where: string,
  at: string,
): string[] {
  return names.map((name) => {
    const value = record?.[name];
    if (!value) throw malformed(where, `${at}.${name} is missing`);
    if (value.Unit !== "USD") throw malformed(where, `${at}.${name} is in ${value.Unit}, not USD`);
    return value.Amount;
  });
}

/** "department$finance" → "finance"; "department$" (no tag) → ""; a dimension value as it is. */
export function toGroupValue(key: string, grouping: Grouping, where: string, at: string): string {
  if (grouping.Type === "DIMENSION") {
    if (key === "") throw malformed(where, `${at} has an empty ${grouping.Key}`);
    return key;
  }
  const prefix = `${grouping.Key}$`;
  if (!key.startsWith(prefix))
    throw malformed(where, `${at} is ${JSON.stringify(key)}, expected a key starting with ${JSON.stringify(prefix)}`);
  return key.slice(prefix.length);
}

/** The groups of one page of a grouped request, checked against the GroupBy that was asked for. */
export function toGroupRows(page: CostAndUsagePage, where: string, opts: ShapeOptions): GroupRows {
  const groupBy = opts.groupBy ?? [];
  if (
    page.GroupDefinitions &&
    JSON.stringify(page.GroupDefinitions.map((g) => [g.Type, g.Key])) !==
      JSON.stringify(groupBy.map((g) => [g.Type, g.Key]))
  ) {
    throw malformed(
      where,
      `GroupDefinitions ${JSON.stringify(page.GroupDefinitions)} differ from the GroupBy asked for`,
    );
  }
  const rows: GroupRows = { count: 0, days: [], values: groupBy.map(() => []), amounts: opts.metrics.map(() => []) };
  page.ResultsByTime.forEach((result, r) => {
    checkPeriod(result.TimePeriod, opts.granularity, where, `ResultsByTime[${r}]`);
    (result.Groups ?? []).forEach((group, g) => {
      const at = `ResultsByTime[${r}].Groups[${g}]`;
      if (group.Keys.length !== groupBy.length)
        throw malformed(where, `${at}.Keys has ${group.Keys.length} keys, expected ${groupBy.length}`);
      groupBy.forEach((grouping, k) =>
        rows.values[k]!.push(toGroupValue(group.Keys[k]!, grouping, where, `${at}.Keys[${k}]`)),
      );
      pickAmounts(group.Metrics, opts.metrics, where, `${at}.Metrics`).forEach((a, m) => rows.amounts[m]!.push(a));
      rows.days.push(result.TimePeriod.Start);
      rows.count++;
    });
  });
  return rows;
}

/** The ungrouped answer: one Total per period, with its Estimated flag. */
export function toDailyTotals(page: CostAndUsagePage, where: string, opts: ShapeOptions): DailyTotals {
  const totals: DailyTotals = { days: [], estimated: [], amounts: opts.metrics.map(() => []) };
  page.ResultsByTime.forEach((result, r) => {
    const at = `ResultsByTime[${r}]`;
    checkPeriod(result.TimePeriod, opts.granularity, where, at);
    if (result.Groups?.length) throw malformed(where, `${at} has Groups in an ungrouped answer`);
    pickAmounts(result.Total, opts.metrics, where, `${at}.Total`).forEach((a, m) => totals.amounts[m]!.push(a));
    totals.days.push(result.TimePeriod.Start);
    totals.estimated.push(result.Estimated);
  });
  return totals;
}

/** Linked account names the page carries (GroupBy LINKED_ACCOUNT): id → name. */
export function listAccountNames(page: CostAndUsagePage): Map<string, string> {
  const names = new Map<string, string>();
  for (const { Value, Attributes } of page.DimensionValueAttributes ?? []) {
    const name = Attributes?.description;
    if (name) names.set(Value, name);
  }
  return names;
}
