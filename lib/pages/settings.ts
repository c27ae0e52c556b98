// The one read of /settings: every section's settings as stored, and what the environment configured.
import { requireAccess, type Access } from "@/lib/access/access";
import type { Config } from "@/lib/config";
import { describeGrant, formatRule } from "@/lib/roles";
import type { Db } from "@/lib/db/types";
import type { RightsizingSettings } from "@/lib/rightsizing";
import { listClusters } from "@/lib/rightsizing/read";
import { getStampedRightsizingSettings, getStampedTagSettings } from "@/lib/settings/store";
import { listSourceStatuses, type SourceStatus } from "@/lib/jobs/sources";
import type { TagSettings } from "@/lib/settings/tags";

export type SettingsPage = {
  tags: TagSettings;
  /** The version of each settings document shown: the forms send it back, so a save over someone else's is refused. */
  versions: { tags: number; rightsizing: number };
  /** The rightsizing settings, and the clusters in the synced data (each gets a row for its prices). */
  rightsizing: { settings: RightsizingSettings; clusters: string[] };
  deployment: { database: string; sources: SourceStatus[]; tagKeys: string[]; syncSchedule: string };
  /** The sign-in mode and the role rules in force, read-only (they are set in the environment). */
  access: {
    mode: Config["auth"]["mode"];
    source: string;
    rules: { line: number; subject: string; grant: string; gives: string }[];
  };
};

export async function getSettingsPage(db: Db, access: Access, config: Config): Promise<SettingsPage> {
  await requireAccess(db, access, "admin", "/settings");
  const [tags, rightsizing, clusters] = await Promise.all([
    getStampedTagSettings(db),
    getStampedRightsizingSettings(db),
    listClusters(db),
  ]);
  const settings = rightsizing.settings;
  return {
    tags: tags.settings,
    versions: { tags: tags.stamp.version, rightsizing: rightsizing.stamp.version },
    rightsizing: { settings, clusters },
    deployment: {
      database: db.label,
      sources: listSourceStatuses(config),
      tagKeys: Object.values(config.aws.tagKeys),
      syncSchedule: config.syncSchedule,
    },
    access: {
      mode: config.auth.mode,
      source: config.auth.roles.source,
      rules: config.auth.roles.rules.map((r) => {
        const [subject = "", grant = ""] = formatRule(r).split(" = ");
        return { line: r.line, subject, grant, gives: describeGrant(r.grant) };
      }),
    },
  };
}
