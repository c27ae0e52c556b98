import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getRightsizingOverview } from "@/lib/rightsizing/read";
import { parseQuery, scopeSchema } from "@/lib/rightsizing/table-query";
import { EmptyState } from "../_components/empty-state";
import { PageHeader } from "../_components/page-header";
import { DownloadLinks } from "./_components/download-links";
import { FilterForm } from "./_components/filter-form";
import { BadFilterNotice, UnmappedNotice, WindowNote } from "./_components/notices";
import { RulesPanel } from "./_components/rules-panel";
import { SavingsChart } from "./_components/savings-chart";
import { TeamsTable } from "./_components/teams-table";
import { TotalsCards } from "./_components/totals-cards";
import "./rightsizing.css";

export const metadata: Metadata = { title: "Rightsizing" };
export const dynamic = "force-dynamic";

const DESCRIPTION = "Current versus recommended Kubernetes requests, per team, with the dollars behind each row.";

export default async function RightsizingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = parseQuery(scopeSchema, await searchParams);
  const header = <PageHeader title="Rightsizing" description={DESCRIPTION} />;
  if (!parsed.ok)
    return (
      <>
        {header}
        <BadFilterNotice messages={parsed.errors} reset="/rightsizing" />
      </>
    );
  const scope = parsed.value;
  let overview;
  try {
    overview = await getRightsizingOverview(await getDb(), scope);
  } catch (err) {
    if (err instanceof AppError && err.kind === "bad-input")
      return (
        <>
          {header}
          <BadFilterNotice messages={[err.message]} reset="/rightsizing" />
        </>
      );
    throw err;
  }
  if (overview.allRows.length === 0) {
    return (
      <>
        {header}
        <EmptyState title="No usage data yet — run a sync" action={{ href: "/sync", label: "Go to Sync" }}>
          Once Datadog usage has been synced, every team gets a table of its current requests next to what they should
          be.
        </EmptyState>
      </>
    );
  }
  const { summary } = overview;
  return (
    <>
      <PageHeader title="Rightsizing" description={DESCRIPTION} actions={<DownloadLinks filters={scope} />} />
      <FilterForm
        action="/rightsizing"
        values={scope}
        clusters={overview.clusters}
        environments={overview.environments}
        hasRowFilters={false}
      />
      <WindowNote window={overview.window} />
      <UnmappedNotice unmapped={overview.unmapped} />
      <TotalsCards totals={summary.total} label="All teams" />
      <section className="panel" aria-label="Savings by team">
        <h2>Monthly savings by team</h2>
        <SavingsChart
          data={summary.teams.map((t) => ({
            team: t.team,
            cuts: t.savings.cutsCents / 100,
            raises: t.savings.raisesCents / 100,
            net: t.savings.netCents / 100,
          }))}
        />
      </section>
      <TeamsTable teams={summary.teams} total={summary.total} scope={scope} />
      <RulesPanel settings={overview.settings} clusters={overview.clusters} isOpen />
    </>
  );
}
