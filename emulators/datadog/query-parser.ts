// Parser for the subset of Datadog's metric query language the emulator answers:
//   [avg|sum|min|max:]metric{scope} [by {tag,…}] [.rollup(avg|sum|min|max|count[, seconds])]
// scope is `*` or tag filters joined by `,` or ` AND `: `key:value`, `!key:value`, values may use `*`.

export type SpaceAggregator = "avg" | "sum" | "min" | "max";
export type TimeAggregator = "avg" | "sum" | "min" | "max" | "count";
export type TagFilter = { key: string; value: string; isNegated: boolean };

export type MetricQuery = {
  text: string;
  /** null when the query has no `aggr:` prefix (Datadog then averages, and answers `aggr: null`). */
  spaceAggregator: SpaceAggregator | null;
  metric: string;
  filters: TagFilter[];
  groupBy: string[];
  rollup: { aggregator: TimeAggregator; intervalSeconds: number | null } | null;
};

export class QueryParseError extends Error {
  constructor(query: string, detail: string) {
    super(`Error parsing query: ${detail} in "${query}"`);
    this.name = "QueryParseError";
  }
}

const SPACE_AGGREGATORS = new Set(["avg", "sum", "min", "max"]);
const TIME_AGGREGATORS = new Set(["avg", "sum", "min", "max", "count"]);
const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.]*$/;
const TAG_KEY = /^[A-Za-z][A-Za-z0-9_.\-/]*$/;
const QUERY_SHAPE =
  /^\s*(?:([a-z0-9_]+):)?\s*([^\s{]+)\s*\{([^}]*)\}\s*(?:by\s*\{([^}]*)\}\s*)?((?:\.[a-z_]+\([^)]*\)\s*)*)$/i;

export function parseMetricQuery(text: string): MetricQuery {
  const match = QUERY_SHAPE.exec(text);
  if (!match) throw new QueryParseError(text, "expected [aggr:]metric{scope} [by {tags}] [.rollup(fn, seconds)]");
  const [, aggregatorText, metric = "", scopeText = "", groupText, functionsText = ""] = match;

  const spaceAggregator = aggregatorText === undefined ? null : aggregatorText.toLowerCase();
  if (spaceAggregator !== null && !SPACE_AGGREGATORS.has(spaceAggregator)) {
    throw new QueryParseError(text, `unsupported space aggregator "${aggregatorText}" (avg, sum, min, max)`);
  }
  if (!METRIC_NAME.test(metric)) throw new QueryParseError(text, `invalid metric name "${metric}"`);

  return {
    text,
    spaceAggregator: spaceAggregator as SpaceAggregator | null,
    metric: metric.toLowerCase(),
    filters: parseScope(text, scopeText),
    groupBy: groupText === undefined ? [] : parseGroupBy(text, groupText),
    rollup: parseFunctions(text, functionsText),
  };
}

function parseScope(text: string, scope: string): TagFilter[] {
  const trimmed = scope.trim();
  if (trimmed === "*" || trimmed === "") return [];
  if (/\s+OR\s+|\bIN\s*\(/i.test(trimmed))
    throw new QueryParseError(text, "OR and IN filters are not supported by the emulator");
  return trimmed.split(/\s*,\s*|\s+AND\s+/i).map((part) => {
    const isNegated = part.startsWith("!") || /^NOT\s+/i.test(part);
    const body = part.replace(/^!|^NOT\s+/i, "").trim();
    const colon = body.indexOf(":");
    if (colon <= 0 || colon === body.length - 1)
      throw new QueryParseError(text, `expected key:value filter, got "${part}"`);
    const key = body.slice(0, colon).toLowerCase();
    if (!TAG_KEY.test(key)) throw new QueryParseError(text, `invalid tag key "${key}"`);
    return { key, value: body.slice(colon + 1).toLowerCase(), isNegated };
  });
}

function parseGroupBy(text: string, group: string): string[] {
  const keys = group
    .split(",")
    .map((k) => k.trim().toLowerCase())
    .filter((k) => k !== "");
  if (keys.length === 0) throw new QueryParseError(text, "empty by {} clause");
  for (const key of keys) if (!TAG_KEY.test(key)) throw new QueryParseError(text, `invalid group-by tag "${key}"`);
  return [...new Set(keys)];
}

function parseFunctions(text: string, functions: string): MetricQuery["rollup"] {
  let rollup: MetricQuery["rollup"] = null;
  for (const call of functions.matchAll(/\.([a-z_]+)\(([^)]*)\)/gi)) {
    const [, name = "", argsText = ""] = call;
    if (name.toLowerCase() !== "rollup")
      throw new QueryParseError(text, `function .${name}() is not supported by the emulator (only .rollup)`);
    const args = argsText
      .split(",")
      .map((a) => a.trim())
      .filter((a) => a !== "");
    let aggregator: TimeAggregator = "avg";
    let intervalSeconds: number | null = null;
    for (const arg of args) {
      if (/^\d+$/.test(arg)) intervalSeconds = Number(arg);
      else if (TIME_AGGREGATORS.has(arg.toLowerCase())) aggregator = arg.toLowerCase() as TimeAggregator;
      else throw new QueryParseError(text, `invalid rollup argument "${arg}"`);
    }
    if (args.length === 0 || args.length > 2)
      throw new QueryParseError(text, ".rollup() takes (aggregator[, seconds])");
    if (intervalSeconds !== null && intervalSeconds < 1)
      throw new QueryParseError(text, "rollup interval must be ≥ 1 second");
    rollup = { aggregator, intervalSeconds };
  }
  return rollup;
}

/** Does a filter value (possibly with `*` wildcards) match a tag value? */
export function matchesTagValue(pattern: string, value: string): boolean {
  if (!pattern.includes("*")) return pattern === value;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(value);
}
