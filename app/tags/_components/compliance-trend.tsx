import { formatPercent, formatUsd, toChartNumber, toRatio } from "@/lib/reports/money";
import { formatPeriod, listPeriods } from "@/lib/reports/periods";
import type { ComplianceReport } from "@/lib/tags/compliance-report";
import { TrendChart, type TrendPoint } from "./trend-chart";

/** The monthly trend: a chart for the shape, a table with the exact amounts next to it. */
export function ComplianceTrend({ report }: { report: ComplianceReport }) {
  const rows = listPeriods(report.query, "month").flatMap((period) => {
    const month = report.months.find((m) => m.month === period.start.slice(0, 7));
    return month ? [{ ...month, label: formatPeriod(period, "month"), share: toRatio(month.compliant, month.total) ?? 0 }] : [];
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
  return (
    <section className="panel" aria-label="Monthly trend">
      <h2>Monthly trend</h2>
      {first && last && rows.length > 1 ? (
        <p className="muted" style={{ marginTop: -6 }}>
          Compliant share {formatPercent(first.share)} in {first.label} → {formatPercent(last.share)} in {last.label}
          {last.share > first.share ? ": getting better." : last.share < first.share ? ": getting worse." : "."}
        </p>
      ) : null}
      <TrendChart points={points} />
      <table className="data" aria-label="Compliance by month">
        <thead>
          <tr>
            <th>Month</th><th className="num">Compliant</th><th className="num">Not allowed</th><th className="num">Missing a tag</th><th className="num">Total</th><th className="num">Compliant share</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.month}>
              <td>{r.label}</td>
              <td className="num">{formatUsd(r.compliant)}</td>
              <td className="num">{formatUsd(r.notAllowed)}</td>
              <td className="num">{formatUsd(r.missing)}</td>
              <td className="num">{formatUsd(r.total)}</td>
              <td className="num">{formatPercent(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
