// Chart shaping (stacked bars over time, top N + "Other"): the biggest groups by total over the
// range keep their own series, the rest are added up exactly into "Other"; numbers become floats only here,
// for drawing.
import { UNTAGGED_LABEL } from "@/lib/labels";
import { CATEGORY_COLORS, OTHER_COLOR, toDepartmentColor, toRankColor, UNTAGGED_COLOR } from "./colors";
import { fromUnits, toChartNumber, toUnits } from "@/lib/money";
import { formatPeriod, formatPeriodShort } from "./periods";
import type { SpendReport } from "./spend-report";

export type ChartSeries = { id: string; label: string; color: string };
export type ChartPoint = { label: string; title: string; estimated: boolean; values: Record<string, number> };
export type ChartModel = { series: ChartSeries[]; points: ChartPoint[]; yTicks: number[] };

export const DEFAULT_TOP_N = 8;

export function toStackedChart(
  report: SpendReport,
  opts: { topN?: number; allowedDepartments: readonly string[] },
): ChartModel {
  const topN = opts.topN ?? DEFAULT_TOP_N;
  // Rows come sorted by total; rank by absolute size so a large credit is not hidden in "Other".
  const ranked = [...report.rows].sort((a, b) => {
    const d = abs(toUnits(b.total)) - abs(toUnits(a.total));
    return d === 0n ? 0 : d > 0n ? 1 : -1;
  });
  const kept = ranked.length > topN + 1 ? ranked.slice(0, topN) : ranked;
  const rest = ranked.slice(kept.length);
  const byDepartment = report.view.by.length === 1 && report.view.by[0] === "department";
  const series: ChartSeries[] = kept.map((row, rank) => {
    const isUntagged = row.keys.some((k) => k.value === null && k.dimension !== "category");
    const label = row.keys.map((k) => k.label).join(" · ");
    const only = report.view.by.length === 1 ? row.keys[0] : undefined;
    const color = byDepartment
      ? toDepartmentColor(row.keys[0]?.value ?? null, opts.allowedDepartments)
      : only?.dimension === "category" && only.value !== null && CATEGORY_COLORS[only.value]
        ? (CATEGORY_COLORS[only.value] ?? OTHER_COLOR)
        : isUntagged && row.keys.length === 1
          ? UNTAGGED_COLOR
          : toRankColor(rank);
    return { id: seriesId(rank), label: label || UNTAGGED_LABEL, color };
  });
  if (rest.length > 0) series.push({ id: "other", label: `Other (${rest.length})`, color: OTHER_COLOR });
  const points = report.periods.map((period, i): ChartPoint => {
    const values: Record<string, number> = {};
    kept.forEach((row, rank) => (values[seriesId(rank)] = toChartNumber(row.amounts[i] ?? "0")));
    if (rest.length > 0)
      values.other = toChartNumber(fromUnits(rest.reduce((sum, row) => sum + toUnits(row.amounts[i] ?? "0"), 0n)));
    const short = formatPeriodShort(period, report.view.granularity);
    return {
      label: period.estimated ? `${short}*` : short,
      title: `${formatPeriod(period, report.view.granularity)}${period.estimated ? " (Estimated)" : ""}`,
      estimated: period.estimated,
      values,
    };
  });
  return { series, points, yTicks: toNiceTicks(points) };
}

/**
 * Round axis steps (1, 2, 2.5 or 5 × a power of ten) covering the tallest stack above zero and the deepest
 * below (credits), so the axis reads $1M, $2M, $3M rather than $850k, $1.7M.
 */
export function toNiceTicks(points: ChartPoint[], count = 4): number[] {
  let max = 0;
  let min = 0;
  for (const p of points) {
    const values = Object.values(p.values);
    max = Math.max(
      max,
      values.filter((v) => v > 0).reduce((a, b) => a + b, 0),
    );
    min = Math.min(
      min,
      values.filter((v) => v < 0).reduce((a, b) => a + b, 0),
    );
  }
  if (max === 0 && min === 0) return [0];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = Math.floor(min / step) * step; t < max + step - 1e-9 * step; t += step)
    ticks.push(Math.round(t / step) * step);
  return ticks;
}

/** "s00", "s01"…: ids that sort in rank order (the legend sorts by id). */
function seriesId(rank: number): string {
  return `s${String(rank).padStart(2, "0")}`;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}
