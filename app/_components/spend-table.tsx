import Link from "next/link";
import { toDepartmentColor } from "@/lib/reports/colors";
import { DIMENSION_LABELS } from "@/lib/reports/datasets";
import { toDrillLink } from "@/lib/reports/drill";
import { addMoney, formatPercent, formatUsd, toRatio } from "@/lib/reports/money";
import { formatPeriod, formatPeriodShort } from "@/lib/reports/periods";
import { toChange, type ReportPeriod, type SpendReport, type SpendRow } from "@/lib/reports/spend-report";
import { toSpendHref } from "@/lib/reports/view";
import { Change, Money } from "./money";

type Props = { report: SpendReport; allowedDepartments: readonly string[]; path?: string; maxRows?: number };

// A page of more rows is slow to send and to read; the rest is one exact "Other" row, and the CSV has every row.
const MAX_ROWS = 100;

/** One row per group: each period, total, share, change; every row drills down. Exact cents. */
export function SpendTable({ report, allowedDepartments, path = "/spend", maxRows = MAX_ROWS }: Props) {
  const { periods, change } = report;
  const shown = report.rows.length > maxRows + 1 ? report.rows.slice(0, maxRows) : report.rows;
  const rest = report.rows.slice(shown.length);
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
          {shown.map((row) => (
            <Row key={row.keys.map((k) => k.filter).join("\u0000")} row={row} report={report} allowedDepartments={allowedDepartments} path={path} />
          ))}
          {rest.length > 0 ? <OtherRow rows={rest} report={report} /> : null}
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

/** A period's amount: exact cents (no full-precision title per cell: it would double the page). */
function AmountCell({ period, amount, isFirst = false }: { period: ReportPeriod; amount: string; isFirst?: boolean }) {
  const className = `num${isFirst ? " first-period" : ""}`;
  if (period.daysWithData === 0) return <td className={`${className} missing`} title="No Cost Explorer data synced for this period">—</td>;
  return <td className={className}>{formatUsd(amount)}</td>;
}

/** The rows past the first MAX_ROWS, added up exactly. */
function OtherRow({ rows, report }: { rows: SpendRow[]; report: SpendReport }) {
  const total = addMoney(...rows.map((r) => r.total));
  const amounts = report.periods.map((_, i) => addMoney(...rows.map((r) => r.amounts[i] ?? "0")));
  const change = report.change ? toChange(amounts[report.change.current] ?? "0", amounts[report.change.previous] ?? "0") : null;
  return (
    <tr>
      <td className="sticky">
        <span className="row-label">Other ({rows.length} smaller rows) <span className="muted">— every row is in the CSV</span></span>
      </td>
      <td className="num"><Money amount={total} /></td>
      <td className="num">{formatPercent(toRatio(total, report.total) ?? 0)}</td>
      {report.change ? <td className="num"><Change change={change} /></td> : null}
      {report.periods.map((p, i) => <AmountCell key={p.start} period={p} amount={amounts[i] ?? "0"} isFirst={i === 0} />)}
    </tr>
  );
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
