import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getTeamRightsizing } from "@/lib/rightsizing/read";
import { parseQuery, tableQuerySchema } from "@/lib/rightsizing/table-query";
import { PageHeader } from "../../_components/page-header";
import { DownloadLinks } from "../_components/download-links";
import { FilterForm } from "../_components/filter-form";
import { BadFilterNotice, WindowNote } from "../_components/notices";
import { RulesPanel } from "../_components/rules-panel";
import { TeamTable } from "../_components/team-table";
import { TotalsCards } from "../_components/totals-cards";
import { decodeSegment, toTeamPath } from "../_components/url";
import "../rightsizing.css";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Rightsizing · ${decodeSegment((await params).team)}` };
}

export default async function TeamRightsizingPage({ params, searchParams }: Props) {
  const team = decodeSegment((await params).team);
  const path = toTeamPath(team);
  const back = <Link href="/rightsizing">← All teams</Link>;
  const header = <PageHeader title={`Team ${team}`} description={back} />;
  const parsed = parseQuery(tableQuerySchema, await searchParams);
  if (!parsed.ok)
    return (
      <>
        {header}
        <BadFilterNotice messages={parsed.errors} reset={path} resetLabel="Show the whole team" />
      </>
    );
  let data;
  try {
    data = await getTeamRightsizing(await getDb(), team, parsed.value);
  } catch (err) {
    if (!(err instanceof AppError) || (err.kind !== "bad-input" && err.kind !== "not-found")) throw err;
    const reset = err.kind === "not-found" ? "/rightsizing" : path;
    return (
      <>
        {header}
        <BadFilterNotice
          messages={[err.message]}
          reset={reset}
          resetLabel={err.kind === "not-found" ? "See every team" : "Show the whole team"}
        />
      </>
    );
  }
  const { query } = data;
  return (
    <>
      <PageHeader
        title={`Team ${team}`}
        description={<>{back} · current requests next to what they should be, one row per container.</>}
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
      <TeamTable table={data.table} query={query} path={path} />
      <RulesPanel settings={data.settings} clusters={data.clusters} isOpen={false} />
    </>
  );
}
