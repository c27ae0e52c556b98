// The Cost Explorer query plan (ARCHITECTURE.md "Cost Explorer query plan"): which exact combinations the sync
// stores, the requests that fetch them, and which days a run refreshes. Pure: no clock, no database, no SDK.
import { addDays, addMonths, daysBetween, startOfMonth, toDay } from "@/lib/dates";
import { badInput } from "@/lib/errors";
import type { DayRange } from "@/lib/sync/types";

/** Our columns; the three tag columns map to configurable AWS tag keys (config.aws.tagKeys). */
export type Column = "department" | "project" | "environment" | "service" | "account";
export type TagColumn = "department" | "project" | "environment";
export type TagKeys = Record<TagColumn, string>;

/** Every exact combination, named by its columns in this fixed order (cost_daily.dataset). */
export const DATASETS = [
  "department,project,environment",
  "department,service",
  "project,service",
  "environment,service",
  "department,account",
  "project,account",
  "environment,account",
  "service,account",
] as const;
export type DatasetName = (typeof DATASETS)[number];

/** One GetCostAndUsage request (and its pages): two GroupBys, optionally filtered to one environment value. */
export type CostRequest = {
  dataset: DatasetName;
  groupBy: [Column, Column];
  /** Only for the three-tag dataset: the environment value ("" = untagged, fetched with MatchOptions ABSENT). */
  environment?: string;
  /** What a person reads in the progress line: "department × project, environment=production". */
  label: string;
};

const LABELS: Record<Column, string> = {
  department: "department",
  project: "project",
  environment: "environment",
  service: "service",
  account: "account",
};

function request(dataset: DatasetName, groupBy: [Column, Column], environment?: string): CostRequest {
  const base = `${LABELS[groupBy[0]]} × ${LABELS[groupBy[1]]}`;
  const where = environment === undefined ? "" : `, environment=${environment === "" ? "(untagged)" : environment}`;
  return { dataset, groupBy, ...(environment === undefined ? {} : { environment }), label: base + where };
}

/**
 * Fetched first: environment × account lists every environment value that has spend in the range (untagged
 * as ""), which the three-tag requests filter on. It replaces a GetTags call (one paid request less, and the
 * values come from the same data, so none can appear in between).
 */
export const ENVIRONMENT_VALUES_REQUEST = request("environment,account", ["environment", "account"]);

/** The grouped requests after the environment × account one, given the environment values it found. */
export function listCostRequests(environmentValues: Iterable<string>): CostRequest[] {
  const values = [...new Set(environmentValues)].sort();
  return [
    ...values.map((value) => request("department,project,environment", ["department", "project"], value)),
    request("department,service", ["department", "service"]),
    request("project,service", ["project", "service"]),
    request("environment,service", ["environment", "service"]),
    request("department,account", ["department", "account"]),
    request("project,account", ["project", "account"]),
    request("service,account", ["service", "account"]),
  ];
}

/** Requests a run makes before the grouped ones: ListCostAllocationTags and the ungrouped daily totals. */
export const FIXED_REQUESTS = 2;

type CostExplorerGrouping = { Type: "TAG" | "DIMENSION"; Key: string };

export function toGroupDefinition(column: Column, tagKeys: TagKeys): CostExplorerGrouping {
  if (column === "service") return { Type: "DIMENSION", Key: "SERVICE" };
  if (column === "account") return { Type: "DIMENSION", Key: "LINKED_ACCOUNT" };
  return { Type: "TAG", Key: tagKeys[column] };
}

/** The Filter of a three-tag request: one environment value, or spend without the tag at all. */
export function toEnvironmentFilter(value: string, tagKeys: TagKeys) {
  return value === ""
    ? { Tags: { Key: tagKeys.environment, MatchOptions: ["ABSENT" as const] } }
    : { Tags: { Key: tagKeys.environment, Values: [value] } };
}

/** How long ago Cost Explorer keeps data: from the 1st of the month 13 months back (AWS's default window). */
export function toHistoryStart(today: string): string {
  return addMonths(startOfMonth(today), -13);
}

/** Days already stored, as cost_day knows them. */
export type StoredDays = { lastDay: string | null; firstEstimatedDay: string | null };

/** Days at the end refetched even when final: usage keeps arriving for a day or two. */
export const RECENT_DAYS = 3;

/**
 * Which days a run refreshes, half-open, ending today (exclusive): Cost Explorer has no usage for today yet (it
 * arrives over the next two days, which the next runs refetch), so today would only store a zero or partial day.
 * - `asked` (--from/--to): as given, with the end cut at today.
 * - nothing stored: backfill from the 1st of the month 13 months back.
 * - else: from the earliest of every day still Estimated (this covers the previous month until AWS finalises
 *   it), the last RECENT_DAYS days, and the day after the last stored one (a gap after a pause).
 * Days before the history window are never asked for, so days Cost Explorer no longer serves are kept.
 */
export function planSyncRange(opts: { now: Date; asked: DayRange | undefined; stored: StoredDays }): DayRange {
  const today = toDay(opts.now);
  if (opts.asked) {
    if (opts.asked.from >= today)
      throw badInput(
        `--from ${opts.asked.from} is not before today (${today}): Cost Explorer has no spend for it yet.`,
      );
    return { from: opts.asked.from, to: opts.asked.to < today ? opts.asked.to : today };
  }
  const historyStart = toHistoryStart(today);
  const { lastDay, firstEstimatedDay } = opts.stored;
  if (lastDay === null) return { from: historyStart, to: today };
  const candidates = [addDays(today, -RECENT_DAYS), addDays(lastDay, 1)];
  if (firstEstimatedDay !== null) candidates.push(firstEstimatedDay);
  const earliest = candidates.sort()[0] ?? today;
  return { from: earliest < historyStart ? historyStart : earliest, to: today };
}

/** Every day of a range, in order. */
export function listDays(range: DayRange): string[] {
  const n = daysBetween(range.from, range.to);
  return Array.from({ length: n }, (_, i) => addDays(range.from, i));
}

/** Pages a request needs at `pageSize` groups a page: never fewer than one, even without groups. */
export function countPages(groups: number, pageSize: number): number {
  return Math.max(1, Math.ceil(groups / pageSize));
}

/** Pages a request will take, from how many of the range's days its first `page` pages covered. */
export function estimatePages(range: DayRange, page: number, lastStart: string | undefined): number {
  const covered = lastStart ? daysBetween(range.from, lastStart) + 1 : 0;
  const total = daysBetween(range.from, range.to);
  if (covered <= 0) return page + 1;
  return Math.max(page + 1, Math.ceil((page * total) / covered));
}

/**
 * What the same data would cost with a naive plan that asks one day at a time (the console's habit, and what a
 * loop over days does): every request kind once per day, at least one page each.
 */
export function countNaiveRequests(opts: { days: number; environmentValues: number }): number {
  // The three-tag dataset takes one request per environment value; the other seven one each; plus the totals.
  const perDay = opts.environmentValues + (DATASETS.length - 1) + 1;
  return 1 + opts.days * perDay;
}
