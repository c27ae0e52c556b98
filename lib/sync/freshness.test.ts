import { describe, expect, it } from "vitest";
import { toSourceFreshness } from "./runs";

const NOW = new Date("2026-12-06T12:00:00Z");
const SOURCES = [
  { name: "aws", label: "AWS Cost Explorer" },
  { name: "datadog", label: "Datadog" },
];

describe("toSourceFreshness", () => {
  it.each([
    ["never synced", undefined, true],
    ["an hour ago", "2026-12-06T11:00:00Z", false],
    ["exactly at the threshold (2 days)", "2026-12-04T12:00:00Z", false],
    ["a minute past the threshold", "2026-12-04T11:59:00Z", true],
    ["a year ago", "2025-12-06T12:00:00Z", true],
  ])("a source last synced %s is stale: %s", (_, last, stale) => {
    const lastSuccess = new Map(last ? [["datadog", new Date(last)]] : []);
    const [, datadog] = toSourceFreshness(SOURCES, lastSuccess, NOW, 2);
    expect(datadog).toEqual({
      source: "datadog",
      label: "Datadog",
      lastSuccess: last ? new Date(last).toISOString() : null,
      stale,
    });
  });
});
