import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { SyncBusyError } from "@/lib/sync/lock";
import { runSync } from "@/lib/sync/run-sync";
import { listConfiguredSources } from "./sources";

/**
 * The syncs running in this server process, so stopping the server cancels them the way Ctrl-C cancels the CLI's:
 * each records how it ended and releases the sync lock. On globalThis because the Next.js bundle (POST /api/sync)
 * and scripts/serve.ts each have their own copy of this module.
 */
const g = globalThis as typeof globalThis & {
  __costwiseBackgroundSyncs?: Set<{ controller: AbortController; done: Promise<unknown> }>;
};
const running = (g.__costwiseBackgroundSyncs ??= new Set());

/** Cancels every sync this process started in the background and waits until each has recorded its end. */
export async function stopBackgroundSyncs(reason: string): Promise<void> {
  const syncs = [...running];
  for (const sync of syncs) sync.controller.abort(new Error(reason));
  await Promise.allSettled(syncs.map((s) => s.done));
}

/**
 * Starts a sync inside the server process and answers as soon as it is recorded ("Sync now", schedule).
 * The run goes on in the background; /sync follows it through the run record. It has the configured
 * deadline and stops when the server stops (stopBackgroundSyncs).
 */
export async function startSyncInBackground(opts: {
  db: Db;
  config: Config;
  now: Date;
  trigger: string;
  only?: string;
  log?: (line: string) => void;
}): Promise<{ runId: number; done: Promise<unknown> }> {
  const sources = await listConfiguredSources(opts.config, opts.only);
  if (sources.length === 0)
    throw new AppError("conflict", "No data source is configured: see Settings for how to connect AWS and Datadog.");
  const controller = new AbortController();
  return new Promise((resolve, reject) => {
    const done = runSync({
      sources,
      db: opts.db,
      now: opts.now,
      trigger: opts.trigger,
      log: opts.log,
      signal: controller.signal,
      deadlineMs: opts.config.sync.deadlineMs,
      onStart: (runId) => resolve({ runId, done }),
    })
      .catch((err: unknown) => {
        if (err instanceof SyncBusyError) reject(new AppError("conflict", err.message));
        else reject(err);
        opts.log?.(`Sync failed: ${(err as Error).message}`);
      })
      .finally(() => running.delete(entry));
    const entry = { controller, done };
    running.add(entry);
  });
}
