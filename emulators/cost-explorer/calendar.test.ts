import { describe, expect, it } from "vitest";
import { parseDay } from "@/emulators/demo/spend-days";
import { isEstimated, toCompletenessPercent, toDefaultHistoryStart, toLatestEnd } from "./calendar";

const day = (text: string) => parseDay(text) ?? Number.NaN;

describe("calendar rules against the clock", () => {
  it.each([
    ["2026-11-26", "2025-10-01", "2026-12-01"],
    ["2026-01-01", "2024-12-01", "2026-02-01"],
    ["2026-12-31", "2025-11-01", "2027-01-01"],
  ])("on %s history starts %s and End may reach %s", (now, start, end) => {
    expect(toDefaultHistoryStart(day(now))).toBe(day(start));
    expect(toLatestEnd(day(now))).toBe(day(end));
  });

  it.each([
    ["2026-11-26", "2026-11-01", true],
    ["2026-11-26", "2026-10-31", false],
    ["2026-11-26", "2026-11-30", true],
    ["2026-12-01", "2026-11-01", true],
    ["2026-12-03", "2026-11-30", true],
    ["2026-12-04", "2026-11-30", false],
    ["2026-12-02", "2026-10-31", false],
  ])("on %s, %s is Estimated: %s", (now, target, expected) => {
    expect(isEstimated(day(target), day(now))).toBe(expected);
  });

  it.each([
    ["2026-11-26", 0],
    ["2026-11-27", 0],
    ["2026-11-25", 80],
    ["2026-11-24", 95],
    ["2026-11-23", 100],
  ])("on 2026-11-26, usage of %s has arrived at %d %%", (target, percent) => {
    expect(toCompletenessPercent(day(target), day("2026-11-26"))).toBe(percent);
  });
});
