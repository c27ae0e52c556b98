import type { Metadata } from "next";
import Link from "next/link";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getSpendReport, hasCostData } from "@/lib/reports/spend-report";
import { parseSpendView, toSpendHref, toSpendQuery, type SpendView, type ViewInput } from "@/lib/reports/view";
import { getTagSettings } from "@/lib/settings/store";
import { EmptyState } from "../_components/empty-state";
import { PageHeader } from "../_components/page-header";
import { ReportNotices } from "./_components/report-notices";
import { ReportPanels } from "./_components/report-panels";
import { SpendTabs } from "./_components/spend-tabs";
import { ViewBar } from "./_components/view-bar";

export const metadata: Metadata = { title: "Spend" };
export const dynamic = "force-dynamic";

const DESCRIPTION =
  "AWS spend by department, project, environment, service and linked account, exact to the cent. Click a row to drill down.";

export default async function SpendPage({ searchParams }: { searchParams: Promise<ViewInput> }) {
  const now = getNow();
  let view: SpendView;
  try {
    view = parseSpendView(await searchParams, now);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return <BadView message={err.message} />;
  }
  const db = await getDb();
  if (!(await hasCostData(db))) {
    return (
      <>
        <PageHeader title="Spend" description={DESCRIPTION} />
        <EmptyState title="No data yet — run a sync" action={{ href: "/sync", label: "Go to Sync" }}>
          Once a sync has read AWS Cost Explorer, this page groups spend by department, project, environment, service
          and linked account.
        </EmptyState>
      </>
    );
  }
  const settings = await getTagSettings(db);
  const report = await getSpendReport(db, view, { now, settings });
  return (
    <>
      <PageHeader
        title="Spend"
        description={DESCRIPTION}
        actions={
          report.kind === "report" ? (
            <a className="button secondary" href={`/api/export/spend?${toSpendQuery(view)}`} download>
              Download CSV
            </a>
          ) : null
        }
      />
      <SpendTabs view={view} current="groups" />
      <ViewBar view={view} now={now} path="/spend" />
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

function BadView({ message }: { message: string }) {
  return (
    <>
      <PageHeader title="Spend" description={DESCRIPTION} />
      <section className="notice error" role="alert">
        <strong>This link does not describe a report.</strong> {message}
      </section>
      <p>
        <Link className="button" href="/spend">
          Open the default view
        </Link>
      </p>
    </>
  );
}
