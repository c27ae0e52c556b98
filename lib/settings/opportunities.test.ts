import { describe, expect, it } from "vitest";
import { DEFAULT_OPPORTUNITY_SETTINGS, parseOpportunitySettings, readShareOf, retentionOf } from "./opportunities";

describe("opportunity settings", () => {
  it("defaults to us-east-1 Glacier IR prices, 10% read back, 30 → 7 days", () => {
    expect(DEFAULT_OPPORTUNITY_SETTINGS).toMatchObject({
      prices: {
        glacierIrStorageUsdPerGbMonth: 0.004,
        glacierIrGetUsdPer1000: 0.01,
        glacierIrRetrievalUsdPerGb: 0.03,
        transitionUsdPer1000: 0.02,
      },
      readSharePercent: 10,
      retention: { now: 30, target: 7 },
    });
  });

  it("takes per-project values and falls back to the defaults", () => {
    const settings = parseOpportunitySettings({
      readSharePercentByProject: { "data-lake": 2 },
      retentionByProject: { ledger: { now: 35, target: 14 } },
    });
    expect(readShareOf(settings, "data-lake")).toEqual({ percent: 2, isOwn: true });
    expect(readShareOf(settings, "warehouse")).toEqual({ percent: 10, isOwn: false });
    expect(retentionOf(settings, "ledger")).toEqual({ now: 35, target: 14, isOwn: true });
    expect(retentionOf(settings, "helpdesk")).toEqual({ now: 30, target: 7, isOwn: false });
  });

  it.each([
    [{ readSharePercent: 120 }, /readSharePercent: at most 100%/],
    [{ readSharePercent: -1 }, /readSharePercent: at least 0%/],
    [{ readSharePercent: "10" }, /readSharePercent: a percentage/],
    [{ retention: { now: 7, target: 14 } }, /target retention cannot be longer/],
    [{ retention: { now: 40, target: 7 } }, /at most 35 days/],
    [{ retention: { now: 30, target: 0 } }, /at least 1 day/],
    [{ retention: { now: 30, target: 7.5 } }, /whole number of days/],
    [{ retentionByProject: { ledger: { now: 3, target: 7 } } }, /retentionByProject\.ledger: the target/],
    [{ prices: { ...DEFAULT_OPPORTUNITY_SETTINGS.prices, glacierIrGetUsdPer1000: -0.01 } }, /cannot be negative/],
    [{ assumedObjectSizeMb: 0 }, /above 0 MB/],
  ])("refuses %j", (input, message) => {
    expect(() => parseOpportunitySettings(input)).toThrow(message);
  });
});
