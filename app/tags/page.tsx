import { Suspense } from "react";
import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { SettingVersions } from "@/app/_components/setting-version";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage, NoData } from "@/app/_components/page-state";
import { PanelSkeleton } from "@/app/_components/skeletons";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { parseSearchParams } from "@/lib/search-params";
import { getTagsPage } from "@/lib/pages/tags";
import { tagsQuerySchema } from "@/lib/tags/tags-query";
import { AllowedListsPanel } from "./_components/allowed-lists-panel";
import { ComplianceOverview } from "./_components/compliance-overview";
import { OffendersPanel } from "./_components/offenders-panel";
import { PolicyDownloads } from "./_components/policy-downloads";
import { RangeControls } from "./_components/range-controls";
import styles from "./_components/tags.module.css";

const META = PAGES.tags;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

export default async function TagsPage({ searchParams }: SearchParamsProps) {
  const now = getNow();
  const parsed = parseSearchParams(tagsQuerySchema(now), await searchParams);
  if (!parsed.ok) return <BadLinkPage meta={META} problems={parsed.problems} />;
  const query = parsed.value;
  const db = await getDb();
  const { settings, versions, hasCostData, canEdit } = await readAs(META.path, (access) => getTagsPage(db, access));

  // The two reports stream in their own panels (the lists below do not wait for them); a new range or metric
  // shows their skeletons again instead of the previous range's numbers.
  const key = `${query.from}:${query.to}:${query.metric}`;
  return (
    <SettingVersions versions={versions}>
      <PageHeader title={META.title} description={META.description} />
      <RangeControls query={query} now={now} />
      {hasCostData ? (
        <>
          <Suspense key={`overview:${key}`} fallback={<PanelSkeleton label="Loading compliance" size="tall" />}>
            <ComplianceOverview db={db} query={query} settings={settings} />
          </Suspense>
          <Suspense key={`offenders:${key}`} fallback={<PanelSkeleton label="Loading offenders" size="short" />}>
            <OffendersPanel db={db} query={query} settings={settings} />
          </Suspense>
        </>
      ) : (
        <NoData meta={META} />
      )}
      <div className={`grid grid-2 ${styles.lists}`}>
        <AllowedListsPanel settings={settings} canEdit={canEdit} />
        <PolicyDownloads settings={settings} />
      </div>
    </SettingVersions>
  );
}
