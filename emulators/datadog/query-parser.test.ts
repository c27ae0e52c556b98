import { describe, expect, it } from "vitest";
import { matchesTagValue, parseMetricQuery, QueryParseError } from "./query-parser";

describe("parseMetricQuery", () => {
  it.each([
    [
      "system.cpu.idle{*}",
      { spaceAggregator: null, metric: "system.cpu.idle", filters: [], groupBy: [], rollup: null },
    ],
    // The spelling of the recorded grouped query: no spaces around `by`.
    [
      "avg:kubernetes.cpu.system.total{pod_name:x}by{pod_name,kube_namespace}",
      {
        spaceAggregator: "avg",
        metric: "kubernetes.cpu.system.total",
        filters: [{ key: "pod_name", value: "x", isNegated: false }],
        groupBy: ["pod_name", "kube_namespace"],
        rollup: null,
      },
    ],
    [
      "max:kubernetes.memory.working_set{kube_cluster_name:prod-us-east-1,!kube_namespace:kube-system} by {kube_deployment, kube_container_name}.rollup(max, 3600)",
      {
        spaceAggregator: "max",
        metric: "kubernetes.memory.working_set",
        filters: [
          { key: "kube_cluster_name", value: "prod-us-east-1", isNegated: false },
          { key: "kube_namespace", value: "kube-system", isNegated: true },
        ],
        groupBy: ["kube_deployment", "kube_container_name"],
        rollup: { aggregator: "max", intervalSeconds: 3600 },
      },
    ],
    [
      "sum:kubernetes.pods.running{env:staging AND team:video}.rollup(sum)",
      {
        spaceAggregator: "sum",
        metric: "kubernetes.pods.running",
        filters: [
          { key: "env", value: "staging", isNegated: false },
          { key: "team", value: "video", isNegated: false },
        ],
        groupBy: [],
        rollup: { aggregator: "sum", intervalSeconds: null },
      },
    ],
    [
      "min:kubernetes.cpu.requests{kube_namespace:payments*} by {pod_name}.rollup(120)",
      {
        spaceAggregator: "min",
        metric: "kubernetes.cpu.requests",
        filters: [{ key: "kube_namespace", value: "payments*", isNegated: false }],
        groupBy: ["pod_name"],
        rollup: { aggregator: "avg", intervalSeconds: 120 },
      },
    ],
  ])("parses %s", (text, expected) => {
    expect(parseMetricQuery(text)).toEqual({ text, ...expected });
  });

  it.each([
    ["kubernetes.cpu.usage.total", /expected \[aggr:\]metric\{scope\}/],
    ["p95:kubernetes.cpu.usage.total{*}", /unsupported space aggregator "p95"/],
    ["avg:kubernetes.cpu.usage.total{kube_namespace}", /expected key:value filter/],
    ["avg:kubernetes.cpu.usage.total{a:b OR c:d}", /OR and IN filters are not supported/],
    ["avg:kubernetes.cpu.usage.total{*}.fill(zero)", /function \.fill\(\) is not supported/],
    ["avg:kubernetes.cpu.usage.total{*}.rollup(p99, 60)", /invalid rollup argument "p99"/],
    ["avg:kubernetes.cpu.usage.total{*}.rollup(avg, 0)", /rollup interval must be ≥ 1 second/],
  ])("refuses %s", (text, message) => {
    expect(() => parseMetricQuery(text)).toThrow(QueryParseError);
    expect(() => parseMetricQuery(text)).toThrow(message);
  });
});

describe("matchesTagValue", () => {
  it.each([
    ["payments", "payments", true],
    ["payments", "payments-jobs", false],
    ["payments*", "payments-jobs", true],
    ["*-jobs", "video-jobs", true],
    ["*-jobs", "video", false],
    ["a.b", "axb", false], // dots are literal, not regex wildcards
  ])("%s matches %s: %s", (pattern, value, expected) => {
    expect(matchesTagValue(pattern, value)).toBe(expected);
  });
});
