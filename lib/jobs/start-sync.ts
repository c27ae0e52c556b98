import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { SyncBusyError } from "@/lib/sync/lock";
import { runSync } from "@/lib/sync/run-sync";
import { listConfiguredSources } from "./sources";

/**
 * Syncs this process runs in the background, to cancel on shutdown. On globalThis: the server script and the
 * Next.js bundle each have their own copy of this module ("Sync now" starts in the bundle's, shutdown in the
 * script's).
 */
const g = globalThis as typeof globalThis & {
  __costwiseBackgroundSyncs?: Set<{ controller: AbortController; done: Promise<unknown> }>;
};
const backgroundSyncs = (g.__costwiseBackgroundSyncs ??= new Set());

/**
 * Cancels the syncs running in the background of this process and waits until each has recorded how it ended
 * (interrupted, the data from before it kept) and released the sync lock.
 */
export async function cancelBackgroundSyncs(reason: string): Promise<number> {
  const running = [...backgroundSyncs];
  for (const sync of running) sync.controller.abort(new Error(reason));
  await Promise.allSettled(running.map((s) => s.done));
  return running.length;
}

/**
 * Starts a sync inside the server process and answers as soon as it is recorded ("Sync now", schedule).
 * The run goes on in the background; /sync follows it through the run record. It has the configured
 * deadline and stops when the server stops (cancelBackgroundSyncs).
 */
export async function startSyncInBackground(opts: {
  db: Db;
  config: Config;
  now: Date;
  trigger: string;
  only?: string;
  /** The sync's log lines, with its run id once it has one. */
  log?: (line: string, runId?: number) => void;
}): Promise<{ runId: number; done: Promise<unknown> }> {
  const sources = await listConfiguredSources(opts.config, opts.only);
  if (sources.length === 0)
    throw new AppError("conflict", "No data source is configured: see Settings for how to connect AWS and Datadog.");
  const controller = new AbortController();
  let runId: number | undefined;
  return new Promise((resolve, reject) => {
    const done = runSync({
      sources,
      db: opts.db,
      now: opts.now,
      trigger: opts.trigger,
      log: (line) => opts.log?.(line, runId),
      signal: controller.signal,
      deadlineMs: opts.config.sync.deadlineMs,
      onStart: (id) => {
        runId = id;
        resolve({ runId: id, done });
      },
    })
      .catch((err: unknown) => {
        if (err instanceof SyncBusyError) reject(new AppError("conflict", err.message));
        else reject(err);
        opts.log?.(`Sync failed: ${(err as Error).message}`, runId);
      })
      .finally(() => backgroundSyncs.delete(sync));
    const sync = { controller, done };
    backgroundSyncs.add(sync);
  });
}
