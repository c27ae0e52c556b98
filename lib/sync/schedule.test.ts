import { describe, expect, it } from "vitest";
import { nextScheduledRun } from "./schedule";

describe("nextScheduledRun", () => {
  it.each([
    ["hourly", "2026-11-26T09:00:00Z", "2026-11-26T09:05:00.000Z"],
    ["hourly", "2026-11-26T09:05:00Z", "2026-11-26T10:05:00.000Z"],
    ["hourly", "2026-11-26T23:59:00Z", "2026-11-27T00:05:00.000Z"],
    ["daily", "2026-11-26T05:00:00Z", "2026-11-26T06:05:00.000Z"],
    ["daily", "2026-11-26T06:05:00Z", "2026-11-27T06:05:00.000Z"],
    ["daily", "2026-12-31T12:00:00Z", "2027-01-01T06:05:00.000Z"],
  ] as const)("%s after %s is %s", (schedule, now, expected) => {
    expect(nextScheduledRun(schedule, new Date(now)).toISOString()).toBe(expected);
  });
});
