import { describe, expect, it } from "vitest";
import { formatDayRange, formatPeriod, listPeriods } from "./periods";

describe("listPeriods", () => {
  it("cuts a range into calendar months clipped to the range", () => {
    expect(listPeriods({ from: "2026-10-15", to: "2026-12-03" }, "month")).toEqual([
      { start: "2026-10-15", end: "2026-11-01" },
      { start: "2026-11-01", end: "2026-12-01" },
      { start: "2026-12-01", end: "2026-12-03" },
    ]);
  });
  it("cuts days across a month and year end, and gives one period for total", () => {
    expect(listPeriods({ from: "2026-12-30", to: "2027-01-02" }, "day").map((p) => p.start)).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
    ]);
    expect(listPeriods({ from: "2025-11-01", to: "2026-12-01" }, "total")).toEqual([
      { start: "2025-11-01", end: "2026-12-01" },
    ]);
  });
  it("counts 13 months for the default range", () => {
    expect(listPeriods({ from: "2025-11-01", to: "2026-12-01" }, "month")).toHaveLength(13);
  });
});

describe("period labels", () => {
  it.each([
    [{ start: "2026-11-01", end: "2026-12-01" }, "month", "Nov 2026"],
    [{ start: "2026-11-03", end: "2026-12-01" }, "month", "Nov 3–30, 2026"],
    [{ start: "2026-11-03", end: "2026-11-04" }, "day", "Nov 3, 2026"],
    [{ start: "2025-11-01", end: "2026-12-01" }, "total", "Nov 1, 2025 – Nov 30, 2026"],
  ] as const)("names %j (%s) %s, with the inclusive last day", (period, granularity, expected) => {
    expect(formatPeriod(period, granularity)).toBe(expected);
  });
  it("names a range within a year without repeating it", () => {
    expect(formatDayRange({ start: "2026-01-01", end: "2026-12-01" })).toBe("Jan 1 – Nov 30, 2026");
  });
});
