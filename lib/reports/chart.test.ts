import { describe, expect, it } from "vitest";
import { toNiceTicks, type ChartPoint } from "./chart";

const point = (values: Record<string, number>): ChartPoint => ({ label: "", title: "", estimated: false, values });

describe("toNiceTicks", () => {
  it.each([
    [[point({ a: 2_100_000, b: 1_300_000 })], [0, 1_000_000, 2_000_000, 3_000_000, 4_000_000]],
    [[point({ a: 340_000 })], [0, 100_000, 200_000, 300_000, 400_000]],
    [[point({ a: 90 })], [0, 25, 50, 75, 100]],
    [[point({ a: 800, credit: -150 })], [-250, 0, 250, 500, 750, 1000]],
    [[point({})], [0]],
  ])("covers the stacks of %j with round steps", (points, expected) => {
    expect(toNiceTicks(points)).toEqual(expected);
  });
});
