import { describe, expect, it } from "vitest";
import { parseTagsQuery, toDefaultTagsRange } from "./tags-query";

const NOW = new Date("2026-11-26T12:00:00Z");

describe("tags query", () => {
  it.each([
    // The last three full months and the current month so far, month-aligned.
    ["2026-11-26T12:00:00Z", "2026-08-01", "2026-12-01"],
    ["2026-01-01T00:00:00Z", "2025-10-01", "2026-02-01"],
    ["2026-03-31T23:59:59Z", "2025-12-01", "2026-04-01"],
  ])("defaults at %s to [%s, %s)", (now, from, to) => {
    expect(toDefaultTagsRange(new Date(now))).toEqual({ from, to });
  });

  it.each([
    [{}, { from: "2026-08-01", to: "2026-12-01", metric: "amortized" }],
    [{ from: "2026-01-01" }, { from: "2026-01-01", to: "2026-12-01", metric: "amortized" }],
    [
      { from: "2026-11-01", to: "2026-11-02", metric: "unblended" },
      { from: "2026-11-01", to: "2026-11-02", metric: "unblended" },
    ],
    [
      { from: "", to: "", metric: "" },
      { from: "2026-08-01", to: "2026-12-01", metric: "amortized" },
    ],
  ])("parses %j", (input, expected) => {
    expect(parseTagsQuery(input, NOW)).toEqual(expected);
  });

  it.each([
    [{ from: "2026-13-01" }, 'from must be a date as YYYY-MM-DD (got "2026-13-01").'],
    [{ to: "yesterday" }, 'to must be a date as YYYY-MM-DD (got "yesterday").'],
    [
      { from: "2026-11-01", to: "2026-11-01" },
      "from (2026-11-01) must be before to (2026-11-01); to is the first day not included.",
    ],
    [{ from: "2027-01-01" }, "from (2027-01-01) must be before to (2026-12-01); to is the first day not included."],
    [{ metric: "blended" }, 'metric must be one of amortized, unblended, net_amortized (got "blended").'],
    [{ from: ["2026-01-01", "2026-02-01"] }, "from is given 2 times; give it once."],
  ])("refuses %j with a message naming the input", (input, message) => {
    expect(() => parseTagsQuery(input, NOW)).toThrow(expect.objectContaining({ kind: "bad-input", message }));
  });
});
