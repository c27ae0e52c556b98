// The `sync_run` records: one row per run, written by runSync and read by /sync, the overview, the health check
// and the sync-runs export. Simple records, so they go through the Prisma client.
import { Prisma, type SyncRun } from "@/generated/prisma/client";
import { toDateColumn, toDecimalString } from "@/lib/db/prisma-client";
import type { Db } from "@/lib/db/types";
import { toDay } from "@/lib/dates";
import { SyncBusyError, withSyncLock } from "./lock";
import type { DayRange, SyncProgress, SyncRunResult } from "./types";

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

const toRow = (r: SyncRun): SyncRunRow => ({
  id: r.id,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  status: r.status as SyncRunRow["status"],
  trigger: r.trigger,
  sources: r.sources,
  rangeFrom: r.rangeFrom && toDay(r.rangeFrom),
  rangeTo: r.rangeTo && toDay(r.rangeTo),
  requests: r.requests,
  requestCostUsd: toDecimalString(r.requestCostUsd),
  rowsWritten: r.rowsWritten,
  error: r.error,
  progress: r.progress as SyncProgress | null,
  details: r.details as SyncRunRow["details"],
});

/** The newest runs first. */
export async function listSyncRuns(db: Db, limit = 50): Promise<SyncRunRow[]> {
  const rows = await db.prisma.syncRun.findMany({ orderBy: { id: "desc" }, take: limit });
  return rows.map(toRow);
}

/** When the last run that succeeded finished (health check, overview). */
export async function getLastSuccessfulSync(db: Db): Promise<Date | null> {
  const { _max } = await db.prisma.syncRun.aggregate({ where: { status: "succeeded" }, _max: { finishedAt: true } });
  return _max.finishedAt;
}

/**
 * When each source last succeeded, in one small query (the shell asks on every page). A source's own result is
 * what counts: a run where Cost Explorer succeeded and Datadog failed is `failed`, yet it brought fresh spend.
 */
export async function getLastSuccessBySource(db: Db): Promise<Map<string, Date>> {
  const rows = await db.sql.query<{ source: string; last: Date | string }>(
    `SELECT d.key AS source, max(r.finished_at) AS last
       FROM sync_run r,
            -- A run without per-source details (or an old one with a non-object) adds nothing, never an error.
            jsonb_each(CASE WHEN jsonb_typeof(r.details) = 'object' THEN r.details ELSE '{}'::jsonb END) d
      WHERE r.status <> 'running' AND r.finished_at IS NOT NULL AND d.value->>'status' = 'succeeded'
      GROUP BY d.key`,
  );
  return new Map(rows.map((r) => [r.source, new Date(r.last)]));
}

export type SourceFreshness = {
  source: string;
  label: string;
  /** ISO time the source's last successful sync finished, or null when it never succeeded. */
  lastSuccess: string | null;
  stale: boolean;
};

export type DataFreshness = {
  stale: boolean;
  staleAfterDays: number;
  message: string;
  /** Each source the deployment syncs (Cost Explorer, Datadog): when it last succeeded and whether that is too old. */
  sources?: SourceFreshness[];
};

/** Per source: stale when it never succeeded or its last success is more than `staleAfterDays` old. */
export function toSourceFreshness(
  sources: readonly { name: string; label: string }[],
  lastSuccess: ReadonlyMap<string, Date>,
  now: Date,
  staleAfterDays: number,
): SourceFreshness[] {
  return sources.map(({ name, label }) => {
    const last = lastSuccess.get(name) ?? null;
    const stale = last === null || now.getTime() - last.getTime() > staleAfterDays * 86_400_000;
    return { source: name, label, lastSuccess: last?.toISOString() ?? null, stale };
  });
}

/**
 * Whether the data is older than the threshold (COSTWISE_STALE_AFTER_DAYS): pages and /api/health say so, so a
 * sync that silently stopped is noticed. Measured on the real clock, as finished_at is.
 */
export function toDataFreshness(lastSuccess: Date | null, now: Date, staleAfterDays: number): DataFreshness {
  if (lastSuccess === null) {
    return { stale: true, staleAfterDays, message: "No sync has succeeded yet: the pages show no data or demo data." };
  }
  const ageDays = (now.getTime() - lastSuccess.getTime()) / 86_400_000;
  if (ageDays <= staleAfterDays) return { stale: false, staleAfterDays, message: "Data is current." };
  return {
    stale: true,
    staleAfterDays,
    message: `The last successful sync finished ${Math.floor(ageDays)} days ago (more than ${staleAfterDays}): see /sync for the failed or missing runs.`,
  };
}

/*
 * Writing a run. runSync holds the sync lock, a session-level advisory lock that belongs to the connection that
 * took it (lock.ts): only taking and releasing it must happen on that connection. The run's row is a plain record
 * written while the lock is held, so it goes through Prisma on any pooled connection like every other record.
 */

/** Records a run as `running` and returns its id. */
export async function createSyncRun(
  db: Db,
  run: { trigger: string; sources: string[]; range: DayRange | undefined; startedAt: Date },
): Promise<number> {
  const { id } = await db.prisma.syncRun.create({
    data: {
      status: "running",
      trigger: run.trigger,
      sources: run.sources,
      rangeFrom: run.range ? toDateColumn(run.range.from) : null,
      rangeTo: run.range ? toDateColumn(run.range.to) : null,
      startedAt: run.startedAt,
      // Written with its cents, as the finished run's cost is, so a running run reads "0.00" too.
      requestCostUsd: "0.00",
      heartbeatAt: new Date(),
    },
    select: { id: true },
  });
  return id;
}

/** The live progress of a running run (what /sync polls) and its running totals. */
export async function updateSyncRunProgress(
  db: Db,
  id: number,
  progress: SyncProgress,
  totals: { requests: number; rowsWritten: number },
): Promise<void> {
  await db.prisma.syncRun.update({ where: { id }, data: { progress, ...totals, heartbeatAt: new Date() } });
}

/** How often a running sync says it is alive, and how long without it before a page may call it dead. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
export const HEARTBEAT_STALE_MS = 60_000;

/** Says the run is alive (a timer in runSync calls it; best effort). */
export async function beatSyncRun(db: Db, id: number): Promise<void> {
  await db.prisma.syncRun.update({ where: { id }, data: { heartbeatAt: new Date() } });
}

/** Records how a run ended; its live progress is cleared. */
export async function finishSyncRun(db: Db, result: SyncRunResult): Promise<void> {
  await db.prisma.syncRun.update({
    where: { id: result.runId },
    data: {
      status: result.status,
      finishedAt: new Date(),
      requests: result.requests,
      requestCostUsd: result.requestCostUsd,
      rowsWritten: result.rowsWritten,
      error: result.error,
      details: result.sources,
      progress: Prisma.DbNull,
    },
  });
}

/**
 * Marks runs whose process died as interrupted, without waiting for the next sync (opening /sync, the server's
 * start). A free sync lock is not enough: the lock's connection can drop while its run goes on. So only runs
 * that have also stopped their heartbeat are marked. Returns how many it marked.
 */
export async function recoverInterruptedRuns(db: Db): Promise<number> {
  if (db.kind === "embedded-shared") return 0;
  try {
    return await withSyncLock(db, () => markInterruptedRuns(db, { silentForMs: HEARTBEAT_STALE_MS }));
  } catch (err) {
    if (err instanceof SyncBusyError) return 0;
    throw err;
  }
}

const INTERRUPTED = "The process running this sync stopped before it finished; the previous data was kept.";

/**
 * Only call while holding the sync lock: any run still `running` belongs to a process that died. An error the
 * run already recorded is kept; the others say why the run stopped.
 */
export async function markInterruptedRuns(db: Db, opts: { silentForMs?: number } = {}): Promise<number> {
  const ended = { status: "interrupted", finishedAt: new Date(), progress: Prisma.DbNull };
  const silent =
    opts.silentForMs === undefined
      ? {}
      : { OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(Date.now() - opts.silentForMs) } }] };
  const withoutError = await db.prisma.syncRun.updateMany({
    where: { status: "running", error: null, ...silent },
    data: { ...ended, error: INTERRUPTED },
  });
  const withError = await db.prisma.syncRun.updateMany({ where: { status: "running", ...silent }, data: ended });
  return withoutError.count + withError.count;
}
