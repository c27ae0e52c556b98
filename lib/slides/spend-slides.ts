// The spend before: where the money goes by department, customer-serving vs R&D, and how well
// spend is tagged. Each slide is built from the same report its source page shows (lib/reports, lib/tags).
import { toStackedChart } from "@/lib/reports/chart";
import { CATEGORY_LABELS } from "@/lib/reports/group-keys";
import { formatPercent, toRatio } from "@/lib/money";
import { formatDayRange, formatPeriod } from "@/lib/reports/periods";
import type { SpendReport } from "@/lib/reports/spend-report";
import { toSpendHref } from "@/lib/reports/view";
import type { ComplianceReport } from "@/lib/tags/compliance-report";
import type { EnvironmentCategory } from "@/lib/settings/tags";
import { formatMonthShort } from "@/lib/savings/before-after";
import { DECK_COLORS, type DeckChart, type Slide } from "./deck";
import { formatUsdCompact, formatUsdWhole, toChartValue } from "./format";
import { MEANING_COLORS, toPptxColor } from "@/lib/palette";

const NO_SPEND = "No spend synced yet: run a sync, then rebuild the deck.";

function toTrendChart(
  report: SpendReport,
  allowedDepartments: readonly string[],
  colorOf?: (label: string) => string | undefined,
): DeckChart {
  const model = toStackedChart(report, { allowedDepartments, topN: 8 });
  return {
    type: "stacked-columns",
    categories: model.points.map((p) => p.label),
    series: model.series.map((s) => ({
      name: s.label,
      color: colorOf?.(s.label) ?? toPptxColor(s.color),
      values: model.points.map((p) => Math.round((p.values[s.id] ?? 0) * 100) / 100),
    })),
    valueLabel: `${report.view.metric === "amortized" ? "Amortized" : "Spend"} per month`,
  };
}

/** The last period that is over and synced: what "last month" means on a slide. */
function lastCompleteIndex(report: SpendReport): number {
  for (let i = report.periods.length - 1; i >= 0; i--) {
    const p = report.periods[i];
    if (p && p.isComplete && p.daysWithData > 0) return i;
  }
  return -1;
}

const estimatedNote = (report: SpendReport) =>
  report.periods.some((p) => p.estimated)
    ? "* Estimated: the month is not over or AWS may still revise it."
    : undefined;

export function toDepartmentsSlide(report: SpendReport | null, allowedDepartments: readonly string[]): Slide {
  const base = { id: "departments", layout: "chart" as const, title: "Where the money goes" };
  if (!report || report.periods.every((p) => p.daysWithData === 0)) return { ...base, note: NO_SPEND };
  const i = lastCompleteIndex(report);
  const period = report.periods[i];
  const top = report.rows[0];
  const first = report.periods[0];
  const last = report.periods[report.periods.length - 1];
  const span =
    first && last
      ? `${formatPeriod(first, "month")} – ${formatPeriod(last, "month")}${last.isComplete ? "" : " so far"}`
      : "";
  const facts = [
    { label: span, value: formatUsdWhole(report.total) },
    ...(top
      ? [{ label: `Largest: ${top.keys[0]?.label ?? ""}`, value: `${formatPercent(top.share ?? 0)} of it` }]
      : []),
  ];
  return {
    ...base,
    subtitle: "Spend by department, month by month (amortized)",
    headline: period
      ? {
          value: formatUsdCompact(report.periodTotals[i] ?? "0"),
          label: `in ${formatPeriod(period, "month")}, the last full month`,
        }
      : undefined,
    facts,
    chart: toTrendChart(report, allowedDepartments),
    note: estimatedNote(report),
    source: { label: "Spend by department", href: toSpendHref(report.view) },
  };
}

const CATEGORY_COLORS: Record<string, string> = {
  [CATEGORY_LABELS["customer-serving"]]: toPptxColor(MEANING_COLORS.customerServing),
  [CATEGORY_LABELS.rnd]: toPptxColor(MEANING_COLORS.rnd),
};

export function toCategoriesSlide(report: SpendReport | null): Slide {
  const base = { id: "categories", layout: "chart" as const, title: "Customer-serving vs R&D" };
  if (!report || report.periods.every((p) => p.daysWithData === 0)) return { ...base, note: NO_SPEND };
  const i = lastCompleteIndex(report);
  const period = report.periods[i];
  const monthTotal = report.periodTotals[i] ?? "0";
  const amountOf = (category: EnvironmentCategory) =>
    report.rows.find((r) => r.keys[0]?.value === category)?.amounts[i] ?? "0";
  const serving = amountOf("customer-serving");
  const rnd = amountOf("rnd");
  return {
    ...base,
    subtitle: "Production serves customers; every other environment (and untagged) is research and development",
    headline: period
      ? {
          value: formatPercent(toRatio(serving, monthTotal) ?? 0),
          label: `customer-serving in ${formatPeriod(period, "month")}`,
        }
      : undefined,
    facts: period
      ? [
          { label: `Customer-serving, ${formatPeriod(period, "month")}`, value: formatUsdWhole(serving) },
          { label: `R&D, ${formatPeriod(period, "month")}`, value: formatUsdWhole(rnd) },
        ]
      : [],
    chart: toTrendChart(report, [], (label) => CATEGORY_COLORS[label]),
    note: estimatedNote(report),
    source: { label: "Spend by category", href: toSpendHref(report.view) },
  };
}

export function toTaggingSlide(report: ComplianceReport | null): Slide {
  const base = { id: "tagging", layout: "chart" as const, title: "How well spend is tagged" };
  if (!report || report.dayCount === 0) return { ...base, note: NO_SPEND };
  const { overall } = report;
  const share = (part: string) => formatPercent(toRatio(part, overall.total) ?? 0);
  const range = formatDayRange({ start: report.query.from, end: report.query.to });
  return {
    ...base,
    subtitle:
      "Every resource carries department, project and environment; department and environment from the allowed lists",
    headline: { value: share(overall.compliant), label: `of spend fully tagged, ${range}`, tone: "good" },
    facts: [
      { label: "Missing a tag", value: `${formatUsdWhole(overall.missing)} · ${share(overall.missing)}` },
      { label: "Value not allowed", value: `${formatUsdWhole(overall.notAllowed)} · ${share(overall.notAllowed)}` },
    ],
    chart: {
      type: "stacked-columns",
      categories: report.months.map((m) => formatMonthShort(`${m.month}-01`)),
      series: [
        {
          name: "Compliant",
          color: DECK_COLORS.compliant,
          values: report.months.map((m) => toChartValue(m.compliant)),
        },
        {
          name: "Not allowed",
          color: DECK_COLORS.notAllowed,
          values: report.months.map((m) => toChartValue(m.notAllowed)),
        },
        {
          name: "Missing a tag",
          color: DECK_COLORS.missing,
          values: report.months.map((m) => toChartValue(m.missing)),
        },
      ],
      valueLabel: "Amortized per month",
    },
    source: { label: "Tag compliance", href: `/tags?from=${report.query.from}&to=${report.query.to}` },
  };
}
