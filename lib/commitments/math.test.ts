import { describe, expect, it } from "vitest";
import {
  compareSideBySide,
  isExpiringSoon,
  toCommitmentFigures,
  toMonthlyCommitment,
  type StoredRecommendation,
} from "./math";

const EC2 = "Amazon Elastic Compute Cloud - Compute";
const sp = (over: Partial<StoredRecommendation>): StoredRecommendation => ({
  program: "savings-plans",
  planType: "COMPUTE_SP",
  service: EC2,
  term: "ONE_YEAR",
  payment: "NO_UPFRONT",
  instance: "",
  quantity: null,
  hourlyCommitment: "1.000",
  upfront: "0",
  recurringMonthly: null,
  onDemandMonthly: null,
  monthlySavings: "270",
  savingsPercent: "27",
  breakEvenMonths: null,
  ...over,
});
const ri = (over: Partial<StoredRecommendation>): StoredRecommendation => ({
  ...sp({}),
  program: "reserved-instances",
  planType: "",
  instance: "t3a.xlarge",
  quantity: "10",
  hourlyCommitment: null,
  ...over,
});

describe("toCommitmentFigures", () => {
  it.each([
    // name, recommendation, recurring, on demand replaced, break-even, net over term
    ["SP no upfront: recurring = hourly × 730, no break-even", sp({}), "730", "1000", "0", "3240"],
    [
      "SP all upfront 1 year: nothing recurring; upfront ÷ on demand replaced",
      sp({ payment: "ALL_UPFRONT", upfront: "8760", monthlySavings: "300" }),
      "0",
      "1030",
      "8.5",
      "3600",
    ],
    [
      "SP partial upfront 3 years: upfront spread over 36 months comes off the recurring",
      sp({
        term: "THREE_YEARS",
        payment: "PARTIAL_UPFRONT",
        hourlyCommitment: "0.5",
        upfront: "6570",
        monthlySavings: "400",
      }),
      "182.5",
      "765",
      "11.28", // 6570 ÷ 582.5 = 11.2789
      "14400",
    ],
    [
      "RI: Cost Explorer's break-even and costs kept as given",
      ri({
        payment: "PARTIAL_UPFRONT",
        upfront: "3960.50",
        recurringMonthly: "330.04",
        onDemandMonthly: "1097.92",
        monthlySavings: "437.83",
        breakEvenMonths: "5.16",
      }),
      "330.04",
      "1097.92",
      "5.16",
      "5253.96",
    ],
    [
      "RI without a break-even from AWS: upfront ÷ (on demand − recurring)",
      ri({
        payment: "ALL_UPFRONT",
        upfront: "1000",
        recurringMonthly: "0",
        onDemandMonthly: "300",
        monthlySavings: "100",
      }),
      "0",
      "300",
      "3.33",
      "1200",
    ],
  ])("%s", (_name, rec, recurring, onDemand, breakEven, net) => {
    const f = toCommitmentFigures(rec);
    expect(f.recurringMonthly).toBe(recurring);
    expect(f.onDemandCoveredMonthly).toBe(onDemand);
    expect(f.breakEvenMonths).toBe(breakEven);
    expect(f.netOverTerm).toBe(net);
    expect(f.monthlySavings).toBe(rec.monthlySavings);
    expect(f.upfront).toBe(rec.upfront);
  });

  it("break-even rounds half up to hundredths", () => {
    expect(
      toCommitmentFigures(ri({ upfront: "1", recurringMonthly: "0", onDemandMonthly: "8", breakEvenMonths: null }))
        .breakEvenMonths,
    ).toBe("0.13");
  });
});

describe("toMonthlyCommitment", () => {
  it.each([
    [sp({ hourlyCommitment: "2.345" }), "1711.85"],
    [ri({ recurringMonthly: "330.04" }), "330.04"],
    [ri({ recurringMonthly: null }), "0"],
  ])("%#", (rec, expected) => expect(toMonthlyCommitment(rec)).toBe(expected));
});

describe("compareSideBySide", () => {
  const recs = [
    ri({ monthlySavings: "400.10" }),
    sp({ planType: "EC2_INSTANCE_SP", monthlySavings: "400.10" }),
    sp({ planType: "COMPUTE_SP", monthlySavings: "300" }),
    sp({ planType: "COMPUTE_SP", term: "THREE_YEARS", monthlySavings: "900" }),
  ];
  it("the highest monthly savings of the same term and payment nets more; a tie goes to the more flexible", () => {
    const s = compareSideBySide(recs, "ONE_YEAR", "NO_UPFRONT", EC2);
    expect(s.options.map((o) => o.label)).toEqual([
      "EC2 Reserved Instances (Standard)",
      "EC2 Instance Savings Plan",
      "Compute Savings Plan",
    ]);
    expect(s.best?.label).toBe("EC2 Instance Savings Plan");
    expect(s.leadMonthly).toBe("0");
  });
  it("compares only the same term and payment", () => {
    const s = compareSideBySide(recs, "THREE_YEARS", "NO_UPFRONT", EC2);
    expect(s.options.map((o) => o.label)).toEqual(["Compute Savings Plan"]);
    expect(s.best?.figures.monthlySavings).toBe("900");
    expect(s.leadMonthly).toBeNull();
  });
  it("nothing recommended: no best", () => {
    expect(compareSideBySide(recs, "THREE_YEARS", "ALL_UPFRONT", EC2).best).toBeNull();
  });
  it("a clear winner leads by the difference", () => {
    const s = compareSideBySide(
      [ri({ monthlySavings: "450.5" }), sp({ monthlySavings: "300.25" })],
      "ONE_YEAR",
      "NO_UPFRONT",
      EC2,
    );
    expect(s.best?.label).toBe("EC2 Reserved Instances (Standard)");
    expect(s.leadMonthly).toBe("150.25");
  });
});

describe("isExpiringSoon", () => {
  it.each([
    ["2027-02-04", "2026-11-26", true],
    ["2026-11-26", "2026-11-26", true],
    ["2027-02-24", "2026-11-26", true], // day 90
    ["2027-02-25", "2026-11-26", false],
    ["2026-11-25", "2026-11-26", false], // already ended
  ])("%s from %s → %s", (end, today, expected) => expect(isExpiringSoon(end, today)).toBe(expected));
});
