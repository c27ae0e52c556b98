import type { Metadata } from "next";
import Link from "next/link";
import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage } from "@/app/_components/page-state";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { MAX_REASON, toInitiativeHref } from "@/lib/rightsizing/decisions-store";
import { parseSearchParams, settleInput } from "@/lib/search-params";
import { getTeamPage } from "@/lib/pages/rightsizing";
import { tableQuerySchema } from "@/lib/rightsizing/table-query";
import { DownloadLinks } from "../_components/download-links";
import { FilterForm } from "../_components/filter-form";
import { WindowNote } from "../_components/notices";
import { RulesPanel } from "../_components/rules-panel";
import { DecisionForm } from "../_components/decision-form";
import { DecisionsPanel } from "../_components/decisions-panel";
import { ReviewCards } from "../_components/review-cards";
import { TeamTable } from "../_components/team-table";
import { TotalsCards } from "../_components/totals-cards";
import { decodeSegment, toTeamPath } from "../_components/url";

const META = PAGES.team;
export const dynamic = "force-dynamic";

type Props = SearchParamsProps & { params: Promise<{ team: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Rightsizing · ${decodeSegment((await params).team)}`, description: META.description };
}

export default async function TeamRightsizingPage({ params, searchParams }: Props) {
  const team = decodeSegment((await params).team);
  const path = toTeamPath(team);
  const back = <Link href={META.path}>← All teams</Link>;
  const header = { meta: META, title: `Team ${team}`, description: back };
  const parsed = parseSearchParams(tableQuerySchema, await searchParams);
  if (!parsed.ok)
    return <BadLinkPage {...header} problems={parsed.problems} reset={{ href: path, label: "Show the whole team" }} />;
  // A team, cluster or environment that is not in the synced data is a bad link too.
  const db = await getDb();
  const read = await readAs(path, (access) => settleInput(getTeamPage(db, access, team, parsed.value, getNow())));
  if (!read.ok) {
    const reset =
      read.kind === "not-found"
        ? { href: META.path, label: "See every team" }
        : { href: path, label: "Show the whole team" };
    return <BadLinkPage {...header} problems={read.problems} reset={reset} />;
  }

  const data = read.value;
  const { query } = data;
  return (
    <>
      <PageHeader
        title={header.title}
        description={
          <>
            {back} · {META.description}
          </>
        }
        actions={
          <DownloadLinks
            filters={{
              team,
              cluster: query.cluster,
              environment: query.environment,
              flag: query.flag,
              change: query.change,
              q: query.q,
              sort: query.sort,
              dir: query.dir,
            }}
          />
        }
      />
      <FilterForm
        action={path}
        values={query}
        clusters={data.clusters}
        environments={data.environments}
        hasRowFilters
      />
      <WindowNote window={data.window} />
      <TotalsCards totals={data.totals} label={`Team ${team} totals`} />
      <ReviewCards review={data.review} recordHref={toInitiativeHref(data.review)} />
      {data.canDecide ? (
        <DecisionForm team={team} today={data.today} maxReason={MAX_REASON}>
          <TeamTable table={data.table} query={query} path={path} decisions={data.decisions} canDecide />
        </DecisionForm>
      ) : (
        <TeamTable table={data.table} query={query} path={path} decisions={data.decisions} canDecide={false} />
      )}
      <DecisionsPanel decisions={Object.values(data.decisions)} />
      <RulesPanel settings={data.settings} clusters={data.clusters} isOpen={false} />
    </>
  );
}
