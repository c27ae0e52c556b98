// The client's network edges the emulator has no fault for: a connection dropped before any answer
// (retried: the query only reads) and a host that refuses connections (a configuration error: not retried).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATADOG_FIXTURES } from "@/testing/fixtures";
import * as common from "@datadog/datadog-api-client/dist/packages/datadog-api-client-common";
import { MetricsApiRequestFactory } from "@datadog/datadog-api-client/dist/packages/datadog-api-client-v2/apis/MetricsApi";
import { createDatadogClient, toTimeseriesRequest } from "./client";
import type { PlannedQuery, QueryWindow } from "./query-plan";

const ANSWER = readFileSync(path.join(DATADOG_FIXTURES, "v2-timeseries-custom-metrics-unit-null.json"));
const QUERY: PlannedQuery = {
  id: "pods",
  metric: "test.metric",
  query: "sum:test.metric{*}",
  intervalSeconds: 60,
  merge: "sum",
  values: { kind: "count" },
  lookbackSeconds: 0,
};
const WINDOW: QueryWindow = { fromSec: 0, toSec: 4e9, windowStart: "1970-01-01", windowDays: 1 };

function makeClient(baseUrl: string) {
  const seen = { attempts: 0, sleeps: [] as number[] };
  const datadog = createDatadogClient({
    baseUrl,
    apiKey: "k",
    appKey: "a",
    onAttempt: () => seen.attempts++,
    sleep: async (ms) => void seen.sleeps.push(ms),
  });
  return { datadog, seen };
}

describe("Datadog client on a flaky network", () => {
  let dropNext = 0;
  const server = createServer((req, res) => {
    if (dropNext > 0) {
      dropNext--;
      req.socket.destroy(); // no status line at all: the client sees "socket hang up"
      return;
    }
    req.resume();
    req.on("end", () => res.end(ANSWER));
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the query again after a dropped connection, counting both attempts", async () => {
    dropNext = 1;
    const { datadog, seen } = makeClient(url);
    const ts = await datadog.queryTimeseries(QUERY, WINDOW);
    expect([...ts.series[0]!.values]).toEqual([1, 1, 87]);
    expect(seen).toEqual({ attempts: 2, sleeps: [2_000] });
  });

  it("gives up after 5 attempts with the reason", async () => {
    dropNext = 5;
    const { datadog, seen } = makeClient(url);
    await expect(datadog.queryTimeseries(QUERY, WINDOW)).rejects.toThrow(
      /Datadog query for test\.metric: the answer was cut off or is not valid JSON \(.*socket hang up/,
    );
    expect(seen).toEqual({ attempts: 5, sleeps: [2_000, 4_000, 8_000, 16_000] });
  });

  it("does not retry a host that refuses connections, and names the URL to check", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { datadog, seen } = makeClient(`http://127.0.0.1:${port}`);
    await expect(datadog.queryTimeseries(QUERY, WINDOW)).rejects.toThrow(
      `Datadog query for test.metric: could not reach http://127.0.0.1:${port} (ECONNREFUSED). Check DD_SITE / DD_HOST and the network.`,
    );
    expect(seen).toEqual({ attempts: 1, sleeps: [] });
  });
});

// The sync builds its one request itself so that the client's models and their serializer are never loaded (~100 MB
// held for the life of the process); the client's own request factory, loaded here only, must build the same one.
describe("the timeseries request", () => {
  it("is the one MetricsApi's request factory builds: URL, method, headers, auth and body", async () => {
    const configuration = common.createConfiguration({
      baseServer: new common.BaseServerConfiguration("http://127.0.0.1:9", {}),
      authMethods: { apiKeyAuth: "api-key", appKeyAuth: "app-key" },
    });
    const query: PlannedQuery = { ...QUERY, lookbackSeconds: 86_400, intervalSeconds: 900 };
    const window: QueryWindow = { ...WINDOW, fromSec: 1_790_000_000, toSec: 1_791_209_600 };
    const ours = toTimeseriesRequest(configuration, query, window);
    const theirs = await new MetricsApiRequestFactory(configuration).queryTimeseriesData({
      data: {
        type: "timeseries_request",
        attributes: {
          from: (window.fromSec - query.lookbackSeconds) * 1000,
          to: window.toSec * 1000,
          interval: query.intervalSeconds * 1000,
          queries: [{ dataSource: "metrics", query: query.query, name: "a" }],
          formulas: [{ formula: "a" }],
        },
      },
    });
    expect(ours.getUrl()).toBe(theirs.getUrl());
    expect(ours.getHttpMethod()).toBe(theirs.getHttpMethod());
    expect(ours.getHeaders()).toEqual(theirs.getHeaders());
    expect(ours.getHeaders()).toMatchObject({ "DD-API-KEY": "api-key", "DD-APPLICATION-KEY": "app-key" });
    expect(JSON.parse(String(ours.getBody()))).toEqual(JSON.parse(String(theirs.getBody())));
  });
});
