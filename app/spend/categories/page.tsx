import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage, NoDataPage } from "@/app/_components/page-state";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { parseSearchParams } from "@/lib/search-params";
import { getCategoriesPage } from "@/lib/pages/spend";
import { spendViewSchema, toSpendQuery } from "@/lib/reports/view";
import { CategoryMapping } from "../_components/category-mapping";
import { CategoryPivot } from "../_components/category-pivot";
import { ReportNotices } from "../_components/report-notices";
import { ReportPanels } from "../_components/report-panels";
import { SpendTabs } from "../_components/spend-tabs";
import { ViewBar } from "../_components/view-bar";

const META = PAGES.categories;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

export default async function CategoriesPage({ searchParams }: SearchParamsProps) {
  const now = getNow();
  const parsed = parseSearchParams(spendViewSchema(now), await searchParams);
  if (!parsed.ok) return <BadLinkPage meta={META} problems={parsed.problems} />;
  // This page always splits by category; the rest of the view (range, metric, filters) comes from the link.
  const view = { ...parsed.value, by: ["category" as const] };
  const db = await getDb();
  const data = await readAs(META.path, (access) => getCategoriesPage(db, access, view, { now }));
  if (!data) return <NoDataPage meta={META} />;

  const { report, pivot, settings } = data;
  const csv = `/api/export/spend?${toSpendQuery({ ...view, by: ["department", "category"] })}`;
  return (
    <>
      <PageHeader
        title={META.title}
        description={META.description}
        actions={
          <a className="button secondary" href={csv} download>
            Download CSV by department
          </a>
        }
      />
      <SpendTabs view={view} current="categories" />
      <ViewBar view={view} now={now} path={META.path} showGrouping={false} />
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
