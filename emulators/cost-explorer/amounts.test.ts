import { describe, expect, it } from "vitest";
import { formatQuantity, formatUnits } from "./amounts";

describe("formatUnits (integer 1e-8 USD → AWS amount text)", () => {
  it.each([
    [0, "0"],
    [330_000_000, "3.3"], // "3.3" as in the recorded Tax group
    [1, "0.00000001"],
    [123_456_789_012, "1234.56789012"],
    [-400_000_000_000, "-4000"],
    [-5, "-0.00000005"],
    [900_719_925_474_099, "9007199.25474099"], // near the exact-integer limit, still exact
  ])("%d → %s", (units, text) => {
    expect(formatUnits(units)).toBe(text);
  });

  it("refuses an amount that is no longer an exact integer", () => {
    expect(() => formatUnits(0.5)).toThrow(/not an exact integer/);
    expect(() => formatUnits(2 ** 53 + 2)).toThrow(/not an exact integer/);
  });
});

describe("formatQuantity", () => {
  it.each([
    [0, "0"],
    [173842.5440074444, "173842.5440074444"],
    [1e-7, "0.0000001"],
    [2.5, "2.5"],
  ])("%d → %s", (quantity, text) => {
    expect(formatQuantity(quantity)).toBe(text);
  });
});
