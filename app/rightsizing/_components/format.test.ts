// The team row's usage figures travel rounded to what their text shows: the text must be the same either way.
import { describe, expect, it } from "vitest";
import { formatCpu, formatMemory, toShownCpu, toShownMemory } from "./format";

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

describe("usage figures rounded to their text", () => {
  it.each([
    [613.655088, 614],
    [0.0449, 0],
    [7.2512, 7.3],
    [9.96, 10], // "10m" either way
    [9999.6, 9999.6], // rounding would cross into vCPU ("10 vCPU" vs "10000m"): kept
    [12_345.678, 12_300],
    [null, null],
  ])("cpu %s → %s", (value, shown) => {
    expect(toShownCpu(value)).toBe(shown);
    expect(formatCpu(toShownCpu(value))).toBe(formatCpu(value));
  });

  it.each([
    [536_893_687.4397966, 536_893_687],
    [5.55 * MIB + 0.4, Math.round(5.55 * MIB + 0.4)],
    [12.34 * GIB + 0.5, Math.round(12.34 * GIB + 0.5)],
    [null, null],
  ])("memory %s → %s", (value, shown) => {
    expect(toShownMemory(value)).toBe(shown);
    expect(formatMemory(toShownMemory(value))).toBe(formatMemory(value));
  });

  it("never changes the text, over many values", () => {
    let seed = 17; // a fixed sequence: the same values on every run
    const next = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 2_000; i++) {
      const cpu = next() * 10 ** (next() * 6);
      const memory = next() * 10 ** (next() * 12);
      if (formatCpu(toShownCpu(cpu)) !== formatCpu(cpu)) expect.fail(`cpu ${cpu}`);
      if (formatMemory(toShownMemory(memory)) !== formatMemory(memory)) expect.fail(`memory ${memory}`);
    }
  });
});
