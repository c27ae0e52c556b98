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
import { getRightsizingContext } from "@/lib/rightsizing/read";
import { listChannelViews, type DigestChannelView } from "@/lib/digest/channels";
import { listLatestSends, type DigestSendView } from "@/lib/digest/run";
import { formatDigestSchedule } from "@/lib/digest/week";

export type SettingsPage = {
  tags: TagSettings;
  /** The version of each settings document shown: the forms send it back, so a save over someone else's is refused. */
  versions: { tags: number; rightsizing: number };
  /** The rightsizing settings, and the clusters in the synced data (each gets a row for its prices). */
  rightsizing: { settings: RightsizingSettings; clusters: string[] };
  /** The weekly digest: each team's channels (webhook masked), the last send per channel, the mail server. */
  digest: {
    channels: DigestChannelView[];
    sends: DigestSendView[];
    /** Every team in the synced data, and any team with a channel that is no longer in it. */
    teams: string[];
    schedule: string;
    /** Without the password: only whether one is set. */
    smtp: { host: string; port: number; tls: string; from: string; user: string | null; hasPassword: boolean } | null;
    allowLoopback: boolean;
  };
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
  const [tags, rightsizing, clusters, channels, sends, context] = await Promise.all([
    getStampedTagSettings(db),
    getStampedRightsizingSettings(db),
    listClusters(db),
    listChannelViews(db),
    listLatestSends(db),
    getRightsizingContext(db),
  ]);
  const settings = rightsizing.settings;
  const smtp = config.digest.smtp;
  return {
    tags: tags.settings,
    versions: { tags: tags.stamp.version, rightsizing: rightsizing.stamp.version },
    rightsizing: { settings, clusters },
    digest: {
      channels,
      sends,
      teams: [...new Set([...context.teams, ...channels.map((c) => c.team)])].sort((a, b) => a.localeCompare(b)),
      schedule: config.digest.schedule
        ? formatDigestSchedule(config.digest.schedule)
        : "off (DIGEST_SCHEDULE): sent only by npm run digest or a CronJob",
      smtp: smtp
        ? {
            host: smtp.host,
            port: smtp.port,
            tls: smtp.tls,
            from: smtp.from,
            user: smtp.user ?? null,
            hasPassword: smtp.password !== undefined,
          }
        : null,
      allowLoopback: config.digest.allowLoopback,
    },
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
