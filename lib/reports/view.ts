// The view of a spend report as it lives in the URL, so a copied link opens the same report: parsed by one
// schema for the page, the web export (GET /api/export/spend?…) and the CLI (`npm run -s export -- spend --…`),
// with the same defaults.
import { z } from "zod";
import { UNTAGGED_LABEL } from "@/lib/labels";
import { METRICS, type Metric } from "@/lib/metrics";
import { addDays, addMonths, daysBetween, isDay, startOfMonth, toDay } from "@/lib/dates";
import { badInput } from "@/lib/errors";
import { parseSearchParams, type SearchParamsInput } from "@/lib/search-params";
import { ENVIRONMENT_CATEGORIES } from "@/lib/settings/tags";
import { DIMENSIONS, type Dimension } from "./datasets";
import { GRANULARITIES, type Granularity } from "./periods";

/** Filter tokens besides plain values: spend without the tag, and spend whose value is outside the allowed list. */
export const UNTAGGED_FILTER = UNTAGGED_LABEL;
export const NOT_ALLOWED_FILTER = "(not allowed)";
const UNTAGGED_FILTERABLE: readonly Dimension[] = ["department", "project", "environment"];
const NOT_ALLOWED_FILTERABLE: readonly Dimension[] = ["department", "environment"];

export type SpendView = {
  /** One or two dimensions, in order. */
  by: Dimension[];
  /** Half-open range of UTC days. */
  from: string;
  to: string;
  granularity: Granularity;
  metric: Metric;
  /** One value per filtered dimension: a value as reports show it (after aliases), or a filter token. */
  filters: Partial<Record<Dimension, string>>;
};

/** Every parameter a view reads, in the order links write them. */
export const VIEW_PARAMS = ["by", "from", "to", "granularity", "metric", ...DIMENSIONS] as const;

// A longer range is almost surely a typo (and would make thousands of daily columns).
const MAX_RANGE_DAYS = 3660;

/**
 * Finance's default: month by month, from the 1st of the month 12 months back to the start of next month —
 * twelve full months and this month so far (the Cost Explorer window the sync backfills).
 */
export function toDefaultRange(now: Date): { from: string; to: string } {
  const month = startOfMonth(toDay(now));
  return { from: addMonths(month, -12), to: addMonths(month, 1) };
}

export function toDefaultSpendView(now: Date): SpendView {
  return { by: ["department"], ...toDefaultRange(now), granularity: "month", metric: "amortized", filters: {} };
}

export type ViewInput = SearchParamsInput;

const choice = <T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, { error: (issue) => `${name} must be one of ${values.join(", ")} (got "${String(issue.input)}").` });

const granularitySchema = choice("granularity", GRANULARITIES);
const metricSchema = choice("metric", METRICS);

/** The overview's one parameter: the metric of its figures (default amortized). */
export const overviewParamsSchema = z.object({ metric: metricSchema.default("amortized") });

/**
 * A view from URL parameters or CLI options; unknown parameters are ignored. Every parameter is read as text and
 * checked in one step, so a link with several mistakes lists them all at once.
 */
export function spendViewSchema(now: Date) {
  const params = z.object(Object.fromEntries(VIEW_PARAMS.map((name) => [name, z.string().optional()])));
  return params.transform((raw, ctx): SpendView => {
    const input = raw as Partial<Record<(typeof VIEW_PARAMS)[number], string>>;
    const problems: string[] = [];
    const granularity = granularitySchema.optional().safeParse(input.granularity);
    const metric = metricSchema.optional().safeParse(input.metric);
    for (const result of [granularity, metric])
      if (!result.success) problems.push(...result.error.issues.map((issue) => issue.message));
    const by = parseBy(input.by, problems);
    const range = parseRange(input.from, input.to, now, problems);
    const filters: Partial<Record<Dimension, string>> = {};
    for (const dimension of DIMENSIONS) {
      const value = input[dimension];
      if (value === undefined) continue;
      const problem = checkFilter(dimension, value);
      if (problem) problems.push(problem);
      else filters[dimension] = value;
    }
    for (const message of problems) ctx.addIssue({ code: "custom", message });
    return {
      by,
      ...range,
      granularity: (granularity.success && granularity.data) || "month",
      metric: (metric.success && metric.data) || "amortized",
      filters,
    };
  });
}

/** The view of a URL or CLI options; throws bad input listing every problem (exports and the CLI). */
export function parseSpendView(input: ViewInput, now: Date): SpendView {
  const parsed = parseSearchParams(spendViewSchema(now), input);
  if (!parsed.ok) throw badInput(parsed.message);
  return parsed.value;
}

function parseBy(raw: string | undefined, problems: string[]): Dimension[] {
  if (raw === undefined) return ["department"];
  const names = raw.split(",").map((s) => s.trim());
  const known = names.filter((n): n is Dimension => (DIMENSIONS as readonly string[]).includes(n));
  const unknown = names.filter((n) => !known.includes(n as Dimension));
  if (unknown.length > 0) {
    problems.push(
      `by: "${unknown.join(", ")}" is not a dimension; group by one or two of ${DIMENSIONS.join(", ")}, e.g. by=department,environment.`,
    );
  } else if (names.length > 2) {
    problems.push(`by: group by at most two dimensions (got ${names.length}: "${raw}").`);
  } else if (new Set(names).size !== names.length) {
    problems.push(`by: "${raw}" names the same dimension twice.`);
  }
  return known.length > 0 ? known.slice(0, 2) : ["department"];
}

function parseRange(from: string | undefined, to: string | undefined, now: Date, problems: string[]) {
  const defaults = toDefaultRange(now);
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (value !== undefined && !isDay(value)) problems.push(`${name} must be a date as YYYY-MM-DD (got "${value}").`);
  }
  const validFrom = from !== undefined && isDay(from) ? from : undefined;
  const validTo = to !== undefined && isDay(to) ? to : undefined;
  // One end alone keeps the default length: 13 months ending at `to`, or up to the default end.
  const range = {
    from: validFrom ?? (validTo ? addMonths(startOfMonth(addDays(validTo, -1)), -12) : defaults.from),
    to: validTo ?? defaults.to,
  };
  if (range.from >= range.to) {
    problems.push(
      `from (${range.from}) must be before to (${range.to}); to is exclusive: to see all of November 2026, use from=2026-11-01&to=2026-12-01.`,
    );
  } else if (daysBetween(range.from, range.to) > MAX_RANGE_DAYS) {
    problems.push(`The range ${range.from} → ${range.to} is longer than ten years; choose a shorter range.`);
  }
  return range;
}

function checkFilter(dimension: Dimension, value: string): string | null {
  if (value === "") return `${dimension} is empty: remove it to see every ${dimension}, or give a value.`;
  if (value === UNTAGGED_FILTER && !UNTAGGED_FILTERABLE.includes(dimension)) {
    return `${dimension}=${UNTAGGED_FILTER}: every row has a ${dimension}; ${UNTAGGED_FILTER} applies to department, project and environment.`;
  }
  if (value === NOT_ALLOWED_FILTER && !NOT_ALLOWED_FILTERABLE.includes(dimension)) {
    return `${dimension}=${NOT_ALLOWED_FILTER}: only department and environment have allowed values (set on /settings).`;
  }
  if (dimension === "category" && !(ENVIRONMENT_CATEGORIES as readonly string[]).includes(value)) {
    return `category must be ${ENVIRONMENT_CATEGORIES.join(" or ")} (got "${value}").`;
  }
  return null;
}

/** The URL query of a view, every parameter explicit so a copied link shows the same view later. */
export function toSpendQuery(view: SpendView): string {
  const params = new URLSearchParams();
  params.set("by", view.by.join(","));
  params.set("from", view.from);
  params.set("to", view.to);
  params.set("granularity", view.granularity);
  params.set("metric", view.metric);
  for (const dimension of DIMENSIONS) {
    const value = view.filters[dimension];
    if (value !== undefined) params.set(dimension, value);
  }
  return params.toString();
}

export function toSpendHref(view: SpendView, path = "/spend"): string {
  return `${path}?${toSpendQuery(view)}`;
}

/** The dimensions a view groups or filters on (what the dataset must hold). */
export function listViewDimensions(view: SpendView): Dimension[] {
  return [...view.by, ...DIMENSIONS.filter((d) => view.filters[d] !== undefined)];
}
