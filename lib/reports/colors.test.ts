import { describe, expect, it } from "vitest";
import { PALETTE, toDepartmentColor, UNTAGGED_COLOR } from "./colors";

const ALLOWED = ["platform", "payments", "video", "data", "growth", "security", "finance", "support"];

describe("toDepartmentColor", () => {
  it("gives each allowed department its own colour, in the order of the allowed list", () => {
    const colors = ALLOWED.map((d) => toDepartmentColor(d, ALLOWED));
    expect(new Set(colors).size).toBe(ALLOWED.length);
    expect(colors[0]).toBe(PALETTE[0]);
  });
  it("is the same on every call (pages agree), and grey for untagged", () => {
    expect(toDepartmentColor("fin", ALLOWED)).toBe(toDepartmentColor("fin", [...ALLOWED]));
    expect(toDepartmentColor(null, ALLOWED)).toBe(UNTAGGED_COLOR);
    expect(PALETTE).not.toContain(UNTAGGED_COLOR);
  });
  it("gives values outside the list a colour no allowed department has", () => {
    const allowedColors = ALLOWED.map((d) => toDepartmentColor(d, ALLOWED));
    for (const raw of ["fin", "Platform", "eng", "marketing"])
      expect(allowedColors).not.toContain(toDepartmentColor(raw, ALLOWED));
  });
  it("colours departments by name when the allowed list is empty (presence only)", () => {
    expect(toDepartmentColor("video", [])).toBe(toDepartmentColor("video", []));
    expect(PALETTE).toContain(toDepartmentColor("video", []));
  });
});
