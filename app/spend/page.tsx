import Link from "next/link";
import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage, NoDataPage } from "@/app/_components/page-state";
import { getNow } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db/client";
import { parseSearchParams } from "@/lib/search-params";
import { getSpendPage } from "@/lib/pages/spend";
import { spendViewSchema, toSpendHref, toSpendQuery } from "@/lib/reports/view";
import { ReportNotices } from "./_components/report-notices";
import { ReportPanels } from "./_components/report-panels";
import { SpendTabs } from "./_components/spend-tabs";
import { ViewBar } from "./_components/view-bar";

const META = PAGES.spend;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

export default async function SpendPage({ searchParams }: SearchParamsProps) {
  const now = getNow();
  const parsed = parseSearchParams(spendViewSchema(now), await searchParams);
  if (!parsed.ok) return <BadLinkPage meta={META} problems={parsed.problems} />;
  const view = parsed.value;
  const db = await getDb();
  const data = await readAs(META.path, (access) => getSpendPage(db, access, view, { now })).catch((err: unknown) => {
    if (err instanceof AppError && err.kind === "bad-input") return err; // a view too large to build
    throw err;
  });
  if (data instanceof AppError) return <BadLinkPage meta={META} problems={[data.message]} />;
  if (!data) return <NoDataPage meta={META} />;

  const { report, settings } = data;
  return (
    <>
      <PageHeader
        title={META.title}
        description={META.description}
        actions={
          report.kind === "report" ? (
            <a className="button secondary" href={`/api/export/spend?${toSpendQuery(view)}`} download>
              Download CSV
            </a>
          ) : null
        }
      />
      <SpendTabs view={view} current="groups" />
      <ViewBar view={view} now={now} path={META.path} />
      {report.kind === "not-exact" ? (
        <section className="notice error" role="alert">
          <strong>This combination cannot be answered exactly.</strong> {report.message}
          {report.alternatives.length > 0 ? (
            <ul>
              {report.alternatives.map((a) => (
                <li key={a.label}>
                  <Link href={toSpendHref(a.view)}>{a.label}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : (
        <>
          <ReportNotices report={report} settings={settings} />
          <ReportPanels report={report} allowedDepartments={settings.allowed.department} />
        </>
      )}
    </>
  );
}
