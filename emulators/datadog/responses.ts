// Response bodies with the real field names and order (see testing/fixtures/datadog/): v1 `MetricsQueryResponse` and
// v2 `TimeseriesFormulaQueryResponse`. Bodies are generated as string chunks (about one per series),
// not one object tree, so a size-10 answer with millions of points can be streamed out.
import type { Evaluation } from "./evaluator";
import type { MetricQuery } from "./query-parser";
import type { UnitPair } from "./units";

const json = (value: unknown) => JSON.stringify(value);
/** JSON number text; NaN never reaches here (empty buckets are skipped or become null). */
const num = (value: number) => String(value);

/** Scope of a v1 series: the query's filters plus the group's tags, sorted; `*` if none. */
function toScope(query: MetricQuery, tagSet: readonly string[]): string {
  const filters = query.filters.map((f) => `${f.isNegated ? "!" : ""}${f.key}:${f.value}`);
  const all = [...new Set([...filters, ...tagSet])].sort();
  return all.length === 0 ? "*" : all.join(",");
}

function toExpression(query: MetricQuery, scope: string, intervalSeconds: number): string {
  const aggregator = query.spaceAggregator ? `${query.spaceAggregator}:` : "";
  const rollup = query.rollup ? `.rollup(${query.rollup.aggregator},${intervalSeconds})` : "";
  return `${aggregator}${query.metric}{${scope}}${rollup}`;
}

export type V1Answer = {
  queryText: string;
  query: MetricQuery;
  evaluation: Evaluation;
  fromSec: number;
  toSec: number;
  unit: UnitPair;
};

/** GET /api/v1/query body. Buckets without data are left out of `pointlist` (not null-filled). */
export function* toV1Body(answer: V1Answer): Generator<string> {
  const { query, evaluation, fromSec, toSec, unit } = answer;
  const { intervalSeconds, firstBucketSec } = evaluation;
  yield `{"status":"ok","resp_version":1,"series":[`;
  let written = 0;
  for (const group of evaluation.groups) {
    const points: string[] = [];
    let first = -1;
    let last = -1;
    for (let b = 0; b < group.values.length; b++) {
      const v = group.values[b]!;
      if (v !== v) continue;
      const ms = (firstBucketSec + b * intervalSeconds) * 1000;
      if (first < 0) first = ms;
      last = ms;
      points.push(`[${ms},${num(v)}]`);
    }
    if (points.length === 0) continue; // a group with no points in the window is left out
    const scope = toScope(query, group.tagSet);
    yield (
      `${written++ > 0 ? "," : ""}{"end":${last + intervalSeconds * 1000 - 1000},"attributes":{},"metric":${json(query.metric)},` +
      `"interval":${intervalSeconds},"tag_set":${json(group.tagSet)},"start":${first},"length":${points.length},"query_index":0,` +
      `"aggr":${json(query.spaceAggregator)},"scope":${json(scope)},"pointlist":[` +
      points.join(",") +
      `],"expression":${json(toExpression(query, scope, intervalSeconds))},"unit":${json(unit)},"display_name":${json(query.metric)}}`
    );
  }
  yield (
    `],"to_date":${toSec * 1000},"query":${json(answer.queryText)},"message":"","res_type":"time_series","times":[],` +
    `"from_date":${fromSec * 1000},"group_by":${json([...query.groupBy].sort())},"values":[]}`
  );
}

export type V2Output = { evaluation: Evaluation; unit: UnitPair };

/**
 * POST /api/v2/query/timeseries body: one series per (formula, group); `times` is the union of the
 * bucket times that have data in any series, and each `values` row is aligned with it (null = none).
 */
export function* toV2Body(outputs: readonly V2Output[]): Generator<string> {
  const timeSet = new Set<number>();
  for (const { evaluation } of outputs) {
    for (const group of evaluation.groups) {
      for (let b = 0; b < group.values.length; b++) {
        if (group.values[b] === group.values[b])
          timeSet.add((evaluation.firstBucketSec + b * evaluation.intervalSeconds) * 1000);
      }
    }
  }
  const times = [...timeSet].sort((a, b) => a - b);
  const column = new Map(times.map((t, i) => [t, i]));
  const hasData = (values: Float64Array) => values.some((v) => v === v);
  const kept = outputs.flatMap(({ evaluation, unit }, queryIndex) =>
    evaluation.groups.filter((g) => hasData(g.values)).map((group) => ({ evaluation, unit, queryIndex, group })),
  );
  const series = kept.map(
    ({ group, queryIndex, unit }) =>
      `{"group_tags":${json(group.tagSet)},"query_index":${queryIndex},"unit":${json(unit)}}`,
  );
  yield `{"data":{"id":"0","type":"timeseries_response","attributes":{"series":[${series.join(",")}],"times":[${times.join(",")}],"values":[`;
  let written = 0;
  for (const { evaluation, group } of kept) {
    const row: string[] = new Array<string>(times.length).fill("null");
    for (let b = 0; b < group.values.length; b++) {
      const v = group.values[b]!;
      if (v === v) row[column.get((evaluation.firstBucketSec + b * evaluation.intervalSeconds) * 1000)!] = num(v);
    }
    yield `${written++ > 0 ? "," : ""}[${row.join(",")}]`;
  }
  yield `]}}}`;
}

/** Datadog's error body: `{"errors":["…"]}` (APIErrorResponse). */
export function toErrorBody(message: string): string {
  return json({ errors: [message] });
}
