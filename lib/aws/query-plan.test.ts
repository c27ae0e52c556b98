import { describe, expect, it } from "vitest";
import {
  countNaiveRequests,
  countPages,
  estimatePages,
  DATASETS,
  ENVIRONMENT_VALUES_REQUEST,
  listCostRequests,
  planSyncRange,
  toEnvironmentFilter,
  toGroupDefinition,
  toHistoryStart,
  type StoredDays,
} from "./query-plan";

const NOW = new Date("2026-11-26T09:30:00Z");
const none: StoredDays = { lastDay: null, firstEstimatedDay: null };

describe("planSyncRange", () => {
  it.each<[string, Date, StoredDays, { from: string; to: string }]>([
    // First run: the whole window, 1st of the month 13 months back, to today exclusive (no usage for today yet).
    ["nothing stored: backfill 13 months", NOW, none, { from: "2025-10-01", to: "2026-11-26" }],
    // Mid-month every day of the open month is Estimated.
    [
      "open month Estimated",
      NOW,
      { lastDay: "2026-11-25", firstEstimatedDay: "2026-11-01" },
      { from: "2026-11-01", to: "2026-11-26" },
    ],
    [
      "all final: the last 3 days only",
      NOW,
      { lastDay: "2026-11-25", firstEstimatedDay: null },
      { from: "2026-11-23", to: "2026-11-26" },
    ],
    [
      "a pause: from the day after the last stored one",
      NOW,
      { lastDay: "2026-11-10", firstEstimatedDay: null },
      { from: "2026-11-11", to: "2026-11-26" },
    ],
    // Early December: November is still Estimated until AWS finalises it, so it is refetched with December.
    [
      "previous month until final",
      new Date("2026-12-02T06:00:00Z"),
      { lastDay: "2026-12-01", firstEstimatedDay: "2026-11-01" },
      { from: "2026-11-01", to: "2026-12-02" },
    ],
    [
      "previous month final",
      new Date("2026-12-05T06:00:00Z"),
      { lastDay: "2026-12-04", firstEstimatedDay: "2026-12-01" },
      { from: "2026-12-01", to: "2026-12-05" },
    ],
    // Days before the window are never asked for again, so what was stored for them is kept.
    [
      "never before the history window",
      NOW,
      { lastDay: "2026-11-25", firstEstimatedDay: "2025-02-01" },
      { from: "2025-10-01", to: "2026-11-26" },
    ],
    [
      "late in the UTC day is still that day",
      new Date("2026-11-26T23:59:59Z"),
      { lastDay: "2026-11-25", firstEstimatedDay: null },
      { from: "2026-11-23", to: "2026-11-26" },
    ],
  ])("%s", (_, now, stored, expected) => {
    expect(planSyncRange({ now, asked: undefined, stored })).toEqual(expected);
  });

  it("takes --from/--to as given, cutting the end at today", () => {
    const stored = { lastDay: "2026-11-25", firstEstimatedDay: "2026-11-01" };
    expect(planSyncRange({ now: NOW, asked: { from: "2026-10-01", to: "2026-11-01" }, stored })).toEqual({
      from: "2026-10-01",
      to: "2026-11-01",
    });
    expect(planSyncRange({ now: NOW, asked: { from: "2024-01-01", to: "2027-01-01" }, stored })).toEqual({
      from: "2024-01-01",
      to: "2026-11-26",
    });
    expect(() => planSyncRange({ now: NOW, asked: { from: "2026-11-26", to: "2026-12-01" }, stored })).toThrow(
      /--from 2026-11-26 is not before today \(2026-11-26\)/,
    );
  });

  it("knows the history window", () => {
    expect(toHistoryStart("2026-11-26")).toBe("2025-10-01");
    expect(toHistoryStart("2026-01-01")).toBe("2024-12-01");
  });
});

describe("the requests", () => {
  it("one three-tag request per environment value (untagged included, each once), then six more", () => {
    const requests = listCostRequests(["production", "", "staging", "production"]);
    expect(requests.map((r) => r.label)).toEqual([
      "department × project, environment=(untagged)",
      "department × project, environment=production",
      "department × project, environment=staging",
      "department × service",
      "project × service",
      "environment × service",
      "department × account",
      "project × account",
      "service × account",
    ]);
    // With the environment × account request that finds the values, every dataset is fetched.
    expect(new Set([ENVIRONMENT_VALUES_REQUEST, ...requests].map((r) => r.dataset))).toEqual(new Set(DATASETS));
  });

  it("groups tags by the configured keys, and filters untagged with ABSENT", () => {
    const keys = { department: "team-dept", project: "proj", environment: "env" };
    expect(toGroupDefinition("department", keys)).toEqual({ Type: "TAG", Key: "team-dept" });
    expect(toGroupDefinition("service", keys)).toEqual({ Type: "DIMENSION", Key: "SERVICE" });
    expect(toGroupDefinition("account", keys)).toEqual({ Type: "DIMENSION", Key: "LINKED_ACCOUNT" });
    expect(toEnvironmentFilter("Production ", keys)).toEqual({ Tags: { Key: "env", Values: ["Production "] } });
    expect(toEnvironmentFilter("", keys)).toEqual({ Tags: { Key: "env", MatchOptions: ["ABSENT"] } });
  });

  it.each([
    // 30 days; page 1 reached day 10 → 3 pages; page 2 reached day 20 → 3; never fewer than one more than seen.
    [1, "2026-11-10", 3],
    [2, "2026-11-20", 3],
    [1, "2026-11-30", 2],
    [3, "2026-11-30", 4],
    [1, undefined, 2],
  ])("estimates pages: %i page(s) up to %s of 30 days → %i", (page, lastStart, expected) => {
    expect(
      estimatePages({ from: "2026-11-01", to: "2026-12-01" }, page as number, lastStart as string | undefined),
    ).toBe(expected);
  });

  it("counts pages and the naive plan", () => {
    expect([countPages(0, 1000), countPages(1000, 1000), countPages(1001, 1000)]).toEqual([1, 1, 2]);
    // A day at a time: per day 9 three-tag + 7 other grouped + 1 totals = 17, plus ListCostAllocationTags once.
    expect(countNaiveRequests({ days: 30, environmentValues: 9 })).toBe(1 + 30 * 17);
  });
});
