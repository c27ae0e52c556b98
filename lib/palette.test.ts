import { describe, expect, it } from "vitest";
import { MEANING_COLORS, OTHER_COLOR, SERIES_COLORS, toPptxColor, UNTAGGED_COLOR } from "./palette";

/** WCAG relative luminance: what a greyscale printout keeps of a colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const lightnessRatio = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
/** Hue in degrees, to tell a red-vs-green pair (the pair most colour-blind readers cannot separate). */
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return -1;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}
const isRed = (hex: string) => hue(hex) >= 0 && (hue(hex) < 20 || hue(hex) > 340);
const isGreen = (hex: string) => hue(hex) >= 90 && hue(hex) <= 160;

describe("the chart palette", () => {
  it("has sixteen distinct series colours, none of them the untagged or Other grey", () => {
    expect(new Set(SERIES_COLORS).size).toBe(16);
    expect(SERIES_COLORS).not.toContain(UNTAGGED_COLOR);
    expect(SERIES_COLORS).not.toContain(OTHER_COLOR);
  });

  // Pairs a reader compares: they must stay apart in greyscale, and never be told apart by red vs green alone.
  it.each([
    ["cut", "raise"],
    ["compliant", "notAllowed"],
    ["notAllowed", "missing"],
    ["compliant", "missing"],
    ["before", "after"],
    ["customerServing", "rnd"],
    ["usageAverage", "usagePeak"],
  ] as const)("%s and %s differ in lightness and are not red vs green", (a, b) => {
    const [ca, cb] = [MEANING_COLORS[a], MEANING_COLORS[b]];
    expect(lightnessRatio(ca, cb)).toBeGreaterThanOrEqual(1.5);
    expect((isRed(ca) && isGreen(cb)) || (isGreen(ca) && isRed(cb))).toBe(false);
  });

  it("neighbouring series alternate in lightness, so stacked segments stay apart in greyscale", () => {
    for (let i = 1; i < 7; i++) expect(lightnessRatio(SERIES_COLORS[i - 1]!, SERIES_COLORS[i]!)).toBeGreaterThan(1.1);
  });

  it("writes pptx colours without the #", () => {
    expect(toPptxColor("#0072b2")).toBe("0072B2");
  });
});
