import Link from "next/link";
import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage, NoDataPage } from "@/app/_components/page-state";
import { SegmentedLinks } from "@/app/_components/segmented-links";
import { StackedBarChart } from "@/app/_components/stacked-bar-chart";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { parseSearchParams } from "@/lib/search-params";
import { getOverviewPage } from "@/lib/pages/overview";
import { toStackedChart } from "@/lib/reports/chart";
import { formatUsd } from "@/lib/money";
import { formatMonth } from "@/lib/savings/realized";
import { METRIC_LABELS, METRICS } from "@/lib/metrics";
import { overviewParamsSchema, toSpendHref } from "@/lib/reports/view";
import { HeadlineFigures } from "./_components/headline-figures";
import { Movers } from "./_components/movers";
import { TagHealthPanel } from "./_components/tag-health-panel";

const META = PAGES.overview;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

export default async function OverviewPage({ searchParams }: SearchParamsProps) {
  const params = parseSearchParams(overviewParamsSchema, await searchParams);
  if (!params.ok)
    return <BadLinkPage meta={META} problems={params.problems} reset={{ href: "/", label: "Open the overview" }} />;
  const { metric } = params.value;
  const db = await getDb();
  const overview = await readAs(META.path, (access) => getOverviewPage(db, access, { now: getNow(), metric }));
  if (!overview) return <NoDataPage meta={META} />;

  const allowed = overview.settings.allowed.department;
  const switcher = METRICS.map((m) => ({
    label: METRIC_LABELS[m],
    href: m === "amortized" ? "/" : `/?metric=${m}`,
    isCurrent: m === metric,
  }));
  return (
    <>
      <PageHeader
        title={META.title}
        description={`${METRIC_LABELS[metric]} AWS spend, UTC. ${META.description}`}
        actions={<SegmentedLinks label="Metric" links={switcher} />}
      />
      <HeadlineFigures overview={overview} />
      {overview.opportunity ? (
        <p className="notice info">
          Storage opportunities found in {formatMonth(overview.opportunity.month)}&apos;s bill:{" "}
          <strong>{formatUsd(overview.opportunity.totalSavingsUsd)} a month</strong> (S3 → Glacier IR, RDS backup
          retention). <Link href="/opportunities">See them per project →</Link>
        </p>
      ) : null}
      <section className="panel" aria-label="Trend by department">
        <div className="panel-head">
          <h2>{METRIC_LABELS[metric]} spend by department, last 13 months</h2>
          <Link href={toSpendHref(overview.trend.view)}>Open in Spend →</Link>
        </div>
        <StackedBarChart
          model={toStackedChart(overview.trend, { allowedDepartments: allowed, topN: 10 })}
          title={`${METRIC_LABELS[metric]} spend by department`}
          filename="spend-by-department-13-months"
          size="compact"
        />
      </section>
      <div className="grid grid-2">
        <section className="panel" aria-label="Top movers">
          <div className="panel-head">
            <h2>Top movers · last month against the month before</h2>
            <Link href={toSpendHref(overview.movers.view)}>All projects →</Link>
          </div>
          <Movers title="Departments" movers={overview.movers.departments} allowedDepartments={allowed} isDepartment />
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
