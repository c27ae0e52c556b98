// The one read of /sync: the sources and the recent runs (a run left "running" by a dead process is marked
// interrupted first, so the page never shows a sync that will not finish).
import { requireAccess, toScope, type Access } from "@/lib/access/access";
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { listSyncRuns, recoverInterruptedRuns, type SyncRunRow } from "@/lib/sync/runs";
import { listSourceStatuses, type SourceStatus } from "@/lib/jobs/sources";

export type SyncPage = {
  sources: SourceStatus[];
  runs: SyncRunRow[];
  running: SyncRunRow | null;
  /** "Sync now" starts paid Cost Explorer requests: admins only. */
  canSync: boolean;
};

export async function getSyncPage(db: Db, access: Access, config: Config): Promise<SyncPage> {
  await requireAccess(db, access, "read", "/sync");
  await recoverInterruptedRuns(db);
  const runs = await listSyncRuns(db, 50);
  return {
    sources: listSourceStatuses(config),
    runs,
    running: runs.find((r) => r.status === "running") ?? null,
    canSync: toScope(access.grants, "admin") !== null,
  };
}
