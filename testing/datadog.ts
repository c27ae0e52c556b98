// Tests only: the Datadog source pointed at an in-process emulator, with a fake clock and sleep so
// rate-limit waits and backoffs are recorded instead of waited for.
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { runSync } from "@/lib/sync/run-sync";
import type { SyncRunResult } from "@/lib/sync/types";
import { DEFAULT_API_KEY, DEFAULT_APP_KEY } from "@/emulators/datadog/server";
import type { DatadogEmulator } from "@/emulators/datadog/server";
import type { DatadogSourceOptions, DatadogSyncTimings } from "@/lib/datadog/source";
import { createDatadogSource } from "@/lib/datadog/source";

export function toDatadogConfig(url: string, keys: { apiKey?: string; appKey?: string } = {}): Config["datadog"] {
  return {
    enabled: true,
    reason: "test",
    apiKey: keys.apiKey ?? DEFAULT_API_KEY,
    appKey: keys.appKey ?? DEFAULT_APP_KEY,
    site: "datadoghq.com",
    baseUrl: url,
  };
}

/** A wall clock that only moves when the sync sleeps (share it with the emulator's rate limiter). */
export function createFakeTime(startMs = Date.UTC(2026, 10, 26, 0, 0, 0)) {
  const time = { nowMs: startMs, sleeps: [] as number[] };
  return {
    time,
    clock: () => time.nowMs,
    sleep: async (ms: number) => {
      time.sleeps.push(ms);
      time.nowMs += ms;
    },
  };
}

export type SyncOutcome = {
  result: SyncRunResult;
  sleeps: number[];
  timings: DatadogSyncTimings | null;
  logs: string[];
};

export async function syncFromEmulator(
  db: Db,
  emulator: DatadogEmulator,
  opts: {
    now: Date;
    keys?: { apiKey?: string; appKey?: string };
    fake?: ReturnType<typeof createFakeTime>;
    source?: DatadogSourceOptions;
  },
): Promise<SyncOutcome> {
  const fake = opts.fake ?? createFakeTime();
  let timings: DatadogSyncTimings | null = null;
  const logs: string[] = [];
  const source = createDatadogSource(toDatadogConfig(emulator.url, opts.keys), {
    sleep: fake.sleep,
    clock: fake.clock,
    onTimings: (t) => (timings = t),
    ...opts.source,
  });
  const result = await runSync({ db, now: opts.now, sources: [source], log: (line) => logs.push(line) });
  return { result, sleeps: fake.time.sleeps, timings, logs };
}

const KEY = "cluster, namespace, workload_kind, workload, container";

/** The stored snapshot, without run ids, in a stable order. */
export async function readSnapshot(db: Db) {
  const containers = await db.sql.query(`SELECT * FROM k8s_container ORDER BY ${KEY}`);
  const hours = await db.sql.query(`SELECT * FROM k8s_usage_hourly ORDER BY ${KEY}, hour`);
  const [staged] = await db.sql.query<{ n: number }>(
    "SELECT (SELECT count(*) FROM k8s_container_staging) + (SELECT count(*) FROM k8s_usage_hourly_staging) AS n",
  );
  for (const row of containers) delete row.run_id; // differs between runs by design
  return { containers, hours, staged: Number(staged?.n ?? 0) };
}
