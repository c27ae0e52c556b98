import type { CoverageMonth, UtilizationMonth } from "@/lib/commitments/read";
import { formatUsd } from "@/lib/money";
import { formatHours, formatMonth, formatPercentText } from "./format";
import { PercentTrendChart, type TrendRow } from "./trend-chart";

const SERVICE_SHORT: Record<string, string> = {
  "Amazon Elastic Compute Cloud - Compute": "EC2",
  "Amazon Relational Database Service": "RDS",
  "Amazon ElastiCache": "ElastiCache",
  "Amazon OpenSearch Service": "OpenSearch",
  "Amazon Redshift": "Redshift",
};
const COLORS = ["#2453d6", "#13795b", "#9a6700", "#b42318", "#6b4fbb", "#0e7490"];
const shortName = (service: string) => SERVICE_SHORT[service] ?? service;

/** Coverage by month: the share of eligible on-demand usage a commitment paid for. Uncovered spend is the opportunity. */
export function CoveragePanel({ plans, reservations }: { plans: CoverageMonth[]; reservations: CoverageMonth[] }) {
  const services = [...new Set(reservations.map((r) => r.service))];
  const months = [...new Set([...plans, ...reservations].map((r) => r.month))].sort();
  const rows: TrendRow[] = months.map((month) => ({
    label: formatMonth(month),
    sp: numberOrNull(plans.find((p) => p.month === month)?.coveragePercent),
    ...Object.fromEntries(
      services.map((s) => [
        s,
        numberOrNull(reservations.find((r) => r.month === month && r.service === s)?.coveragePercent),
      ]),
    ),
  }));
  const series = [
    { key: "sp", name: "Savings Plans (EC2 spend)", color: COLORS[0] ?? "#2453d6" },
    ...services.map((s, i) => ({ key: s, name: `RIs: ${shortName(s)} hours`, color: COLORS[i + 1] ?? "#5b6272" })),
  ];
  return (
    <section className="panel" aria-label="Coverage">
      <h2>Coverage</h2>
      <p className="muted">
        The share of eligible usage a commitment paid for. What runs on demand is the opportunity a purchase would cut.
      </p>
      <PercentTrendChart rows={rows} series={series} label="Commitment coverage by month" />
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">
                Covered by Savings Plans
              </th>
              <th scope="col" className="num">
                On demand (EC2)
              </th>
              <th scope="col" className="num">
                Coverage
              </th>
              {services.map((s) => (
                <th key={s} scope="col" className="num">{`${shortName(s)} on-demand hours (RI coverage)`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((month) => {
              const p = plans.find((x) => x.month === month);
              return (
                <tr key={month}>
                  <th scope="row">{formatMonth(month)}</th>
                  <td className="num">{p ? formatUsd(p.covered) : "—"}</td>
                  <td className="num">{p ? formatUsd(p.onDemand) : "—"}</td>
                  <td className="num">{p ? formatPercentText(p.coveragePercent) : "—"}</td>
                  {services.map((s) => {
                    const r = reservations.find((x) => x.month === month && x.service === s);
                    return (
                      <td key={s} className="num">
                        {r ? `${formatHours(r.onDemand)} (${formatPercentText(r.coveragePercent)})` : "—"}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Utilization by month: below 100% is commitment paid for and not used. */
export function UtilizationPanel({
  plans,
  reservations,
}: {
  plans: UtilizationMonth[];
  reservations: UtilizationMonth[];
}) {
  const months = [...new Set([...plans, ...reservations].map((r) => r.month))].sort();
  const rows: TrendRow[] = months.map((month) => ({
    label: formatMonth(month),
    sp: numberOrNull(plans.find((p) => p.month === month)?.utilizationPercent),
    ri: numberOrNull(reservations.find((p) => p.month === month)?.utilizationPercent),
  }));
  return (
    <section className="panel" aria-label="Utilization">
      <h2>Utilization</h2>
      <p className="muted">Below 100% is commitment paid for and not used: money wasted until usage grows into it.</p>
      {months.length === 0 ? (
        <p>No Savings Plans or Reserved Instances are held, so nothing is wasted — and nothing is discounted.</p>
      ) : (
        <>
          <PercentTrendChart
            rows={rows}
            series={[
              { key: "sp", name: "Savings Plans", color: COLORS[0] ?? "#2453d6" },
              ...(reservations.length
                ? [{ key: "ri", name: "Reserved Instances", color: COLORS[1] ?? "#13795b" }]
                : []),
            ]}
            label="Commitment utilization by month"
          />
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">
                    Savings Plan commitment
                  </th>
                  <th scope="col" className="num">
                    Used
                  </th>
                  <th scope="col" className="num">
                    Unused
                  </th>
                  <th scope="col" className="num">
                    Utilization
                  </th>
                  <th scope="col" className="num">
                    Net savings
                  </th>
                </tr>
              </thead>
              <tbody>
                {plans.map((p) => (
                  <tr key={p.month}>
                    <th scope="row">{formatMonth(p.month)}</th>
                    <td className="num">{formatUsd(p.totalCommitment)}</td>
                    <td className="num">{formatUsd(p.usedCommitment)}</td>
                    <td className="num">{formatUsd(p.unusedCommitment)}</td>
                    <td className="num">{formatPercentText(p.utilizationPercent)}</td>
                    <td className="num">{p.netSavings === null ? "—" : formatUsd(p.netSavings)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {reservations.length === 0 ? <p className="muted">No Reserved Instances are held.</p> : null}
        </>
      )}
    </section>
  );
}

function numberOrNull(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}
