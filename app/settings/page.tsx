import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { PageHeader } from "../_components/page-header";
import { DeploymentSection } from "./_sections/deployment";
import { RightsizingSection } from "./_sections/rightsizing";
import { TagRulesSection } from "./_sections/tag-rules";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

// Each feature owns one section (app/settings/_sections/*): tag rules, rightsizing rules, deployment.
export default async function SettingsPage() {
  const db = await getDb();
  return (
    <>
      <PageHeader
        title="Settings"
        description="Rules, allowed tag values, prices and mappings are edited here and apply to every page at once."
      />
      <TagRulesSection db={db} />
      <RightsizingSection db={db} />
      <DeploymentSection db={db} />
    </>
  );
}
