import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { SyncBusyError } from "@/lib/sync/lock";
import { runSync } from "@/lib/sync/run-sync";
import { listConfiguredSources } from "./sources";

/**
 * Starts a sync inside the server process and answers as soon as it is recorded ("Sync now", schedule).
 * The run goes on in the background; /sync follows it through the run record.
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
  return new Promise((resolve, reject) => {
    const done = runSync({
      sources,
      db: opts.db,
      now: opts.now,
      trigger: opts.trigger,
      log: opts.log,
      onStart: (runId) => resolve({ runId, done }),
    }).catch((err: unknown) => {
      if (err instanceof SyncBusyError) reject(new AppError("conflict", err.message));
      else reject(err);
      opts.log?.(`Sync failed: ${(err as Error).message}`);
    });
  });
}
