import type { Db } from "@/lib/db/types";
import { SyncBusyError, withSyncLock } from "./lock";
import type { Sql } from "@/lib/db/types";
import type { SyncProgress } from "./types";

export type SyncRunRow = {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: "running" | "succeeded" | "failed" | "interrupted";
  trigger: string;
  sources: string[];
  rangeFrom: string | null;
  rangeTo: string | null;
  requests: number;
  requestCostUsd: string;
  rowsWritten: number;
  error: string | null;
  progress: SyncProgress | null;
  details: Record<
    string,
    {
      status: string;
      requests: number;
      requestCostUsd: string;
      rowsWritten: number;
      error: string | null;
      range: { from: string; to: string } | null;
      notes: string[];
    }
  > | null;
};

type RawRun = {
  id: number;
  started_at: Date;
  finished_at: Date | null;
  status: SyncRunRow["status"];
  trigger: string;
  sources: string[] | null;
  range_from: string | null;
  range_to: string | null;
  requests: number;
  request_cost_usd: string;
  rows_written: number;
  error: string | null;
  progress: SyncProgress | null;
  details: SyncRunRow["details"];
};

const toRow = (r: RawRun): SyncRunRow => ({
  id: r.id,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  status: r.status,
  trigger: r.trigger,
  sources: r.sources ?? [],
  rangeFrom: r.range_from,
  rangeTo: r.range_to,
  requests: r.requests,
  requestCostUsd: r.request_cost_usd,
  rowsWritten: r.rows_written,
  error: r.error,
  progress: r.progress,
  details: r.details,
});

export async function listSyncRuns(db: Db, limit = 50): Promise<SyncRunRow[]> {
  const rows = await db.sql.query<RawRun>("SELECT * FROM sync_run ORDER BY id DESC LIMIT $1", [limit]);
  return rows.map(toRow);
}

export async function getSyncRun(db: Db, id: number): Promise<SyncRunRow | null> {
  const [row] = await db.sql.query<RawRun>("SELECT * FROM sync_run WHERE id = $1", [id]);
  return row ? toRow(row) : null;
}

/** When the last run that succeeded finished (health check, overview). */
export async function getLastSuccessfulSync(db: Db): Promise<Date | null> {
  const [row] = await db.sql.query<{ finished_at: Date | null }>(
    "SELECT max(finished_at) AS finished_at FROM sync_run WHERE status = 'succeeded'",
  );
  return row?.finished_at ?? null;
}

/**
 * Marks runs whose process died as interrupted, without waiting for the next sync: if the sync lock is
 * free, nothing is running, so any `running` row is a leftover. Returns how many it marked.
 */
export async function recoverInterruptedRuns(db: Db): Promise<number> {
  if (db.kind === "embedded-shared") return 0;
  try {
    return await withSyncLock(db, markInterruptedRuns);
  } catch (err) {
    if (err instanceof SyncBusyError) return 0;
    throw err;
  }
}

/** Only call while holding the sync lock: any run still `running` belongs to a process that died. */
export async function markInterruptedRuns(session: Sql): Promise<number> {
  const rows = await session.query(
    `UPDATE sync_run SET status = 'interrupted', finished_at = now(), progress = NULL,
       error = COALESCE(error, 'The process running this sync stopped before it finished; the previous data was kept.')
     WHERE status = 'running' RETURNING id`,
  );
  return rows.length;
}
