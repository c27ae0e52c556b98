// What /tags and the `tags` export are asked for: a half-open day range and a cost metric, parsed from
// the URL or CLI flags with the same defaults, so a page and its download always show the same numbers.
import { addMonths, parseDay, startOfMonth, toDay } from "@/lib/dates";
import { badInput } from "@/lib/errors";
import { DEFAULT_METRIC, isMetric, METRICS, type Metric } from "@/lib/metrics";

export type TagsQuery = { from: string; to: string; metric: Metric };

/**
 * The last three full months and the current month so far: long enough to see a trend, short enough
 * that old, since-fixed tags do not dominate. Month-aligned so a shared link means the same months all month.
 */
export function toDefaultTagsRange(now: Date): { from: string; to: string } {
  const thisMonth = startOfMonth(toDay(now));
  return { from: addMonths(thisMonth, -3), to: addMonths(thisMonth, 1) };
}

type RawInput = Record<string, string | string[] | undefined>;

/**
 * Parses `from`, `to` (exclusive) and `metric`; absent ones take the defaults. Throws AppError bad-input
 * with a message naming the input, e.g. `from must be a date as YYYY-MM-DD (got "2026-13-01").`
 */
export function parseTagsQuery(input: RawInput, now: Date): TagsQuery {
  const defaults = toDefaultTagsRange(now);
  const from = readOne(input, "from");
  const to = readOne(input, "to");
  const metric = readOne(input, "metric") ?? DEFAULT_METRIC;
  const range = {
    from: from === undefined ? defaults.from : parseDay(from, "from"),
    to: to === undefined ? defaults.to : parseDay(to, "to"),
  };
  if (range.from >= range.to) {
    throw badInput(`from (${range.from}) must be before to (${range.to}); to is the first day not included.`);
  }
  if (!isMetric(metric)) {
    throw badInput(`metric must be one of ${METRICS.join(", ")} (got "${metric}").`);
  }
  return { ...range, metric };
}

function readOne(input: RawInput, name: string): string | undefined {
  const value = input[name];
  if (Array.isArray(value)) throw badInput(`${name} is given ${value.length} times: give it once.`);
  return value === "" ? undefined : value;
}

/** Ranges offered as one-click choices on /tags, month-aligned; the first is the default. */
export function listTagsRangePresets(now: Date): { label: string; from: string; to: string }[] {
  const thisMonth = startOfMonth(toDay(now));
  const nextMonth = addMonths(thisMonth, 1);
  return [
    { label: "Last 3 months + this month", ...toDefaultTagsRange(now) },
    { label: "This month", from: thisMonth, to: nextMonth },
    { label: "Last month", from: addMonths(thisMonth, -1), to: thisMonth },
    { label: "Year to date", from: `${thisMonth.slice(0, 4)}-01-01`, to: nextMonth },
    { label: "Last 12 months + this month", from: addMonths(thisMonth, -12), to: nextMonth },
  ];
}

/** The URL of /tags (or its export) for a query; the metric is left out when it is the default. */
export function toTagsHref(query: TagsQuery, path = "/tags"): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.metric !== DEFAULT_METRIC) params.set("metric", query.metric);
  return `${path}?${params.toString()}`;
}
