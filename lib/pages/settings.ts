// The one read of /settings: every section's settings as stored, and what the environment configured.
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import type { RightsizingSettings } from "@/lib/rightsizing";
import { listClusters } from "@/lib/rightsizing/read";
import { getRightsizingSettings, getTagSettings } from "@/lib/settings/store";
import { listSourceStatuses, type SourceStatus } from "@/lib/jobs/sources";
import type { TagSettings } from "@/lib/settings/tags";

export type SettingsPage = {
  tags: TagSettings;
  /** The rightsizing settings, and the clusters in the synced data (each gets a row for its prices). */
  rightsizing: { settings: RightsizingSettings; clusters: string[] };
  deployment: { database: string; sources: SourceStatus[]; tagKeys: string[]; syncSchedule: string };
};

export async function getSettingsPage(db: Db, config: Config): Promise<SettingsPage> {
  const [tags, settings, clusters] = await Promise.all([
    getTagSettings(db),
    getRightsizingSettings(db),
    listClusters(db),
  ]);
  return {
    tags,
    rightsizing: { settings, clusters },
    deployment: {
      database: db.label,
      sources: listSourceStatuses(config),
      tagKeys: Object.values(config.aws.tagKeys),
      syncSchedule: config.syncSchedule,
    },
  };
}
