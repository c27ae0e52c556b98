import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage, NoDataPage } from "@/app/_components/page-state";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { parseSearchParams, settleInput } from "@/lib/search-params";
import { getRightsizingPage } from "@/lib/pages/rightsizing";
import { scopeSchema } from "@/lib/rightsizing/table-query";
import { DownloadLinks } from "./_components/download-links";
import { FilterForm } from "./_components/filter-form";
import { UnmappedNotice, WindowNote } from "./_components/notices";
import { RulesPanel } from "./_components/rules-panel";
import { SavingsChart } from "./_components/savings-chart";
import { RealizedNote } from "./_components/realized-note";
import { TeamsTable } from "./_components/teams-table";
import { TotalsCards } from "./_components/totals-cards";

const META = PAGES.rightsizing;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

const SHOW_ALL = { href: META.path, label: "Show everything" };

export default async function RightsizingPage({ searchParams }: SearchParamsProps) {
  const parsed = parseSearchParams(scopeSchema, await searchParams);
  if (!parsed.ok) return <BadLinkPage meta={META} problems={parsed.problems} reset={SHOW_ALL} />;
  const scope = parsed.value;
  // A cluster or environment that is not in the synced data is a bad link too.
  const db = await getDb();
  const read = await readAs(META.path, (access) => settleInput(getRightsizingPage(db, access, scope, getNow())));
  if (!read.ok) return <BadLinkPage meta={META} problems={read.problems} reset={SHOW_ALL} />;
  const overview = read.value;
  if (overview.allRows.length === 0) return <NoDataPage meta={META} />;

  const { summary } = overview;
  return (
    <>
      <PageHeader title={META.title} description={META.description} actions={<DownloadLinks filters={scope} />} />
      <FilterForm
        action={META.path}
        values={scope}
        clusters={overview.clusters}
        environments={overview.environments}
        hasRowFilters={false}
      />
      <WindowNote window={overview.window} />
      <UnmappedNotice unmapped={overview.unmapped} envTagKey={overview.settings.envTagKey} />
      <TotalsCards totals={summary.total} label="All teams" />
      <RealizedNote realizedCents={overview.realizedCents} reviews={overview.reviews} />
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
      <TeamsTable teams={summary.teams} total={summary.total} scope={scope} reviews={overview.reviews} />
      <RulesPanel settings={overview.settings} clusters={overview.clusters} isOpen />
    </>
  );
}
