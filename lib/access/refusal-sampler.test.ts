// The guard's refusals reach the audit trail sampled: one row per origin a minute, at most maxRows a minute, and
// the row after a gap says how many were left out. A flood from rotating origins writes maxRows rows, not one each.
import { describe, expect, it } from "vitest";
import { RefusalSampler } from "./refusal-sampler";

describe("refusals sampled for the audit trail", () => {
  it("writes the first refusal of an origin in a minute and counts the rest", () => {
    const s = new RefusalSampler({ windowMs: 60_000, maxRows: 3 });
    expect(s.admit("Origin https://evil.example", 0)).toEqual({ leftOutBefore: 0 });
    expect(s.admit("Origin https://evil.example", 1_000)).toBeNull();
    expect(s.admit("Origin https://evil.example", 59_999)).toBeNull();
    expect(s.admit("Origin https://other.example", 59_999)).toEqual({ leftOutBefore: 2 });
    // A new minute: the same origin is written again, telling nothing was left out since the last row.
    expect(s.admit("Origin https://evil.example", 60_000)).toEqual({ leftOutBefore: 0 });
  });

  it("writes at most maxRows a minute however many origins a script invents", () => {
    const s = new RefusalSampler({ windowMs: 60_000, maxRows: 20 });
    let written = 0;
    for (let i = 0; i < 100_000; i++) if (s.admit(`Origin https://e${i}.example`, i / 10)) written++;
    // 100,000 refusals over 10 seconds: one window.
    expect(written).toBe(20);
    // The next minute's first row carries the count of the ones left out.
    expect(s.admit("Origin https://late.example", 120_000)).toEqual({ leftOutBefore: 100_000 - 20 });
  });

  it("starts a new window when the clock goes back", () => {
    const s = new RefusalSampler({ windowMs: 60_000, maxRows: 1 });
    expect(s.admit("a", 100_000)).not.toBeNull();
    expect(s.admit("b", 100_001)).toBeNull();
    expect(s.admit("b", 50_000)).toEqual({ leftOutBefore: 1 });
  });
});
