import { describe, expect, it } from "vitest";
import {
  countOomKills,
  foldIntoSlots,
  lastOf,
  maxOf,
  percentile,
  sumIncreases,
  timeWeightedMean,
  toDistribution,
} from "./statistics";

const N = NaN;
const f = (values: number[]) => Float64Array.from(values);
const times = (count: number, step = 900, start = 9000) =>
  Float64Array.from({ length: count }, (_, i) => start + i * step);

describe("percentile (nearest rank)", () => {
  const oneToTwenty = f(Array.from({ length: 20 }, (_, i) => i + 1));
  it.each([
    // rank = ceil(p × n / 100), 1-based
    [oneToTwenty, 50, 10], // rank 10
    [oneToTwenty, 95, 19], // rank 19
    [oneToTwenty, 99, 20], // rank 19.8 → 20
    [oneToTwenty, 100, 20],
    [f([5]), 50, 5],
    [f([1, 2, 3, 4]), 50, 2], // rank 2: the lower middle value, never an average of two
    [f([1, 2, 3, 4]), 95, 4], // rank 3.8 → 4
    [f([]), 50, NaN],
  ])("%# p%i", (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });
});

describe("toDistribution", () => {
  it("ignores buckets without data and reports the sample count and first bucket", () => {
    // 40 values 10, 20, … 400 in shuffled order, with gaps: p50 = 20th = 200, p95 = 38th = 380, p99 = 40th = 400.
    const values = Array.from({ length: 40 }, (_, i) => (i + 1) * 10).sort(
      (a, b) => ((a * 7919) % 41) - ((b * 7919) % 41),
    );
    const d = toDistribution(f([N, N, ...values.slice(0, 20), N, ...values.slice(20)]));
    expect(d).toEqual({ samples: 40, p50: 200, p95: 380, p99: 400, max: 400, firstIndex: 2 });
  });
  it("is null without any data", () => {
    expect(toDistribution(f([N, N]))).toBeNull();
  });
});

describe("maxOf / lastOf", () => {
  it.each([
    [[N, 3, 9, 2, N], 9, 2],
    [[N, N], null, null],
    [[0], 0, 0],
  ])("%j → max %s, last %s", (values, max, last) => {
    expect(maxOf(f(values))).toBe(max);
    expect(lastOf(f(values))).toBe(last);
  });
});

describe("timeWeightedMean (replicas)", () => {
  it.each([
    // times start at 9000, step 900; window ends at 9000 + 4 × 900 = 12600 unless said otherwise
    ["steady 3 pods", [3, 3, 3, 3], 12600, 3],
    ["scaled 2 → 4 half-way", [2, 2, 4, 4], 12600, 3],
    ["a gap counts as 0 pods", [2, N, 2, 2], 12600, 1.5],
    ["from the first bucket with pods (young)", [N, N, 1, 1], 12600, 1],
    ["until the window end even without data (CronJob: 1 pod in 1 of 8 buckets)", [1], 9000 + 8 * 900, 0.125],
    ["rollout surge: 2 pods for one bucket", [1, 2, 1, 1], 12600, 1.25],
    ["no pods", [N, N], 12600, 0],
  ])("%s", (_, values, windowTo, expected) => {
    expect(timeWeightedMean(times(values.length), f(values), 900, windowTo)).toBe(expected);
  });
});

describe("sumIncreases (restarts)", () => {
  it.each([
    ["no restart", [0, 0, 0], 0],
    ["two restarts", [0, 1, 1, 2], 2],
    ["pod replaced: the drop is not a restart", [3, 3, 0, 1], 1],
    ["gaps are skipped", [1, N, N, 2], 1],
    ["restarts before the window do not count", [5, 5, 6], 1],
  ])("%s", (_, values, expected) => {
    expect(sumIncreases(times(values.length), f(values), 9000)).toBe(expected);
  });
  it("counts the first value when the series starts inside the window", () => {
    expect(sumIncreases(times(2), f([2, 3]), 0)).toBe(3);
  });
});

describe("countOomKills", () => {
  const t = times(5);
  const gauge = (values: number[]) => ({ times: t, values: f(values) });
  it.each([
    ["no OOM series: 0 even with restarts", gauge([0, 1, 2, 2, 2]), null, 0],
    ["restarts while the last termination was OOMKilled", gauge([0, 1, 2, 3, 3]), gauge([0, 0, 1, 1, 1]), 2],
    [
      "the OOM state appearing is one kill; the restart before it is not an OOM kill",
      gauge([0, 1, 1, 1, 1]),
      gauge([N, N, 1, 1, 1]),
      1,
    ],
    [
      "OOM state carried in from before the window, no restart since",
      gauge([4, 4, 4, 4, 4]),
      gauge([1, 1, 1, 1, 1]),
      0,
    ],
    ["two pods killed once each, no restart metric", null, gauge([0, 1, 1, 2, 2]), 2],
  ])("%s", (_, restarts, oom, expected) => {
    expect(countOomKills(restarts, oom, t[0]!)).toBe(expected);
  });
});

describe("foldIntoSlots", () => {
  // Four 900 s buckets per 3600 s slot, starting at 0.
  const t = Float64Array.from([0, 900, 1800, 2700, 3600, 4500, 7200]);
  const v = f([10, 20, N, 30, 5, 7, 1]);
  it("averages the buckets of each slot", () => {
    const target = new Float64Array(3).fill(NaN);
    foldIntoSlots(target, t, v, 0, 3600, "avg");
    expect([...target]).toEqual([20, 6, 1]);
  });
  it("takes their max, and leaves slots outside the window alone", () => {
    const target = new Float64Array(2).fill(NaN);
    foldIntoSlots(target, t, v, 0, 3600, "max");
    expect([...target]).toEqual([30, 7]);
  });
});
