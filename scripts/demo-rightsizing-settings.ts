// The demo company's rightsizing mappings: which team owns each namespace (for workloads without a `team`
// tag) and each cluster's environment (for workloads without an `env` tag), seeded once so the demo shows
// the fallbacks at work; `stg` stays unmapped on purpose, so the page lists it. To be called by
// scripts/demo-world.ts next to seedDemoTagSettings.
import type { Db } from "@/lib/db/types";
import { CLUSTERS, NAMESPACE_TEAMS } from "@/emulators/demo/clusters-catalog";
import { readSettingDocument, saveRightsizingSettings } from "@/lib/settings/store";

/** Saves the demo's mappings unless rightsizing settings are already stored (a person's edits win). */
export async function seedDemoRightsizingSettings(db: Db): Promise<boolean> {
  if ((await readSettingDocument(db, "rightsizing")) !== undefined) return false;
  await saveRightsizingSettings(db, {
    namespaceTeams: { ...NAMESPACE_TEAMS },
    clusterEnvironments: Object.fromEntries(CLUSTERS.map((c) => [c.name, c.environment])),
  });
  return true;
}
