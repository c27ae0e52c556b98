import Link from "next/link";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { toStackedChart } from "@/lib/reports/chart";
import { getOverview } from "@/lib/reports/overview";
import { hasCostData } from "@/lib/reports/spend-report";
import { METRIC_LABELS, METRICS, type Metric } from "@/lib/metrics";
import { parseSpendView, toSpendHref, type ViewInput } from "@/lib/reports/view";
import { HeadlineFigures } from "./_components/headline-figures";
import { Movers } from "./_components/movers";
import { TagHealthPanel } from "./_components/tag-health-panel";
import { EmptyState } from "../_components/empty-state";
import { PageHeader } from "../_components/page-header";
import { SegmentedLinks } from "../_components/segmented-links";
import { StackedBarChart } from "../_components/stacked-bar-chart";

export const dynamic = "force-dynamic";

const DESCRIPTION = "Where the AWS money goes: this month, the trend by department, and what moved.";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<ViewInput> }) {
  const now = getNow();
  const { metric: rawMetric } = await searchParams;
  let metric: Metric;
  try {
    metric = parseSpendView({ metric: rawMetric }, now).metric;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return (
      <>
        <PageHeader title="Overview" description={DESCRIPTION} />
        <p className="notice error" role="alert">
          {err.message} <Link href="/">Open the overview</Link>
        </p>
      </>
    );
  }
  const db = await getDb();
  if (!(await hasCostData(db))) {
    return (
      <>
        <PageHeader title="Overview" description={DESCRIPTION} />
        <EmptyState title="No data yet — run a sync" action={{ href: "/sync", label: "Go to Sync" }}>
          Costwise reads AWS Cost Explorer into its database, then every page reads from there. Run a sync to fill it.
        </EmptyState>
      </>
    );
  }
  const overview = await getOverview(db, { now, metric });
  const allowed = overview.settings.allowed.department;
  const switcher = METRICS.map((m) => ({
    label: METRIC_LABELS[m],
    href: m === "amortized" ? "/" : `/?metric=${m}`,
    isCurrent: m === metric,
  }));
  return (
    <>
      <PageHeader
        title="Overview"
        description={`${METRIC_LABELS[metric]} AWS spend, UTC. ${DESCRIPTION}`}
        actions={<SegmentedLinks label="Metric" links={switcher} />}
      />
      <HeadlineFigures overview={overview} />
      <section className="panel" aria-label="Trend by department">
        <div className="panel-head">
          <h2>{METRIC_LABELS[metric]} spend by department, last 13 months</h2>
          <Link href={toSpendHref(overview.trend.view)}>Open in Spend →</Link>
        </div>
        <StackedBarChart
          model={toStackedChart(overview.trend, { allowedDepartments: allowed, topN: 10 })}
          title={`${METRIC_LABELS[metric]} spend by department`}
          filename="spend-by-department-13-months"
          height={300}
        />
      </section>
      <div className="grid grid-2">
        <section className="panel" aria-label="Top movers">
          <div className="panel-head">
            <h2>Top movers · last month against the month before</h2>
            <Link href={toSpendHref(overview.movers.view)}>All projects →</Link>
          </div>
          <Movers title="Departments" movers={overview.movers.departments} allowedDepartments={allowed} isDepartment />
          <div style={{ height: 14 }} />
          <Movers
            title="Projects"
            movers={overview.movers.projects}
            allowedDepartments={allowed}
            isDepartment={false}
          />
        </section>
        <TagHealthPanel overview={overview} />
      </div>
    </>
  );
}
