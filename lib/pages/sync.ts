// The one read of /sync: the sources and the recent runs (a run left "running" by a dead process is marked
// interrupted first, so the page never shows a sync that will not finish).
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { listSyncRuns, recoverInterruptedRuns, type SyncRunRow } from "@/lib/sync/runs";
import { listSourceStatuses, type SourceStatus } from "@/lib/jobs/sources";

export type SyncPage = { sources: SourceStatus[]; runs: SyncRunRow[]; running: SyncRunRow | null };

export async function getSyncPage(db: Db, config: Config): Promise<SyncPage> {
  await recoverInterruptedRuns(db);
  const runs = await listSyncRuns(db, 50);
  return { sources: listSourceStatuses(config), runs, running: runs.find((r) => r.status === "running") ?? null };
}
