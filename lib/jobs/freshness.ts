// How fresh each synced source's data is: the notice on every page and /api/health. Here because it needs the
// configured sources (which ones this deployment syncs) and the sync records.
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { getLastSuccessBySource, toSourceFreshness, type SourceFreshness } from "@/lib/sync/runs";
import { listSourceStatuses } from "./sources";

/** The sources whose data the reports show and go stale: spend and usage. Commitments refresh on their own cycle. */
const TRACKED = new Set(["aws", "datadog"]);

/**
 * Each enabled source's last success and whether it is older than COSTWISE_STALE_AFTER_DAYS, measured on the real
 * clock as finished_at is. One query; an empty list when no source is configured (nothing can be synced).
 */
export async function getSourceFreshness(db: Db, config: Config, now = new Date()): Promise<SourceFreshness[]> {
  const tracked = listSourceStatuses(config).filter((s) => s.enabled && TRACKED.has(s.name));
  if (tracked.length === 0) return [];
  return toSourceFreshness(tracked, await getLastSuccessBySource(db), now, config.sync.staleAfterDays);
}

/** "2026-12-01 14:03 UTC": one reading for every viewer, whatever the server's zone. */
export function formatSyncTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** One sentence per stale source, e.g. "Datadog: last successful sync 2026-12-01 14:03 UTC, 5 days ago." */
export function describeStaleSources(sources: readonly SourceFreshness[], now = new Date()): string[] {
  return sources
    .filter((s) => s.stale)
    .map((s) => {
      if (s.lastSuccess === null) return `${s.label}: no sync has succeeded yet.`;
      const days = Math.floor((now.getTime() - Date.parse(s.lastSuccess)) / 86_400_000);
      return `${s.label}: last successful sync ${formatSyncTime(s.lastSuccess)}, ${days} day${days === 1 ? "" : "s"} ago.`;
    });
}
