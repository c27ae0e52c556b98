import { client, v1, v2 } from "@datadog/datadog-api-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatadogEmulator } from "./server";
import { startDatadogEmulator } from "./server";
import { TEST_DATASET, TEST_FROM, TEST_TO } from "@/testing/datadog-emulator-dataset";
import { createClientConfig, NOW } from "@/testing/datadog-client";

const PERIOD = 60;
let emu: DatadogEmulator;
let wallMs: number;

beforeEach(async () => {
  wallMs = 1_800_000_000_000; // a multiple of the 60 s period: a window starts here
  emu = await startDatadogEmulator({
    now: NOW,
    dataset: TEST_DATASET,
    rateLimit: { limit: 2, periodSeconds: PERIOD },
    wallClock: () => wallMs,
  });
});
afterEach(() => emu.close());

const query = () => {
  const { configuration, http } = createClientConfig(emu.url);
  const answer = new v1.MetricsApi(configuration).queryMetrics({
    from: TEST_FROM,
    to: TEST_TO,
    query: "avg:test.gauge{*}.rollup(avg,600)",
  });
  return { answer, http };
};
const queryV2 = () =>
  new v2.MetricsApi(createClientConfig(emu.url).configuration).queryTimeseriesData({
    body: {
      data: {
        type: "timeseries_request",
        attributes: {
          from: TEST_FROM * 1000,
          to: TEST_TO * 1000,
          queries: [{ dataSource: "metrics", query: "avg:test.gauge{*}", name: "a" }],
        },
      },
    },
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (e: unknown) => e,
  );
const rateHeaders = (http: { last: client.ResponseContext | null }) => {
  const h = http.last?.headers ?? {};
  return {
    limit: h["x-ratelimit-limit"],
    period: h["x-ratelimit-period"],
    remaining: h["x-ratelimit-remaining"],
    reset: h["x-ratelimit-reset"],
    name: h["x-ratelimit-name"],
  };
};

describe("rate limit", () => {
  it("counts down X-RateLimit-Remaining, answers 429 past the budget, and opens a new window on time", async () => {
    const first = query();
    await first.answer;
    expect(rateHeaders(first.http)).toEqual({
      limit: "2",
      period: "60",
      remaining: "1",
      reset: "60",
      name: "metrics_query",
    });
    const second = query();
    await second.answer;
    expect(rateHeaders(second.http).remaining).toBe("0");

    wallMs += 15_000;
    const third = query();
    const error = await failure(third.answer);
    expect((error as client.ApiException<{ errors: string[] }>).code).toBe(429);
    expect((error as client.ApiException<{ errors: string[] }>).body.errors).toEqual(["Too many requests"]);
    expect(rateHeaders(third.http)).toEqual({
      limit: "2",
      period: "60",
      remaining: "0",
      reset: "45",
      name: "metrics_query",
    });

    // The v2 endpoint has its own bucket.
    await expect(queryV2()).resolves.toBeDefined();

    wallMs += 45_000; // the calendar-aligned window ends
    const fourth = query();
    await fourth.answer;
    expect(rateHeaders(fourth.http).remaining).toBe("1");
    expect(emu.stats.byStatus).toEqual({ 200: 4, 429: 1 });
  });
});

describe("faults", () => {
  it("answers 429 for the next N requests with the reset it was given, then recovers", async () => {
    emu.faults.set({ kind: "rate-limit", times: 2, resetSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const { answer, http } = query();
      expect(((await failure(answer)) as client.ApiException<unknown>).code).toBe(429);
      expect(rateHeaders(http)).toMatchObject({ remaining: "0", reset: "7" });
    }
    await expect(query().answer).resolves.toMatchObject({ status: "ok" });
    expect(emu.faults.list()).toEqual([]);
  });

  it.each([500, 503] as const)("answers %i, which the client reports as an unknown status", async (status) => {
    emu.faults.set({ kind: "error", status });
    const error = await failure(query().answer);
    expect((error as client.ApiException<string>).code).toBe(status);
    await expect(query().answer).resolves.toMatchObject({ status: "ok" });
  });

  it("sends a body that is not JSON, which the real client does NOT reject", async () => {
    emu.faults.set({ kind: "malformed-json" });
    // ObjectSerializer.parse swallows the JSON error and deserialises the raw text: the call resolves
    // to a response without status or series. A sync must check what it got.
    const answer = await query().answer;
    expect(answer.status).toBeUndefined();
    expect(answer.series).toBeUndefined();
  });

  it("cuts a chunked body off half way: the client fails with Premature close", async () => {
    emu.faults.set({ kind: "truncated-body" });
    const error = await failure(query().answer);
    expect(String(error)).toMatch(/Premature close/);
  });

  it("cuts a body with Content-Length off half way: the client waits until its request is aborted", async () => {
    emu.faults.set({ kind: "truncated-body", framing: "content-length" });
    const controller = new AbortController();
    const { configuration } = createClientConfig(emu.url, {}, { signal: controller.signal });
    let isSettled = false;
    const pending = new v1.MetricsApi(configuration)
      .queryMetrics({ from: TEST_FROM, to: TEST_TO, query: "avg:test.gauge{*}" })
      .finally(() => {
        isSettled = true;
      });
    await emu.faults.waitForApplied(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(isSettled).toBe(false);
    controller.abort();
    expect(String(await failure(pending))).toMatch(/abort/i);
  });

  it("holds a slow answer until released, without sleeping", async () => {
    emu.faults.set({ kind: "slow", delayMs: 60_000 });
    let isSettled = false;
    const pending = query().answer.finally(() => {
      isSettled = true;
    });
    await emu.faults.waitForHeld(1);
    expect(isSettled).toBe(false);
    expect(emu.faults.releaseHeld()).toBe(1);
    await expect(pending).resolves.toMatchObject({ status: "ok" });
  });

  it("applies a rule to one endpoint only", async () => {
    emu.faults.set({ kind: "error", status: 503, endpoint: "v2-timeseries" });
    await expect(query().answer).resolves.toMatchObject({ status: "ok" });
    expect(((await failure(queryV2())) as client.ApiException<unknown>).code).toBe(503);
  });

  it("is switchable over HTTP, and reports stats over HTTP", async () => {
    const set = await fetch(`${emu.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "error", status: 500, times: 1 }),
    });
    expect(set.status).toBe(200);
    expect(((await failure(query().answer)) as client.ApiException<unknown>).code).toBe(500);
    wallMs += PERIOD * 1000;
    await query().answer;
    const refused = await fetch(`${emu.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "explode" }),
    });
    expect(refused.status).toBe(400);
    const stats = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as {
      total: number;
      byEndpoint: Record<string, number>;
      byStatus: Record<string, number>;
      requests: { fault: string | null }[];
    };
    expect(stats.total).toBe(2);
    expect(stats.byEndpoint).toEqual({ "v1-query": 2 });
    expect(stats.byStatus).toEqual({ 200: 1, 500: 1 });
    expect(stats.requests.map((r) => r.fault)).toEqual(["error", null]);
  });
});
