import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getSpendReport, hasCostData } from "@/lib/reports/spend-report";
import { parseSpendView, toSpendQuery, type SpendView, type ViewInput } from "@/lib/reports/view";
import { getTagSettings } from "@/lib/settings/store";
import { CategoryMapping } from "../_components/category-mapping";
import { CategoryPivot } from "../_components/category-pivot";
import { ReportNotices } from "../_components/report-notices";
import { ReportPanels } from "../_components/report-panels";
import { SpendTabs } from "../_components/spend-tabs";
import { ViewBar } from "../_components/view-bar";

export const metadata: Metadata = { title: "Customer-serving vs R&D" };
export const dynamic = "force-dynamic";

const DESCRIPTION =
  "Spend that serves customers (production) against research and development (everything else), by department and month.";

export default async function CategoriesPage({ searchParams }: { searchParams: Promise<ViewInput> }) {
  const now = getNow();
  let view: SpendView;
  try {
    view = { ...parseSpendView(await searchParams, now), by: ["category"] };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return (
      <>
        <PageHeader title="Customer-serving vs R&D" description={DESCRIPTION} />
        <p className="notice error" role="alert">
          <strong>This link does not describe a report.</strong> {err.message}
        </p>
        <p>
          <a className="button" href="/spend/categories">
            Open the default view
          </a>
        </p>
      </>
    );
  }
  const db = await getDb();
  if (!(await hasCostData(db))) {
    return (
      <>
        <PageHeader title="Customer-serving vs R&D" description={DESCRIPTION} />
        <EmptyState title="No data yet — run a sync" action={{ href: "/sync", label: "Go to Sync" }}>
          Once a sync has read AWS Cost Explorer, this page splits spend by category.
        </EmptyState>
      </>
    );
  }
  const settings = await getTagSettings(db);
  const pivotView: SpendView = { ...view, by: ["department", "category"], granularity: "total" };
  const [report, pivot] = await Promise.all([
    getSpendReport(db, view, { now, settings }),
    getSpendReport(db, pivotView, { now, settings }),
  ]);
  const csv = `/api/export/spend?${toSpendQuery({ ...view, by: ["department", "category"] })}`;
  return (
    <>
      <PageHeader
        title="Customer-serving vs R&D"
        description={DESCRIPTION}
        actions={
          <a className="button secondary" href={csv} download>
            Download CSV by department
          </a>
        }
      />
      <SpendTabs view={view} current="categories" />
      <ViewBar view={view} now={now} path="/spend/categories" showGrouping={false} />
      {report.kind === "report" && pivot.kind === "report" ? (
        <>
          <ReportNotices report={report} settings={settings} />
          <ReportPanels report={report} allowedDepartments={settings.allowed.department} />
          <section className="panel" aria-label="By department">
            <h2>By department</h2>
            <CategoryPivot report={pivot} allowedDepartments={settings.allowed.department} />
          </section>
        </>
      ) : (
        <p className="notice error" role="alert">
          {report.kind === "not-exact" ? report.message : pivot.kind === "not-exact" ? pivot.message : ""}
        </p>
      )}
      <CategoryMapping settings={settings} />
    </>
  );
}
