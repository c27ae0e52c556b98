import { describe, expect, it } from "vitest";
import { readRateLimit, toRetryDelayMs, toWaitBeforeNextMs } from "./polite-http";

describe("readRateLimit", () => {
  it.each([
    [
      { "x-ratelimit-remaining": "17", "x-ratelimit-reset": "42" },
      { remaining: 17, resetAtMs: 1_042_000 },
    ],
    [
      { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "0" },
      { remaining: 0, resetAtMs: 1_000_000 },
    ],
    [{ "x-ratelimit-remaining": "3" }, { remaining: 3, resetAtMs: 1_000_000 }],
    [{}, null],
    [{ "x-ratelimit-remaining": "many" }, null],
  ])("%j", (headers, expected) => {
    expect(readRateLimit(headers, 1_000_000)).toEqual(expected);
  });
});

describe("toWaitBeforeNextMs (slow down before a 429)", () => {
  it.each([
    ["no headers seen yet", null, 0],
    ["plenty left", { remaining: 50, resetAtMs: 60_000 }, 0],
    ["just above the reserve of 2", { remaining: 3, resetAtMs: 60_000 }, 0],
    ["at the reserve: wait for the reset", { remaining: 2, resetAtMs: 60_000 }, 50_000],
    ["none left", { remaining: 0, resetAtMs: 12_500 }, 2_500],
    ["reset already passed", { remaining: 0, resetAtMs: 5_000 }, 0],
  ])("%s", (_, state, expected) => {
    expect(toWaitBeforeNextMs(state, 10_000, 2)).toBe(expected);
  });
});

describe("toRetryDelayMs", () => {
  it.each([
    ["429 waits as told by X-RateLimit-Reset", 429, { "x-ratelimit-reset": "7" }, 1, 7_000],
    ["429 with reset 0 waits at least a second", 429, { "x-ratelimit-reset": "0" }, 1, 1_000],
    ["429 without headers backs off", 429, {}, 2, 4_000],
    ["503 backs off 2^attempt s", 503, {}, 3, 8_000],
    ["backoff is capped at 60 s", 500, {}, 9, 60_000],
    ["403 is not retried", 403, {}, 1, null],
    ["400 is not retried", 400, {}, 1, null],
    ["200 is an answer", 200, {}, 1, null],
  ])("%s", (_, status, headers, attempt, expected) => {
    expect(toRetryDelayMs(status, headers, attempt)).toBe(expected);
  });
});
