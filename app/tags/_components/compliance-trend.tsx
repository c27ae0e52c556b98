import { formatPercent, formatUsd, toChartNumber, toRatio } from "@/lib/money";
import { formatDay, formatPeriod, listPeriods } from "@/lib/reports/periods";
import { addDays } from "@/lib/dates";
import type { ComplianceReport } from "@/lib/tags/compliance-report";
import styles from "./tags.module.css";
import { TrendChart, type TrendPoint } from "./trend-chart";

// A change in the compliant share below half a point is noise from day-to-day spend, not a trend.
const MEANINGFUL_CHANGE = 0.005;

/** The monthly trend: a chart for the shape, a table with the exact amounts next to it. */
export function ComplianceTrend({ report }: { report: ComplianceReport }) {
  const rows = listPeriods(report.query, "month").flatMap((period) => {
    const month = report.months.find((m) => m.month === period.start.slice(0, 7));
    if (!month) return [];
    // A month the data does not cover to its end (this month so far) says up to which day it counts.
    const isPartial =
      report.lastDay !== null && report.lastDay < addDays(period.end, -1) && report.lastDay >= period.start;
    const label = `${formatPeriod(period, "month")}${isPartial && report.lastDay ? ` (to ${formatDay(report.lastDay).replace(/, \d{4}$/, "")})` : ""}`;
    return [{ ...month, label, share: toRatio(month.compliant, month.total) ?? 0 }];
  });
  const points: TrendPoint[] = rows.map((r) => ({
    label: r.label,
    compliant: toChartNumber(r.compliant),
    notAllowed: toChartNumber(r.notAllowed),
    missing: toChartNumber(r.missing),
    compliantShare: r.share,
  }));
  const first = rows[0];
  const last = rows.at(-1);
  const change = first && last ? last.share - first.share : 0;
  const verdict =
    change >= MEANINGFUL_CHANGE ? "getting better" : change <= -MEANINGFUL_CHANGE ? "getting worse" : "about the same";
  return (
    <section className="panel" aria-label="Monthly trend">
      <h2>Monthly trend</h2>
      {first && last && rows.length > 1 ? (
        <p className={`muted ${styles.lead}`}>
          Compliant share {formatPercent(first.share)} in {first.label} → {formatPercent(last.share)} in {last.label}:{" "}
          <strong>{verdict}</strong>.
        </p>
      ) : null}
      <TrendChart points={points} />
      <div className={styles.scroll}>
        <div className="table-scroll">
          <table className="data" aria-label="Compliance by month">
            <thead>
              <tr>
                <th>Month</th>
                <th className="num">Compliant</th>
                <th className="num">Not allowed</th>
                <th className="num">Missing a tag</th>
                <th className="num">Total</th>
                <th className="num">Compliant share</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month}>
                  <td className={styles.nowrap}>{r.label}</td>
                  <td className="num">{formatUsd(r.compliant)}</td>
                  <td className="num">{formatUsd(r.notAllowed)}</td>
                  <td className="num">{formatUsd(r.missing)}</td>
                  <td className="num">{formatUsd(r.total)}</td>
                  <td className="num">{formatPercent(r.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
