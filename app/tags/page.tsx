import type { Metadata } from "next";
import { Suspense } from "react";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { toAppError } from "@/lib/errors";
import { getTagSettings } from "@/lib/settings/store";
import { DEFAULT_METRIC as DEFAULT_COST_METRIC } from "@/lib/metrics";
import { parseTagsQuery, toDefaultTagsRange, type TagsQuery } from "@/lib/tags/tags-query";
import { PageHeader } from "../_components/page-header";
import { AllowedListsPanel } from "./_components/allowed-lists-panel";
import { ComplianceOverview } from "./_components/compliance-overview";
import { OffendersPanel } from "./_components/offenders-panel";
import { PanelSkeleton } from "./_components/panel-skeleton";
import { PolicyDownloads } from "./_components/policy-downloads";
import { RangeControls } from "./_components/range-controls";

export const metadata: Metadata = { title: "Tags" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TagsPage({ searchParams }: Props) {
  const now = getNow();
  let query: TagsQuery;
  try {
    query = parseTagsQuery(await searchParams, now);
  } catch (err) {
    return <BadQuery message={toAppError(err).message} now={now} />;
  }
  const db = await getDb();
  const settings = await getTagSettings(db);
  const key = `${query.from}:${query.to}:${query.metric}`;
  return (
    <>
      <PageHeader
        title="Tags"
        description="How much spend is untagged or tagged outside the allowed lists, where it comes from, and how to fix it."
      />
      <RangeControls query={query} now={now} />
      <Suspense key={`overview:${key}`} fallback={<PanelSkeleton label="Loading compliance" height={520} />}>
        <ComplianceOverview db={db} query={query} settings={settings} />
      </Suspense>
      <Suspense key={`offenders:${key}`} fallback={<PanelSkeleton label="Loading offenders" height={320} />}>
        <OffendersPanel db={db} query={query} settings={settings} />
      </Suspense>
      <div className="grid grid-2" style={{ alignItems: "start" }}>
        <AllowedListsPanel settings={settings} />
        <PolicyDownloads settings={settings} />
      </div>
    </>
  );
}

function BadQuery({ message, now }: { message: string; now: Date }) {
  return (
    <>
      <PageHeader
        title="Tags"
        description="How much spend is untagged or tagged outside the allowed lists, where it comes from, and how to fix it."
      />
      <div className="notice error" role="alert">
        This link cannot be shown: {message}
      </div>
      <RangeControls query={{ ...toDefaultTagsRange(now), metric: DEFAULT_COST_METRIC }} now={now} />
    </>
  );
}
