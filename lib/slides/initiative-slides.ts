// The changes made and the amount saved: one slide per chosen initiative from the savings ledger,
// rightsizing potential by team from the /rightsizing overview, and the total saved per year.
import { formatDay } from "@/lib/reports/periods";
import { addMoney, formatCentsAsUsd } from "@/lib/money";
import type { RightsizingSummary } from "@/lib/rightsizing/summarize";
import { ROLE_LABELS, type MonthRole } from "@/lib/savings/before-after";
import { formatScope } from "@/lib/savings/initiative";
import type { LedgerEntry } from "@/lib/savings/ledger";
import { formatMonth, type MonthWindow } from "@/lib/savings/realized";
import { DECK_COLORS, type Slide } from "./deck";
import { formatUsdCompact, formatUsdWhole } from "./format";

const ROLE_COLORS: Record<MonthRole, string> = {
  before: DECK_COLORS.before,
  change: DECK_COLORS.change,
  after: DECK_COLORS.after,
  "not-counted": DECK_COLORS.notCounted,
};
const ROLES: MonthRole[] = ["before", "change", "after", "not-counted"];

const monthsOf = (w: MonthWindow) =>
  w.months.length <= 1
    ? formatMonth(w.months[0] ?? "")
    : `${formatMonth(w.months[0] ?? "")} – ${formatMonth(w.months[w.months.length - 1] ?? "")}`;

export function toInitiativeSlide(entry: LedgerEntry): Slide {
  const { initiative: i, realized } = entry;
  const base: Slide = {
    id: `initiative-${i.id}`,
    layout: "chart",
    title: i.name,
    subtitle: `Changed ${formatDay(i.changeDate)} · ${formatScope(i.scope)}`,
    how: i.description || undefined,
    source: { label: "Savings ledger", href: `/savings#initiative-${i.id}` },
  };
  const potential =
    entry.potential?.kind === "potential"
      ? [
          {
            label: "Potential still on the table",
            value: `${formatUsdWhole(formatCentsAsUsd(entry.potential.annualCents))} a year`,
          },
        ]
      : [];
  // A chart of months none of which is synced shows nothing but an empty axis: say so instead.
  const hasData = entry.chart.some((p) => !p.isPartial);
  const chart = hasData
    ? {
        type: "stacked-columns" as const,
        categories: entry.chart.map((p) => p.label),
        // One series per role, so the change month stands out and PowerPoint keeps the colours editable.
        series: ROLES.filter((role) => entry.chart.some((p) => p.role === role)).map((role) => ({
          name: role === "change" ? `${ROLE_LABELS.change}: ${formatDay(i.changeDate)}` : ROLE_LABELS[role],
          color: ROLE_COLORS[role],
          values: entry.chart.map((p) => (p.role === role ? Math.round(p.value * 100) / 100 : 0)),
        })),
        valueLabel: "Amortized spend of the scope per month",
      }
    : undefined;
  if (!realized || realized.status !== "measured") {
    return {
      ...base,
      headline: {
        value: "Not measured yet",
        label: realized ? realized.message : (entry.problem ?? ""),
        tone: "neutral",
      },
      chart,
      facts: potential,
      note: hasData ? undefined : "No spend is synced for these months yet.",
    };
  }
  const isRise = realized.annualSaving.startsWith("-");
  const annual = isRise ? realized.annualSaving.slice(1) : realized.annualSaving;
  return {
    ...base,
    headline: {
      value: `${formatUsdCompact(annual)} a year`,
      label: isRise ? "more than before the change" : "saved, measured on the bill",
      tone: isRise ? "bad" : "good",
    },
    facts: [
      { label: `Before (${monthsOf(realized.before)})`, value: `${formatUsdWhole(realized.before.average)} a month` },
      { label: `After (${monthsOf(realized.after)})`, value: `${formatUsdWhole(realized.after.average)} a month` },
      ...potential,
    ],
    chart,
    note: realized.isProvisional
      ? `Provisional: ${realized.after.months.length} of ${i.months} full months after the change so far.`
      : undefined,
  };
}

export function toRightsizingSlide(summary: RightsizingSummary | null): Slide {
  const base = { id: "rightsizing", layout: "chart" as const, title: "Rightsizing: what is still on the table" };
  if (!summary || summary.total.containers === 0)
    return { ...base, note: "No Kubernetes usage synced yet: connect Datadog and run a sync." };
  const teams = summary.teams.filter((t) => t.savings.netCents !== 0);
  const net = summary.total.savings.netCents;
  return {
    ...base,
    subtitle: "Requests recommended from actual usage, not yet applied: net monthly savings by team",
    headline: {
      value: `${formatUsdCompact(formatCentsAsUsd(net * 12))} a year`,
      label: `${formatUsdWhole(formatCentsAsUsd(net))} a month across ${summary.teams.length} teams`,
    },
    facts: [
      { label: "Containers to change", value: `${summary.total.containersToChange} of ${summary.total.containers}` },
      ...(teams[0]
        ? [
            {
              label: `Largest: ${teams[0].team}`,
              value: `${formatUsdWhole(formatCentsAsUsd(teams[0].savings.netCents))} a month`,
            },
          ]
        : []),
    ],
    chart: {
      type: "bars",
      categories: teams.map((t) => t.team),
      series: [
        {
          name: "Net savings per month",
          color: DECK_COLORS.accent,
          values: teams.map((t) => t.savings.netCents / 100),
        },
      ],
      valueLabel: "Net savings per month",
    },
    source: { label: "Rightsizing by team", href: "/rightsizing" },
  };
}

export function toTotalSlide(entries: LedgerEntry[]): Slide {
  const measured = entries.flatMap((e) =>
    e.realized?.status === "measured" ? [{ name: e.initiative.name, annual: e.realized.annualSaving }] : [],
  );
  const total = addMoney("0", ...measured.map((m) => m.annual));
  return {
    id: "total",
    layout: "number",
    title: "Saved per year",
    headline: {
      value: formatUsdCompact(total),
      label: `a year, from ${measured.length} change${measured.length === 1 ? "" : "s"} measured on the bill`,
      tone: "good",
    },
    facts: measured.map((m) => ({ label: m.name, value: formatUsdCompact(m.annual) })),
    note: measured.length === 0 ? "No initiative in this deck can be measured yet." : undefined,
    source: { label: "Savings ledger", href: "/savings" },
  };
}
