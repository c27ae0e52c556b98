import Link from "next/link";
import { toDepartmentColor } from "@/lib/reports/colors";
import { DIMENSION_LABELS } from "@/lib/reports/datasets";
import { toDrillLink } from "@/lib/reports/drill";
import { formatPercent, formatUsd } from "@/lib/reports/money";
import { formatPeriod, formatPeriodShort } from "@/lib/reports/periods";
import { toChange, type ReportPeriod, type SpendReport, type SpendRow } from "@/lib/reports/spend-report";
import { toSpendHref } from "@/lib/reports/view";
import { Change, Money } from "./money";

type Props = { report: SpendReport; allowedDepartments: readonly string[]; path?: string };

/** One row per group: each period, total, share, change; every row drills down. Exact cents. */
export function SpendTable({ report, allowedDepartments, path = "/spend" }: Props) {
  const { periods, change } = report;
  const changeLabel = change ? `${short(report, change.current)} vs ${short(report, change.previous)}` : null;
  const totalChange = change ? toChange(report.periodTotals[change.current] ?? "0", report.periodTotals[change.previous] ?? "0") : null;
  return (
    <div className="table-scroll">
      <table className="data money">
        <thead>
          <tr>
            <th className="sticky" scope="col">{report.view.by.map((d) => DIMENSION_LABELS[d]).join(" · ")}</th>
            <th className="num" scope="col">Total</th>
            <th className="num" scope="col">Share</th>
            {changeLabel ? <th className="num" scope="col" title="Last complete period against the one before">Change {changeLabel}</th> : null}
            {periods.map((p, i) => <PeriodHeader key={p.start} period={p} report={report} isFirst={i === 0} />)}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <Row key={row.keys.map((k) => k.filter).join("\u0000")} row={row} report={report} allowedDepartments={allowedDepartments} path={path} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td className="sticky">Total</td>
            <td className="num" data-testid="grand-total"><Money amount={report.total} /></td>
            <td className="num">{report.rows.length > 0 ? "100%" : "—"}</td>
            {changeLabel ? <td className="num"><Change change={totalChange} /></td> : null}
            {periods.map((p, i) => <AmountCell key={p.start} period={p} amount={report.periodTotals[i] ?? "0"} isFirst={i === 0} />)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function short(report: SpendReport, index: number) {
  const p = report.periods[index];
  return p ? formatPeriodShort(p, report.view.granularity) : "";
}

function PeriodHeader({ period, report, isFirst }: { period: ReportPeriod; report: SpendReport; isFirst: boolean }) {
  const status = period.daysWithData === 0 ? "not synced" : period.estimated ? "Estimated" : null;
  return (
    <th className={isFirst ? "num first-period" : "num"} scope="col" title={`${period.daysWithData} of ${period.days} days synced`}>
      {formatPeriod(period, report.view.granularity)}
      {status ? <span className={`badge ${status === "Estimated" ? "warn" : "muted"}`}>{status}</span> : null}
    </th>
  );
}

function AmountCell({ period, amount, isFirst = false }: { period: ReportPeriod; amount: string; isFirst?: boolean }) {
  const className = `num${isFirst ? " first-period" : ""}`;
  if (period.daysWithData === 0) return <td className={`${className} missing`} title="No Cost Explorer data synced for this period">—</td>;
  return <td className={className}><Money amount={amount} /></td>;
}

function Row({ row, report, allowedDepartments, path }: { row: SpendRow; report: SpendReport; allowedDepartments: readonly string[]; path: string }) {
  const { view } = report;
  const drill = toDrillLink(view, row.keys);
  const services = drill?.view.by[0] === "service" ? null : toDrillLink(view, row.keys, "service");
  const label = row.keys.map((k) => k.label).join(" · ");
  const first = row.keys[0];
  const aliased = [...row.aliasedFrom.department, ...row.aliasedFrom.environment];
  return (
    <tr>
      <td className="sticky">
        <span className="row-label">
          {first?.dimension === "department" && row.keys.length === 1 ? <span className="swatch" style={{ background: toDepartmentColor(first.value, allowedDepartments) }} aria-hidden /> : null}
          {drill ? <Link href={toSpendHref(drill.view, path)} title={drill.label}>{label}</Link> : <span>{label}</span>}
          {row.keys.some((k) => k.status === "not-allowed") ? <span className="badge warn" title="Outside the allowed values on /settings">not allowed</span> : null}
          {row.aliasedAmount && aliased.length > 0 ? (
            <span className="badge" title="An alias on /settings moved this spend here; the resources still carry the raw value">
              incl. {formatUsd(row.aliasedAmount)} tagged {aliased.map((a) => `“${a}”`).join(", ")}
            </span>
          ) : null}
          {services ? <Link className="row-link" href={toSpendHref(services.view, path)} title={services.label}>services →</Link> : null}
        </span>
      </td>
      <td className="num"><Money amount={row.total} /></td>
      <td className="num">{row.share === null ? "—" : formatPercent(row.share)}</td>
      {report.change ? <td className="num"><Change change={row.change} /></td> : null}
      {report.periods.map((p, i) => <AmountCell key={p.start} period={p} amount={row.amounts[i] ?? "0"} isFirst={i === 0} />)}
    </tr>
  );
}
