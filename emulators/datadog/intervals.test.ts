import { describe, expect, it } from "vitest";
import { countBuckets, getDefaultIntervalSeconds, MAX_POINTS, resolveIntervalSeconds } from "./intervals";

const HOUR = 3600;
const DAY = 86400;
const NOW = 1795651200; // 2026-11-26T00:00:00Z

describe("getDefaultIntervalSeconds", () => {
  // Datadog's documented "Rollup Interval, API" column (dashboards/functions/rollup).
  it.each([
    ["the past hour", HOUR, 20],
    ["the past four hours", 4 * HOUR, 60],
    ["the past day", DAY, 300],
    ["the past two days", 2 * DAY, 600],
    ["the past week", 7 * DAY, 3600],
    ["the past month", 30 * DAY, 4 * HOUR],
  ])("%s → %i s", (_label, span, expected) => {
    expect(getDefaultIntervalSeconds(NOW - span, NOW)).toBe(expected);
  });
});

describe("resolveIntervalSeconds", () => {
  it.each([
    ["a fine rollup that fits is kept", DAY, 300, 300],
    ["5 days at 300 s = 1,441 buckets fits", 5 * DAY, 300, 300],
    ["14 days at 300 s would be 4,033 buckets → 900 s", 14 * DAY, 300, 900],
    ["30 days at 60 s → 1,800 s", 30 * DAY, 60, 1800],
    ["a coarse interval is never lowered", 14 * DAY, 86400, 86400],
    ["no interval → the default table", 14 * DAY, null, 14400],
    ["a year at 300 s → 6 h (1,461 buckets)", 365 * DAY, 300, 21600],
    ["three years at 300 s → whole days", 3 * 365 * DAY, 300, 86400],
  ])("%s", (_label, span, requested, expected) => {
    const interval = resolveIntervalSeconds(NOW - span, NOW, requested);
    expect(interval).toBe(expected);
    expect(countBuckets(NOW - span, NOW, interval)).toBeLessThanOrEqual(MAX_POINTS);
  });

  it("counts aligned bucket starts inside [from, to]", () => {
    // Recorded v1 answer: from=1641343852, to=1641430252 at 300 s gave 288 points.
    expect(countBuckets(1641343852, 1641430252, 300)).toBe(288);
  });
});
