import { describe, expect, it } from "vitest";
import {
  addMoney,
  formatCentsAsUsd,
  formatPercent,
  formatUsd,
  formatUsdShort,
  fromUnits,
  roundToCents,
  subtractMoney,
  toCents,
  toRatio,
  toUnits,
} from "./money";

describe("money", () => {
  it.each([
    ["0", "0"],
    ["600.60", "600.6"],
    ["-0.0000000001", "-0.0000000001"],
    [".5", "0.5"],
    ["1234567890123.1234567891", "1234567890123.1234567891"],
    ["-12", "-12"],
  ])("reads %s back as %s", (input, expected) => {
    expect(fromUnits(toUnits(input))).toBe(expected);
  });

  it("adds and subtracts without float error", () => {
    expect(addMoney("0.1", "0.2")).toBe("0.3"); // 0.30000000000000004 in floats
    expect(addMoney("100.10", "200.20", "300.30", "50.05", "10.0000000001", "20")).toBe("680.6500000001");
    expect(subtractMoney("250.25", "110.1000000001")).toBe("140.1499999999");
  });

  it("rejects text that is not a plain decimal", () => {
    expect(() => toUnits("1e5")).toThrow(/Not a decimal/);
    expect(() => toUnits("")).toThrow(/Not a decimal/);
  });

  it.each([
    ["1234567.891", "$1,234,567.89"],
    ["0.005", "$0.01"],
    ["-0.005", "−$0.01"],
    ["-1234.5", "−$1,234.50"],
    ["0.0049999999", "$0.00"],
    ["0", "$0.00"],
  ])("formats %s as exact cents %s (half away from zero)", (input, expected) => {
    expect(formatUsd(input)).toBe(expected);
  });

  it("rounds to whole cents half away from zero", () => {
    expect(toCents("10.125")).toBe(1013n);
    expect(toCents("-10.125")).toBe(-1013n);
  });

  it.each([
    [1_234_567, "$1.2M"],
    [345_000, "$345k"],
    [12_345, "$12.3k"],
    [950.4, "$950"],
    [-4_000, "−$4k"],
    [2_500_000_000, "$2.5B"],
  ])("formats %d for charts as %s", (input, expected) => {
    expect(formatUsdShort(input)).toBe(expected);
  });

  it("gives shares and changes as ratios, none against zero", () => {
    expect(toRatio("25", "100")).toBe(0.25);
    expect(toRatio("1", "0")).toBeNull();
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(-0.05)).toBe("−5.0%");
    expect(formatPercent(0.0004)).toBe("<0.1%");
  });
});

describe("whole cents", () => {
  it.each([
    [49.275, 4928],
    [-49.275, -4928],
    [0.004, 0],
    [-0.004, 0], // never -0
    [0.005, 1],
    [1.005, 101], // 100.49999999999999 in floating point, snapped to 100.5 → 101
  ])("roundToCents(%s) = %s", (usd, cents) => {
    expect(Object.is(roundToCents(usd), cents)).toBe(true);
  });

  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [-5, "-0.05"],
    [123456, "1234.56"],
    [-4928, "-49.28"],
  ])("formatCentsAsUsd(%s) = %s", (cents, text) => {
    expect(formatCentsAsUsd(cents)).toBe(text);
  });
});
