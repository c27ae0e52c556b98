import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATADOG_FIXTURES } from "@/testing/fixtures";
import { createDatadogClient } from "./client";
import type { PlannedQuery, QueryWindow } from "./query-plan";
import { createRowBuffer, readTimeseries, reshapeTimeseries, toTagMap } from "./reshape";

const FIXTURES = DATADOG_FIXTURES;
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const ALL_TIME: QueryWindow = { fromSec: 0, toSec: 4e9, windowStart: "1970-01-01", windowDays: 1 };

const query = (values: PlannedQuery["values"]): PlannedQuery => ({
  id: "cpuAvg",
  metric: "test.metric",
  query: "avg:test.metric{*}",
  intervalSeconds: 300,
  merge: "max",
  values,
  lookbackSeconds: 0,
});
const COUNT = query({ kind: "count" });
const NANOCORES = query({ kind: "cpu", defaultScale: 1e-9 });

// The real client reads the recorded answers byte for byte from a local server.
describe("real Datadog v2 answers through the real client", () => {
  let served: Buffer = Buffer.alloc(0);
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(served);
    });
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const fetchAs = (name: string, q: PlannedQuery) => {
    served = fixture(name);
    return createDatadogClient({ baseUrl: url, apiKey: "k", appKey: "a", onAttempt: () => {} }).queryTimeseries(
      q,
      ALL_TIME,
    );
  };

  it("system.cpu.user: 718 points 5 s apart, one ungrouped series, values kept in order", async () => {
    const raw = JSON.parse(fixture("v2-timeseries-system-cpu-user-unit-percent.json").toString()) as {
      data: { attributes: { times: number[]; values: number[][] } };
    };
    const ts = await fetchAs("v2-timeseries-system-cpu-user-unit-percent.json", COUNT);
    expect(ts.intervalSeconds).toBe(5);
    expect(ts.times).toHaveLength(718);
    expect(ts.times[0]).toBe(raw.data.attributes.times[0]! / 1000);
    expect(ts.series).toHaveLength(1);
    expect(ts.series[0]!.tags).toEqual({});
    expect([...ts.series[0]!.values]).toEqual(raw.data.attributes.values[0]);
  });

  it("refuses a percent unit where a CPU unit belongs", async () => {
    await expect(fetchAs("v2-timeseries-system-cpu-user-unit-percent.json", NANOCORES)).rejects.toThrow(
      /avg:test\.metric\{\*\} is not usable: unit "percent" \(family percentage\) where a cpu unit was expected/,
    );
  });

  it("unit null: sparse times (interval = smallest step, 60 s), the metric's documented unit assumed", async () => {
    const ts = await fetchAs("v2-timeseries-custom-metrics-unit-null.json", NANOCORES);
    expect(ts.intervalSeconds).toBe(60);
    expect([...ts.times]).toEqual([1711977645, 1711977705, 1711980225]);
    // 1, 1, 87 nanocores → millicores (1 m = 1,000,000 nanocores)
    expect([...ts.series[0]!.values]).toEqual([0.000001, 0.000001, 0.000087]);
  });

  it("keeps only the buckets inside the window [from, to)", async () => {
    served = fixture("v2-timeseries-custom-metrics-unit-null.json");
    const window = { ...ALL_TIME, fromSec: 1711977705, toSec: 1711980225 };
    const ts = await createDatadogClient({
      baseUrl: url,
      apiKey: "k",
      appKey: "a",
      onAttempt: () => {},
    }).queryTimeseries(COUNT, window);
    expect([...ts.times]).toEqual([1711977705]);
    expect([...ts.series[0]!.values]).toEqual([1]);
  });
});

// Shapes allowed by the schema that no published recording shows: several groups, nulls, units.
describe("reshapeTimeseries", () => {
  const unit = (family: string, name: string, scale_factor: number) => [{ family, name, scale_factor }, null];
  const answer = (attributes: unknown) => ({ data: { type: "timeseries_response", attributes } });

  it("converts per series with its own unit: nanocores and cores to millicores, kibibytes to bytes", () => {
    const ts = reshapeTimeseries(
      answer({
        series: [
          {
            group_tags: ["kube_namespace:a", "kube_container_name:app"],
            query_index: 0,
            unit: unit("cpu", "nanocore", 1e-9),
          },
          { group_tags: ["kube_namespace:b"], query_index: 0, unit: unit("cpu", "core", 1) },
        ],
        times: [900_000, 1_800_000],
        values: [
          [250_000_000, null],
          [0.07, 1.5],
        ],
      }),
      NANOCORES,
      ALL_TIME,
    );
    expect(ts.series.map((s) => s.tags)).toEqual([
      { kube_namespace: "a", kube_container_name: "app" },
      { kube_namespace: "b" },
    ]);
    expect([...ts.series[0]!.values]).toEqual([250, NaN]);
    expect([...ts.series[1]!.values]).toEqual([70, 1500]); // 0.07 cores is exactly 70m, not 70.00000000000001m
    const memory = reshapeTimeseries(
      answer({ series: [{ group_tags: [], unit: unit("bytes", "kibibyte", 1024) }], times: [0], values: [[2]] }),
      query({ kind: "memory", defaultScale: 1 }),
      ALL_TIME,
    );
    expect([...memory.series[0]!.values]).toEqual([2048]);
  });

  it.each([
    ["no data.attributes", { data: {} }, /unexpected shape/],
    [
      "values not matching series",
      answer({ series: [{ group_tags: [] }], times: [0], values: [] }),
      /1 series but 0 rows of values/,
    ],
    [
      "a row shorter than times",
      answer({ series: [{ group_tags: [] }], times: [0, 1000], values: [[1]] }),
      /series 0 has 1 values for 2 times/,
    ],
    [
      "a string among the values",
      answer({ series: [{ group_tags: [] }], times: [0], values: [["12"]] }),
      /holds "12" where a number or null belongs/,
    ],
    ["times out of order", answer({ series: [], times: [2000, 1000], values: [] }), /times are not ascending/],
  ])("fails with a message on %s", (_, body, message) => {
    expect(() => reshapeTimeseries(body, COUNT, ALL_TIME)).toThrow(message);
  });

  it("reads tag values that hold a colon", () => {
    expect(toTagMap(["image:repo/app:1.2", "env:N/A"])).toEqual({ image: "repo/app:1.2", env: "N/A" });
  });
});

// The sync parses answers as they stream in: any cut into chunks, any order of the pieces, the same result.
describe("readTimeseries", () => {
  const body = JSON.stringify({
    data: {
      type: "timeseries_response",
      attributes: {
        values: [
          [1, null],
          [2, 3],
        ],
        times: [0, 900_000],
        series: [{ group_tags: ["kube_namespace:é:x"], unit: null }, { group_tags: [] }],
      },
    },
  });
  async function* inChunks(text: string, size: number) {
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }

  it.each([1, 7, 4096])("reads an answer cut into %i-byte chunks, rows before their series and times", async (size) => {
    const streamed = await readTimeseries(inChunks(body, size), COUNT, ALL_TIME);
    expect(streamed).toEqual(reshapeTimeseries(JSON.parse(body), COUNT, ALL_TIME));
    expect(streamed.series.map((s) => [s.tags, [...s.values]])).toEqual([
      [{ kube_namespace: "é:x" }, [1, NaN]],
      [{}, [2, 3]],
    ]);
    expect(streamed.intervalSeconds).toBe(900);
  });

  it("reads answers into one row buffer: the same rows, overwritten by the next answer read into it", async () => {
    const buffer = createRowBuffer();
    const first = await readTimeseries(inChunks(body, 4096), COUNT, ALL_TIME, undefined, buffer);
    expect(first).toEqual(reshapeTimeseries(JSON.parse(body), COUNT, ALL_TIME));
    const other = body.replace("[1,null]", "[5,6]").replace("[2,3]", "[7,8]");
    const second = await readTimeseries(inChunks(other, 4096), COUNT, ALL_TIME, undefined, buffer);
    expect(second.series.map((s) => [...s.values])).toEqual([
      [5, 6],
      [7, 8],
    ]);
    expect([...first.series[0]!.values]).toEqual([5, 6]); // hence: fold an answer in before reading the next
  });

  it.each([
    ["cut off", body.slice(0, 60), /not valid JSON: Parser ended in mid-parsing/],
    ["followed by more", `${body} {}`, /not valid JSON: Unexpected "\{"/],
    ["empty", "", /the answer is empty/],
    ["an HTML error page", "<html>Bad gateway</html>", /not valid JSON: Unexpected "<"/],
    ["another type", '{"data":{"type":"scalar_response"}}', /data\.type is "scalar_response"/],
    ["a row that is not an array", body.replace("[2,3]", '{"a":1}'), /values row 1 is not an array/],
  ])("fails with a message on an answer %s", async (_, text, message) => {
    await expect(readTimeseries(inChunks(text, 16), COUNT, ALL_TIME)).rejects.toThrow(message);
  });
});
