import { describe, expect, it } from "vitest";
import { DEFAULT_OPPORTUNITY_PRICES as PRICES } from "@/lib/settings/opportunities";
import { estimateTransitionUsd, priceGlacierMove, priceRetentionCut } from "./formulas";

describe("priceGlacierMove: projected = Q×0.004 + Q×r×0.03 + G/1000×0.01, savings = Cs + Cg − projected", () => {
  it.each([
    {
      name: "cold bucket: 10,000 GB-months, 1M GETs, 10% read back",
      inputs: { storageGbMonths: "10000", storageUsd: "230", getRequests: "1000000", getUsd: "0.4", readShare: "0.1" },
      // 40 + 30 + 10 = 80; 230.4 − 80 = 150.4; break-even (230.4 − 40 − 10) / (10000 × 0.03) = 0.6013…
      projected: "80",
      savings: "150.4",
      breakEven: 180.4 / 300,
    },
    {
      name: "hot bucket: the GETs cost 25× as much on Glacier IR, so the move costs money",
      inputs: { storageGbMonths: "1000", storageUsd: "23", getRequests: "50000000", getUsd: "20", readShare: "0.1" },
      // 4 + 3 + 500 = 507; 43 − 507 = −464; break-even (43 − 4 − 500) / 30 < 0: never pays off
      projected: "507",
      savings: "-464",
      breakEven: -461 / 30,
    },
    {
      name: "everything read back every month",
      inputs: { storageGbMonths: "1000", storageUsd: "23", getRequests: "0", getUsd: "0", readShare: "1" },
      projected: "34",
      savings: "-11",
      breakEven: 19 / 30,
    },
    {
      name: "zero usage: nothing to save, no break-even",
      inputs: { storageGbMonths: "0", storageUsd: "0", getRequests: "0", getUsd: "0", readShare: "0.1" },
      projected: "0",
      savings: "0",
      breakEven: null,
    },
    {
      name: "full precision: fractional GB-months and requests as Cost Explorer sends them",
      inputs: {
        storageGbMonths: "123.4567891234",
        storageUsd: "2.8395061498",
        getRequests: "98765.4321",
        getUsd: "0.0395061728",
        readShare: "0.07",
      },
      // 0.4938271564936 + 0.2592592571591 + 0.987654321 = 1.7407407346527 → rounded at 1e-12
      projected: "1.740740734653",
      savings: "1.138271587947", // 2.8790123226 − 1.740740734653
      breakEven: (2.8790123226 - 0.4938271565 - 0.987654321) / (123.4567891234 * 0.03),
    },
  ])("$name", ({ inputs, projected, savings, breakEven }) => {
    const result = priceGlacierMove(inputs, PRICES);
    expect(result.projectedUsd).toBe(projected);
    expect(result.savingsUsd).toBe(savings);
    if (breakEven === null) expect(result.breakEvenReadShare).toBeNull();
    else expect(result.breakEvenReadShare).toBeCloseTo(breakEven, 9);
  });

  it("at the break-even read share the savings are zero", () => {
    const inputs = {
      storageGbMonths: "5000",
      storageUsd: "115",
      getRequests: "2000000",
      getUsd: "0.8",
      readShare: "0.1",
    };
    const r = priceGlacierMove(inputs, PRICES).breakEvenReadShare ?? 0;
    const atBreakEven = priceGlacierMove({ ...inputs, readShare: String(r) }, PRICES);
    expect(Math.abs(Number(atBreakEven.savingsUsd))).toBeLessThan(1e-6);
  });

  it("uses the prices it is given", () => {
    const inputs = { storageGbMonths: "1000", storageUsd: "23", getRequests: "1000", getUsd: "0", readShare: "0" };
    expect(priceGlacierMove(inputs, { ...PRICES, glacierIrStorageUsdPerGbMonth: 0.005 }).projectedUsd).toBe("5.01");
  });
});

describe("estimateTransitionUsd: objects from an assumed size, $0.02 per 1,000", () => {
  it.each([
    { gb: "4096", sizeMb: 4, objects: 1_048_576, usd: "20.97152" },
    { gb: "0", sizeMb: 4, objects: 0, usd: "0" },
    { gb: "1", sizeMb: 0.125, objects: 8192, usd: "0.16384" },
  ])("$gb GB of $sizeMb MB objects", ({ gb, sizeMb, objects, usd }) => {
    expect(estimateTransitionUsd(gb, sizeMb, PRICES.transitionUsdPer1000)).toEqual({ objects, usd });
  });
});

describe("priceRetentionCut: projected = Cb × Rtarget / Rnow", () => {
  it.each([
    {
      name: "30 → 7 days",
      backupUsd: "300",
      gb: "3157.894736842",
      now: 30,
      target: 7,
      projected: "70",
      savings: "230",
    },
    { name: "35 → 14 days", backupUsd: "100", gb: "1000", now: 35, target: 14, projected: "40", savings: "60" },
    { name: "already at target", backupUsd: "12.34", gb: "129.9", now: 7, target: 7, projected: "12.34", savings: "0" },
    { name: "zero usage", backupUsd: "0", gb: "0", now: 30, target: 7, projected: "0", savings: "0" },
    {
      name: "a third, exact to 1e-12",
      backupUsd: "10",
      gb: "1",
      now: 3,
      target: 1,
      projected: "3.333333333333",
      savings: "6.666666666667",
    },
  ])("$name", ({ backupUsd, gb, now, target, projected, savings }) => {
    const result = priceRetentionCut({
      backupUsd,
      backupGbMonths: gb,
      retentionDaysNow: now,
      retentionDaysTarget: target,
    });
    expect(result).toMatchObject({ currentUsd: backupUsd, projectedUsd: projected, savingsUsd: savings });
  });

  it("refuses retention days that are not whole numbers ≥ 1", () => {
    expect(() =>
      priceRetentionCut({ backupUsd: "1", backupGbMonths: "1", retentionDaysNow: 0, retentionDaysTarget: 0 }),
    ).toThrow(/whole numbers/);
  });
});
