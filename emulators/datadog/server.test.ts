import { readFileSync } from "node:fs";
import path from "node:path";
import { client, v1, v2 } from "@datadog/datadog-api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatadogEmulator } from "./server";
import { DEFAULT_API_KEY, DEFAULT_APP_KEY, startDatadogEmulator } from "./server";
import { TEST_DATASET, TEST_FROM, TEST_TO } from "@/testing/datadog-emulator-dataset";
import { createClientConfig, NOW } from "@/testing/datadog-client";
import { DATADOG_FIXTURES } from "@/testing/fixtures";

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(DATADOG_FIXTURES, name), "utf8")) as Record<string, unknown>;

let emu: DatadogEmulator;
beforeAll(async () => {
  emu = await startDatadogEmulator({ now: NOW, dataset: TEST_DATASET });
});
afterAll(() => emu.close());

const v1Query = (query: string, from = TEST_FROM, to = TEST_TO) =>
  new v1.MetricsApi(createClientConfig(emu.url).configuration).queryMetrics({ from, to, query });
const v2Query = (
  queries: { query: string; name: string }[],
  attributes: { from?: number; to?: number; interval?: number; formulas?: string[] } = {},
) =>
  new v2.MetricsApi(createClientConfig(emu.url).configuration).queryTimeseriesData({
    body: {
      data: {
        type: "timeseries_request",
        attributes: {
          from: attributes.from ?? TEST_FROM * 1000,
          to: attributes.to ?? TEST_TO * 1000,
          interval: attributes.interval ?? 600_000,
          queries: queries.map((q) => ({ dataSource: "metrics", query: q.query, name: q.name })),
          formulas: (attributes.formulas ?? queries.map((q) => q.name)).map((formula) => ({ formula })),
        },
      },
    },
  });

describe("GET /api/v1/query through the real client", () => {
  it("rolls up each series then aggregates per group (values worked out in testing/datadog-emulator-dataset.ts)", async () => {
    const answer = await v1Query("sum:test.gauge{*} by {app}.rollup(max, 600)");
    expect(answer.status).toBe("ok");
    expect(answer.groupBy).toEqual(["app"]);
    expect(answer.fromDate).toBe(TEST_FROM * 1000);
    expect(answer.toDate).toBe(TEST_TO * 1000);
    const byGroup = Object.fromEntries((answer.series ?? []).map((s) => [s.tagSet?.join(","), s]));
    expect(byGroup["app:web"]?.pointlist).toEqual([
      [600_000, 10],
      [1_200_000, 24],
    ]);
    expect(byGroup["app:db"]?.pointlist).toEqual([
      [600_000, 100],
      [1_800_000, 50],
    ]);
    expect(byGroup["app:web"]).toMatchObject({
      metric: "test.gauge",
      displayName: "test.gauge",
      aggr: "sum",
      interval: 600,
      length: 2,
      queryIndex: 0,
      scope: "app:web",
      expression: "sum:test.gauge{app:web}.rollup(max,600)",
      // end = last point + interval − 1 s, as in the recorded answer
      start: 600_000,
      end: 1_200_000 + 600_000 - 1000,
    });
    expect(byGroup["app:web"]?.unit?.[0]).toMatchObject({ family: "cpu", name: "core", scaleFactor: 1 });
  });

  it("filters by tag, including negation and tags a series lacks", async () => {
    const prod = await v1Query("avg:test.gauge{env:prod} by {pod_name}.rollup(avg, 600)");
    expect(prod.series?.map((s) => [s.tagSet, s.pointlist])).toEqual([
      [
        ["pod_name:a"],
        [
          [600_000, 2],
          [1_200_000, 15],
        ],
      ],
      [
        ["pod_name:b"],
        [
          [600_000, 6],
          [1_200_000, 4],
        ],
      ],
    ]);
    expect(prod.series?.[0]?.scope).toBe("env:prod,pod_name:a");
    const notProd = await v1Query("max:test.gauge{!env:prod} by {env}.rollup(max, 600)");
    expect(notProd.series?.map((s) => s.tagSet)).toEqual([["env:N/A"]]);
  });

  it("answers an empty series list when nothing matches", async () => {
    const answer = await v1Query("avg:test.gauge{app:nothing}");
    expect(answer.series).toEqual([]);
  });

  it("answers 400 with Datadog's error body for a query it cannot parse", async () => {
    const error = await v1Query("p99:test.gauge{*}").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ApiException);
    expect((error as client.ApiException<{ errors: string[] }>).code).toBe(400);
    expect((error as client.ApiException<{ errors: string[] }>).body.errors[0]).toMatch(
      /unsupported space aggregator "p99"/,
    );
  });

  it("has the fields of the recorded answers, in their order", async () => {
    const recorded = fixture("v1-query-system-cpu-idle-ungrouped.json");
    const response = await fetch(
      `${emu.url}/api/v1/query?from=${TEST_FROM}&to=${TEST_TO}&query=${encodeURIComponent("test.gauge{*}.rollup(avg,600)")}`,
      {
        headers: { "DD-API-KEY": DEFAULT_API_KEY, "DD-APPLICATION-KEY": DEFAULT_APP_KEY },
      },
    );
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(Object.keys(recorded));
    const series = (body.series as Record<string, unknown>[])[0]!;
    const recordedSeries = (recorded.series as Record<string, unknown>[])[0]!;
    expect(Object.keys(series)).toEqual(Object.keys(recordedSeries));
    expect(series.aggr).toBeNull();
    expect(series.scope).toBe("*");
  });
});

describe("POST /api/v2/query/timeseries through the real client", () => {
  it("answers one series per group with values aligned to shared times (null where a group has none)", async () => {
    const answer = await v2Query([{ query: "avg:test.gauge{*} by {app}.rollup(avg, 600)", name: "a" }]);
    const attributes = answer.data?.attributes;
    expect(answer.data?.type).toBe("timeseries_response");
    expect(attributes?.times).toEqual([600_000, 1_200_000, 1_800_000]);
    expect(attributes?.series?.map((s) => [s.groupTags, s.queryIndex])).toEqual([
      [["app:db"], 0],
      [["app:web"], 0],
    ]);
    expect(attributes?.values).toEqual([
      [100, null, 50],
      [4, 9.5, null],
    ]);
  });

  it("uses the request's interval when the query has no rollup interval, one query_index per formula", async () => {
    const answer = await v2Query(
      [
        { query: "sum:test.gauge{*}.rollup(count)", name: "n" },
        { query: "max:test.gauge{app:web}", name: "m" },
      ],
      { interval: 600_000, formulas: ["m", "n"] },
    );
    const attributes = answer.data?.attributes;
    expect(attributes?.series?.map((s) => s.queryIndex)).toEqual([0, 1]);
    // "max:" is the space aggregator only; in time Datadog averages by default: max(avg A, avg B).
    expect(attributes?.values).toEqual([
      [6, 15, null],
      [5, 3, 1],
    ]);
  });

  it("refuses a formula that does arithmetic (400)", async () => {
    const error = await v2Query([{ query: "avg:test.gauge{*}", name: "a" }], { formulas: ["a * 2"] }).catch(
      (e: unknown) => e,
    );
    expect((error as client.ApiException<unknown>).code).toBe(400);
  });

  it("has the fields of the recorded answer", async () => {
    const recorded = fixture("v2-timeseries-system-cpu-user-unit-percent.json") as {
      data: { attributes: { series: object[] } };
    };
    const response = await fetch(`${emu.url}/api/v2/query/timeseries`, {
      method: "POST",
      headers: {
        "DD-API-KEY": DEFAULT_API_KEY,
        "DD-APPLICATION-KEY": DEFAULT_APP_KEY,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        data: {
          type: "timeseries_request",
          attributes: {
            from: TEST_FROM * 1000,
            to: TEST_TO * 1000,
            interval: 600_000,
            queries: [{ data_source: "metrics", query: "avg:test.gauge{*}", name: "a" }],
            formulas: [{ formula: "a" }],
          },
        },
      }),
    });
    const body = (await response.json()) as typeof recorded;
    expect(Object.keys(body)).toEqual(Object.keys(recorded));
    expect(Object.keys(body.data)).toEqual(Object.keys(recorded.data));
    expect(Object.keys(body.data.attributes)).toEqual(Object.keys(recorded.data.attributes));
    expect(Object.keys(body.data.attributes.series[0]!)).toEqual(Object.keys(recorded.data.attributes.series[0]!));
  });
});

describe("authentication", () => {
  it("validates the API key like GET /api/v1/validate", async () => {
    await expect(new v1.AuthenticationApi(createClientConfig(emu.url).configuration).validate()).resolves.toMatchObject(
      { valid: true },
    );
    const error = await new v1.AuthenticationApi(createClientConfig(emu.url, { apiKey: "nope" }).configuration)
      .validate()
      .catch((e: unknown) => e);
    expect((error as client.ApiException<unknown>).code).toBe(403);
  });

  it.each([
    ["wrong API key", { apiKey: "nope" }],
    ["wrong application key", { appKey: "nope" }],
    ["no keys", { apiKey: "", appKey: "" }],
  ])("answers 403 {errors:[Forbidden]} with %s", async (_label, keys) => {
    const { configuration, http } = createClientConfig(emu.url, keys);
    const error = await new v1.MetricsApi(configuration)
      .queryMetrics({ from: TEST_FROM, to: TEST_TO, query: "avg:test.gauge{*}" })
      .catch((e: unknown) => e);
    expect((error as client.ApiException<{ errors: string[] }>).code).toBe(403);
    expect((error as client.ApiException<{ errors: string[] }>).body.errors).toEqual(["Forbidden"]);
    expect(http.last?.headers["x-ratelimit-limit"]).toBeDefined();
    const v2Error = await new v2.MetricsApi(configuration)
      .queryTimeseriesData({
        body: {
          data: {
            type: "timeseries_request",
            attributes: { from: 0, to: 1000, queries: [{ dataSource: "metrics", query: "avg:test.gauge{*}" }] },
          },
        },
      })
      .catch((e: unknown) => e);
    expect((v2Error as client.ApiException<unknown>).code).toBe(403);
  });
});
