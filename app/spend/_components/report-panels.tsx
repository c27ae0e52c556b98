import { StackedBarChart } from "@/app/_components/stacked-bar-chart";
import { SpendTable } from "@/app/_components/spend-table";
import { toStackedChart } from "@/lib/reports/chart";
import { DIMENSION_PLURALS } from "@/lib/reports/datasets";
import { formatDayRange } from "@/lib/reports/periods";
import type { SpendReport } from "@/lib/reports/spend-report";
import { METRIC_LABELS } from "@/lib/metrics";
import { toSpendQuery } from "@/lib/reports/view";

// More daily columns than a quarter do not fit a table anyone reads; the CSV has them all.
const MAX_DAY_COLUMNS = 93;

/** The chart (top groups + Other) and the table of a spend report, with the CSV of the same view. */
export function ReportPanels({
  report,
  allowedDepartments,
  path = "/spend",
}: {
  report: SpendReport;
  allowedDepartments: readonly string[];
  path?: string;
}) {
  const { view } = report;
  const what = `${METRIC_LABELS[view.metric]} spend by ${view.by.map((d) => DIMENSION_PLURALS[d]).join(" and ")}`;
  const range = formatDayRange({ start: view.from, end: view.to });
  const csv = `/api/export/spend?${toSpendQuery(view)}`;
  if (view.granularity === "day" && report.periods.length > MAX_DAY_COLUMNS) {
    return (
      <p className="notice warn">
        Daily periods show up to {MAX_DAY_COLUMNS} days on this page; this range has {report.periods.length}. Pick a
        shorter range or monthly periods, or{" "}
        <a href={csv} download>
          download the CSV
        </a>
        , which has every day.
      </p>
    );
  }
  if (report.rows.length === 0) {
    return <p className="notice info">No spend matches this view in {range}. Remove a filter or widen the range.</p>;
  }
  return (
    <>
      {view.granularity !== "total" ? (
        <section className="panel" aria-label="Chart">
          <h2>{what}</h2>
          <StackedBarChart
            model={toStackedChart(report, { allowedDepartments })}
            title={`${what}, ${range}`}
            filename={`spend-by-${view.by.join("-")}-${view.from}-to-${view.to}`}
          />
        </section>
      ) : null}
      <section className="panel" aria-label="Table">
        <div className="panel-head">
          <h2>
            {what}, {range}
          </h2>
          <div className="actions">
            <a className="button secondary small" href={csv} download>
              Download CSV
            </a>
          </div>
        </div>
        <SpendTable report={report} allowedDepartments={allowedDepartments} path={path} />
        <p className="note">
          {report.rows.length} rows · answered from the stored combination {report.dataset.name.split(",").join(" × ")}{" "}
          · exact cents (hover an amount for its full precision).
        </p>
      </section>
    </>
  );
}
