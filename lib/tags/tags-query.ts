// What /tags and the `tags` export are asked for: a half-open day range and a cost metric, parsed from
// the URL or CLI flags by one schema with the same defaults, so a page and its download always show the same numbers.
import { z } from "zod";
import { addMonths, isDay, startOfMonth, toDay } from "@/lib/dates";
import { badInput } from "@/lib/errors";
import { blankAsAbsent, parseSearchParams, type SearchParamsInput } from "@/lib/search-params";
import { DEFAULT_METRIC, METRICS, type Metric } from "@/lib/metrics";

export type TagsQuery = { from: string; to: string; metric: Metric };

/**
 * The last three full months and the current month so far: long enough to see a trend, short enough
 * that old, since-fixed tags do not dominate. Month-aligned so a shared link means the same months all month.
 */
export function toDefaultTagsRange(now: Date): { from: string; to: string } {
  const thisMonth = startOfMonth(toDay(now));
  return { from: addMonths(thisMonth, -3), to: addMonths(thisMonth, 1) };
}

const day = (name: string) =>
  z
    .string()
    .refine(isDay, { error: (issue) => `${name} must be a date as YYYY-MM-DD (got "${String(issue.input)}").` });

/**
 * `from`, `to` (exclusive) and `metric`; absent or empty ones (a plain GET form sends them empty) take the
 * defaults. Messages name the input, e.g. `from must be a date as YYYY-MM-DD (got "2026-13-01").`
 */
export function tagsQuerySchema(now: Date) {
  const defaults = toDefaultTagsRange(now);
  return z
    .object({
      from: blankAsAbsent(day("from").default(defaults.from)),
      to: blankAsAbsent(day("to").default(defaults.to)),
      metric: blankAsAbsent(
        z
          .enum(METRICS, {
            error: (issue) => `metric must be one of ${METRICS.join(", ")} (got "${String(issue.input)}").`,
          })
          .default(DEFAULT_METRIC),
      ),
    })
    .transform((query, ctx): TagsQuery => {
      if (query.from >= query.to)
        ctx.addIssue({
          code: "custom",
          message: `from (${query.from}) must be before to (${query.to}); to is the first day not included.`,
        });
      return query;
    });
}

/** The query of a URL or CLI options; throws bad input listing every problem (exports and the deck). */
export function parseTagsQuery(input: SearchParamsInput, now: Date): TagsQuery {
  const parsed = parseSearchParams(tagsQuerySchema(now), input);
  if (!parsed.ok) throw badInput(parsed.message);
  return parsed.value;
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
