// The deck in order: title; where the money goes; customer-serving vs R&D; how well spend is tagged;
// one slide per chosen initiative; rightsizing potential by team; total saved per year; thank you. Pure.
import { MONTH_NAMES } from "@/lib/labels";
import { formatDay } from "@/lib/reports/periods";
import type { SpendReport } from "@/lib/reports/spend-report";
import type { RightsizingSummary } from "@/lib/rightsizing/summarize";
import type { LedgerEntry } from "@/lib/savings/ledger";
import type { ComplianceReport } from "@/lib/tags/compliance-report";
import type { Deck, Slide } from "./deck";
import { toInitiativeSlide, toRightsizingSlide, toTotalSlide } from "./initiative-slides";
import { toCategoriesSlide, toDepartmentsSlide, toTaggingSlide } from "./spend-slides";

export type DeckInput = {
  /** The day the deck is as of (the injected clock's day). */
  asOf: string;
  /** The last day the bill is synced for; null = never synced. */
  dataThrough: string | null;
  allowedDepartments: readonly string[];
  trend: SpendReport | null;
  categories: SpendReport | null;
  compliance: ComplianceReport | null;
  rightsizing: RightsizingSummary | null;
  /** The chosen initiatives, in the presenter's order. */
  initiatives: LedgerEntry[];
};

export function toDeck(input: DeckInput): Deck {
  const month = `${MONTH_NAMES[Number(input.asOf.slice(5, 7)) - 1] ?? ""} ${input.asOf.slice(0, 4)}`;
  const title: Slide = {
    id: "title",
    layout: "title",
    title: "What our cloud costs, and what we saved",
    subtitle: `All-hands · ${month}`,
    note: input.dataThrough
      ? `AWS bill through ${formatDay(input.dataThrough)} · built by Costwise from the synced data`
      : "No spend synced yet",
  };
  const closing: Slide = {
    id: "thanks",
    layout: "closing",
    title: "Thank you",
    subtitle: "Questions? Every number here is in Costwise: Savings, Spend, Tags and Rightsizing.",
  };
  const slides = [
    title,
    toDepartmentsSlide(input.trend, input.allowedDepartments),
    toCategoriesSlide(input.categories),
    toTaggingSlide(input.compliance),
    ...input.initiatives.map(toInitiativeSlide),
    toRightsizingSlide(input.rightsizing),
    toTotalSlide(input.initiatives),
    closing,
  ];
  return { title: title.title, asOf: input.asOf, slides };
}

/** Slides that do not depend on the chosen initiatives: 7, plus one per initiative. */
export const FIXED_SLIDE_COUNT = 7;
