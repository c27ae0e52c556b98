import type { Db } from "@/lib/db/types";
import { formatCentsAsUsd } from "@/lib/money";
import { withSyncLock } from "./lock";
import {
  beatSyncRun,
  createSyncRun,
  finishSyncRun,
  HEARTBEAT_INTERVAL_MS,
  markInterruptedRuns,
  updateSyncRunProgress,
} from "./runs";
import type { DayRange, SourceResult, SyncProgress, SyncRunResult, SyncSource } from "./types";

export type RunSyncOptions = {
  sources: SyncSource[];
  db: Db;
  now: Date;
  onProgress?: (p: SyncProgress) => void;
  /** --from/--to; undefined lets each source plan its own incremental range. */
  range?: DayRange;
  /** Who started it: cli | web | schedule | demo. */
  trigger?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Called once the run is recorded (the web answers "started" with its id, then the run goes on). */
  onStart?: (runId: number) => void;
  /** The run fails after this long (COSTWISE_SYNC_DEADLINE_MIN): previous data kept, lock released. */
  deadlineMs?: number;
};

export class SyncDeadlineError extends Error {
  constructor(deadlineMs: number) {
    super(
      `The sync was still running after ${formatDuration(deadlineMs)} (COSTWISE_SYNC_DEADLINE_MIN) and was stopped; ` +
        `the previous data was kept. Run it again, or sync a shorter range with --from/--to.`,
    );
    this.name = "SyncDeadlineError";
  }
}

function formatDuration(ms: number): string {
  return ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${+(ms / 1000).toFixed(1)} s`;
}

/**
 * Resolves or rejects with `work`, or rejects as soon as `signal` aborts: a source that misses the signal
 * somewhere (a stuck query) cannot keep the run, and so the sync lock, past a cancel or the deadline.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {}); // when the abort wins, the work's own failure no longer matters
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const PROGRESS_WRITE_INTERVAL_MS = 500;

/**
 * The one entry point of every sync (CLI, "Sync now", schedule, demo). Holds the sync lock, marks runs
 * left `running` by a killed process as `interrupted`, runs each source in turn and records the run.
 * A failing source does not stop the others; the run then ends `failed` with each source's error.
 */
export async function runSync(opts: RunSyncOptions): Promise<SyncRunResult> {
  const { db, sources, now } = opts;
  const deadline = new AbortController();
  const signal = AbortSignal.any([opts.signal ?? new AbortController().signal, deadline.signal]);
  // The lock's own connection is only for the lock; the run's record is written through Prisma (runs.ts).
  return withSyncLock(db, async () => {
    await markInterruptedRuns(db);
    const runId = await createSyncRun(db, {
      trigger: opts.trigger ?? "cli",
      sources: sources.map((s) => s.name),
      range: opts.range,
      startedAt: now,
    });
    opts.onStart?.(runId);
    const deadlineTimer =
      opts.deadlineMs === undefined
        ? undefined
        : setTimeout(() => deadline.abort(new SyncDeadlineError(opts.deadlineMs!)), opts.deadlineMs);
    const heartbeat = setInterval(() => void beatSyncRun(db, runId).catch(() => {}), HEARTBEAT_INTERVAL_MS);
    heartbeat.unref();
    try {
      return await runSources(opts, runId, signal, () => deadline.signal.aborted);
    } finally {
      clearTimeout(deadlineTimer);
      clearInterval(heartbeat);
    }
  });
}

async function runSources(
  opts: RunSyncOptions,
  runId: number,
  signal: AbortSignal,
  pastDeadline: () => boolean,
): Promise<SyncRunResult> {
  const { db, sources, now } = opts;
  const results: Record<string, SourceResult> = {};
  let lastWrite = 0;
  // Progress writes go one after the other, each with the newest progress, and the final record waits for
  // the last one: a write still in flight must not land after the final record and bring a finished run's
  // progress back.
  let writing: Promise<void> = Promise.resolve();
  let newest: SyncProgress | null = null; // waiting to be written
  const writeProgress = (p: SyncProgress) => {
    const queued = newest !== null; // then the queued write takes this newer progress when its turn comes
    newest = p;
    if (queued) return;
    writing = writing.then(async () => {
      const progress = newest;
      newest = null;
      if (!progress) return;
      const totals = { requests: totalOf(results, "requests"), rowsWritten: totalOf(results, "rowsWritten") };
      await updateSyncRunProgress(db, runId, progress, totals).catch(() => {}); // best effort; the final record is not
    });
  };

  for (const source of sources) {
    const result: SourceResult = {
      status: "succeeded",
      requests: 0,
      requestCostUsd: "0.00",
      rowsWritten: 0,
      range: null,
      error: null,
      notes: [],
    };
    results[source.name] = result;
    let progress: SyncProgress = {
      runId,
      source: source.name,
      phase: "Starting",
      done: 0,
      total: null,
      requests: 0,
      rows: 0,
    };
    const publish = (force = false) => {
      opts.onProgress?.(progress);
      const t = Date.now();
      if (!force && t - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
      lastWrite = t;
      writeProgress(progress);
    };
    try {
      if (signal.aborted) throw new Error("Sync cancelled before it started this source");
      const outcome = await untilAborted(
        source.run({
          db,
          runId,
          now,
          range: opts.range,
          signal,
          progress(phase, done, total) {
            progress = {
              ...progress,
              phase,
              done: done ?? progress.done,
              total: total === undefined ? progress.total : total,
            };
            publish();
          },
          countRequest() {
            result.requests++;
            result.requestCostUsd = formatCentsAsUsd(result.requests * source.requestCostCents);
            progress = { ...progress, requests: result.requests };
            publish();
          },
          addRows(n) {
            result.rowsWritten += n;
            progress = { ...progress, rows: result.rowsWritten };
            publish();
          },
          log: (line) => opts.log?.(`[${source.name}] ${line}`),
        }),
        signal,
      );
      result.range = outcome.range;
      result.notes = outcome.notes ?? [];
    } catch (err) {
      // Past the deadline the run failed (it is not a person's cancel); the previous data is kept either way.
      result.status = signal.aborted && !pastDeadline() ? "interrupted" : "failed";
      // Cancelled: say why it was stopped (e.g. the server shutting down), not how the request it was in broke.
      result.error = signal.aborted && signal.reason instanceof Error ? signal.reason.message : (err as Error).message;
      opts.log?.(`[${source.name}] ${result.status}: ${result.error}`);
    }
    progress = { ...progress, phase: result.status === "succeeded" ? "Done" : result.status };
    publish(true);
  }

  const statuses = Object.values(results).map((r) => r.status);
  const status = statuses.includes("interrupted")
    ? "interrupted"
    : statuses.includes("failed")
      ? "failed"
      : "succeeded";
  const errors = Object.entries(results)
    .filter(([, r]) => r.error)
    .map(([name, r]) => `${name}: ${r.error}`);
  const requests = totalOf(results, "requests");
  const costCents = sources.reduce((sum, s) => sum + (results[s.name]?.requests ?? 0) * s.requestCostCents, 0);
  const summary: SyncRunResult = {
    runId,
    status,
    sources: results,
    requests,
    requestCostUsd: formatCentsAsUsd(costCents),
    rowsWritten: totalOf(results, "rowsWritten"),
    error: errors.length ? errors.join("\n") : null,
  };
  await writing;
  await finishSyncRun(db, summary);
  return summary;
}

function totalOf(results: Record<string, SourceResult>, key: "requests" | "rowsWritten"): number {
  return Object.values(results).reduce((sum, r) => sum + r[key], 0);
}
