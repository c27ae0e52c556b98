// The all-hands deck as data: pure, no React, no pptx. The /slides preview and the
// .pptx writer both render this one model, so the browser and PowerPoint show the same slides and numbers.

import { MEANING_COLORS, toPptxColor } from "@/lib/palette";

/** A chart's series: values are display numbers (dollars as floats, never used for arithmetic). */
export type DeckSeries = { name: string; color: string; values: number[] };

export type DeckChart = {
  /** Stacked columns over time (trends, before/after) or horizontal bars (one per team). */
  type: "stacked-columns" | "bars";
  categories: string[];
  series: DeckSeries[];
  /** Says what the axis is, e.g. "Amortized spend per month". */
  valueLabel: string;
};

export type DeckFact = { label: string; value: string };

export type Slide = {
  /** Stable within a deck: "title", "departments", "initiative-12", … */
  id: string;
  layout: "title" | "chart" | "number" | "closing";
  title: string;
  subtitle?: string;
  /** The one number the slide is about, in large type: "$211k a year". */
  headline?: { value: string; label: string; tone?: "good" | "bad" | "neutral" };
  /** One line of how (initiatives). */
  how?: string;
  facts?: DeckFact[];
  chart?: DeckChart;
  /** Said instead of a chart or headline when the data cannot give one (nothing synced, too few months). */
  note?: string;
  /** Where the numbers come from: the page that shows the same numbers. */
  source?: { label: string; href: string };
};

export type Deck = {
  title: string;
  /** The day the data is as of (YYYY-MM-DD): also the fixed date written into the .pptx package. */
  asOf: string;
  slides: Slide[];
};

/** The deck's colours: text from the app's light theme, chart colours from the shared palette (lib/palette.ts). */
export const DECK_COLORS = {
  ink: "14171F",
  muted: "5B6272",
  accent: "2453D6",
  // Text: a headline's words and sign carry its meaning; these only tint it, dark enough to read.
  good: "13795B",
  bad: "B42318",
  before: toPptxColor(MEANING_COLORS.before),
  change: toPptxColor(MEANING_COLORS.change),
  after: toPptxColor(MEANING_COLORS.after),
  notCounted: toPptxColor(MEANING_COLORS.notCounted),
  compliant: toPptxColor(MEANING_COLORS.compliant),
  notAllowed: toPptxColor(MEANING_COLORS.notAllowed),
  missing: toPptxColor(MEANING_COLORS.missing),
} as const;
