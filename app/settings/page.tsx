import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { SettingVersions } from "@/app/_components/setting-version";
import { PAGES, toMetadata } from "@/app/_components/page-meta";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getSettingsPage } from "@/lib/pages/settings";
import { DeploymentSection } from "./_sections/deployment";
import { DigestSection } from "./_sections/digest";
import { RightsizingSection } from "./_sections/rightsizing";
import { RolesSection } from "./_sections/roles";
import { TagRulesSection } from "./_sections/tag-rules";

const META = PAGES.settings;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

// Each feature owns one section (app/settings/_sections/*): tag rules, rightsizing rules, weekly digest, roles,
// deployment.
export default async function SettingsPage() {
  const db = await getDb();
  const data = await readAs(META.path, (access) => getSettingsPage(db, access, getConfig()));
  return (
    <SettingVersions versions={data.versions}>
      <PageHeader
        title={META.title}
        description={META.description}
        actions={
          <a className="button secondary" href={PAGES.audit.path}>
            Audit log
          </a>
        }
      />
      <TagRulesSection settings={data.tags} />
      <RightsizingSection settings={data.rightsizing.settings} clusters={data.rightsizing.clusters} />
      <DigestSection digest={data.digest} />
      <RolesSection access={data.access} />
      <DeploymentSection deployment={data.deployment} />
    </SettingVersions>
  );
}
