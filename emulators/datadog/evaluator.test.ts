import { describe, expect, it } from "vitest";
import { evaluateQuery, QueryRangeError } from "./evaluator";
import { parseMetricQuery } from "./query-parser";
import { createStaticStore } from "./series-store";
import { TEST_DATASET, TEST_FROM, TEST_TO } from "@/testing/datadog-emulator-dataset";

const store = createStaticStore(TEST_DATASET);
const run = (query: string, from = TEST_FROM, to = TEST_TO) => {
  const evaluation = evaluateQuery(store, parseMetricQuery(query), from, to, null);
  return {
    intervalSeconds: evaluation.intervalSeconds,
    firstBucketSec: evaluation.firstBucketSec,
    groups: Object.fromEntries(
      evaluation.groups.map((g) => [g.tagSet.join(",") || "*", [...g.values].map((v) => (Number.isNaN(v) ? null : v))]),
    ),
  };
};

describe("evaluateQuery: roll up each source series in time, then aggregate across series", () => {
  it.each([
    // web: A rolls up to [avg(1,3)=2, avg(10,20)=15], B to [avg(5,7)=6, 4]; space avg → [4, 9.5].
    // (Averaging all raw samples of the bucket instead would give 11.33 for the second bucket.)
    ["avg:test.gauge{*} by {app}.rollup(avg, 600)", { "app:db": [100, null, 50], "app:web": [4, 9.5, null] }],
    // web: max per series [3, 20] and [7, 4], summed → [10, 24]. Summing first then taking the max
    // would give 20 for the second bucket: the order of the two steps matters.
    ["sum:test.gauge{*} by {app}.rollup(max, 600)", { "app:db": [100, null, 50], "app:web": [10, 24, null] }],
    ["min:test.gauge{*} by {app}.rollup(min, 600)", { "app:db": [100, null, 50], "app:web": [1, 4, null] }],
    ["max:test.gauge{*} by {app}.rollup(sum, 600)", { "app:db": [100, null, 50], "app:web": [12, 30, null] }],
    // Raw points per bucket over all series: 2+2+1, 2+1, 1.
    ["sum:test.gauge{*}.rollup(count, 600)", { "*": [5, 3, 1] }],
    // One group per series when grouping by the full tag set; the 540 s point is before the first bucket.
    [
      "avg:test.gauge{app:web} by {pod_name}.rollup(avg, 600)",
      { "pod_name:a": [2, 15, null], "pod_name:b": [6, 4, null] },
    ],
    // C has no env tag: excluded by env:prod, kept by !env:prod, grouped as env:N/A.
    ["sum:test.gauge{env:prod}.rollup(max, 600)", { "*": [10, 24, null] }],
    ["sum:test.gauge{!env:prod}.rollup(max, 600)", { "*": [100, null, 50] }],
    ["max:test.gauge{*} by {env}.rollup(max, 600)", { "env:N/A": [100, null, 50], "env:prod": [7, 20, null] }],
    // No aggregator prefix and no rollup function: avg/avg.
    ["test.gauge{app:db}.rollup(600)", { "*": [100, null, 50] }],
    ["avg:test.gauge{app:nothing}.rollup(avg, 600)", {}],
  ])("%s", (query, expected) => {
    const result = run(query);
    expect(result.intervalSeconds).toBe(600);
    expect(result.firstBucketSec).toBe(600);
    expect(result.groups).toEqual(expected);
  });

  it("uses Datadog's default interval when the query has none", () => {
    // 1,300 s span: the documented table gives 20 s for spans up to an hour.
    expect(run("avg:test.gauge{app:db}").intervalSeconds).toBe(20);
  });

  it("refuses a window that ends before it starts", () => {
    expect(() => evaluateQuery(store, parseMetricQuery("avg:test.gauge{*}"), 1800, 600, null)).toThrow(QueryRangeError);
  });
});
