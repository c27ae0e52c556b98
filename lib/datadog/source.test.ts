// The Datadog sync end to end: the real client against the emulator (in process), serving a hand-made
// dataset whose statistics are computed by hand (see testing/datadog-dataset.ts), into each test database.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { startDatadogEmulator } from "@/emulators/datadog/server";
import type { DatadogEmulator } from "@/emulators/datadog/server";
import { bucketStart, HAND_MADE_DATASET, MiB, NOW } from "@/testing/datadog-dataset";
import { readSnapshot, syncFromEmulator } from "@/testing/datadog";
import { getRightsizingSettings, saveRightsizingSettings } from "@/lib/settings/store";
import { toRightsizingRows } from "@/lib/rightsizing";
import { getRightsizingContext, listContainerUsages } from "@/lib/rightsizing/read";

let emulator: DatadogEmulator;
beforeAll(async () => {
  emulator = await startDatadogEmulator({ now: NOW, dataset: HAND_MADE_DATASET });
});
afterAll(() => emulator.close());

const hourIso = (k: number) => new Date(bucketStart(k) * 1000).toISOString();

describe.each(testDatabases())("Datadog sync on $name", ({ create }) => {
  // One database per file and kind (creating one takes seconds); each test starts from empty tables.
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(() => db.sql.exec("DELETE FROM k8s_usage_hourly; DELETE FROM k8s_container"));
  afterEach(() => {
    emulator.faults.clear();
  });

  it("stores each container's statistics, computed by hand from the raw samples", async () => {
    const { result } = await syncFromEmulator(db, emulator, { now: NOW });
    expect(result.status).toBe("succeeded");
    expect(result.sources.datadog).toMatchObject({
      requests: 12,
      requestCostUsd: "0.00",
      range: { from: "2026-11-12", to: "2026-11-26" },
    });
    expect(result.sources.datadog?.notes.join("\n")).toMatch(/1 series without a workload tag/);

    const { containers, staged } = await readSnapshot(db);
    expect(staged).toBe(0);
    expect(containers.map((c) => c.workload)).toEqual(["report", "web", "db"]); // the bare pod "debug" is left out
    expect(containers[1]).toEqual({
      cluster: "c1",
      namespace: "shop",
      workload_kind: "Deployment",
      workload: "web",
      container: "app",
      env_tag: "staging",
      team_tag: "shop-team",
      // pods per 900 s bucket: 1 for k < 20, 2 after: (20 × 1 + 20 × 2) / 40 buckets to the window end
      replicas: 1.5,
      // per bucket, the busier replica's average: pod a's v = 10, 20, … 400 (pod b's v/2 is lower);
      // nearest rank of 40: p50 = 20th = 200, p95 = 38th = 380, p99 = 40th = 400
      cpu_p50: 200,
      cpu_p95: 380,
      cpu_p99: 400,
      cpu_max: 405, // from the max rollup: pod a's last raw sample, v + 5
      cpu_samples: 40,
      // busier replica per bucket: 200 MiB ×29, 250 MiB (pod b at k = 25), 300 MiB ×10 → 20th = 200 MiB
      memory_idle: 200 * MiB,
      memory_peak: 350 * MiB, // pod b's raw 350 MiB sample, hidden by the average, found by the max rollup
      cpu_request: 250, // the last request (0.25 cores), not the earlier 0.5
      cpu_limit: null,
      memory_request: 256 * MiB,
      memory_limit: 512 * MiB,
      restarts: 2, // at k = 10 and k = 30
      oom_kills: 1, // only the restart at k = 30 happened in the OOMKilled state
      has_hpa: true, // HPA "web" in c1/shop; the one in c1/elsewhere matches nothing
      first_seen: "2026-11-25", // 10 hours before NOW
      data_days: 0.4167, // 40 × 900 s
      window_start: "2026-11-12",
      window_days: 14,
    });
    expect(containers[2]).toMatchObject({
      workload_kind: "StatefulSet",
      workload: "db",
      container: "postgres",
      env_tag: "staging",
      team_tag: null,
      replicas: 1,
      cpu_p50: 5,
      cpu_p95: 5,
      cpu_max: 5,
      cpu_samples: 4,
      memory_idle: 64 * MiB,
      memory_peak: 64 * MiB,
      cpu_request: null,
      memory_request: null,
      memory_limit: null,
      restarts: 0,
      oom_kills: 0,
      has_hpa: false,
      data_days: 0.0417,
    });
    expect(containers[0]).toMatchObject({
      workload_kind: "CronJob",
      workload: "report",
      container: "report",
      cpu_p95: 20,
      cpu_samples: 2,
      data_days: 0.0208,
      replicas: 0.05, // 1 pod in 2 of the 40 buckets from its first run in the window to the end (the earlier run is before the window)
      first_seen: "2026-11-11", // its run 3 hours before the window, seen by the pod count's lookback: not young
    });
  });

  it("stores the hourly series: mean of the 900 s values and max of the raw samples, per replica", async () => {
    await syncFromEmulator(db, emulator, { now: NOW });
    const hours = (await readSnapshot(db)).hours.filter((h) => h.container === "app");
    expect(hours).toHaveLength(10);
    const at = (k: number) => hours.find((h) => (h.hour as Date).toISOString() === hourIso(k));
    // hour of k = 0..3: v = 10, 20, 30, 40 → mean 25; max raw sample 45
    expect(at(0)).toMatchObject({ cpu_avg: 25, cpu_max: 45, memory_avg: 200 * MiB, memory_max: 200 * MiB });
    // hour of k = 24..27: busier replica 200, 250, 200, 200 MiB → 212.5 MiB; max raw 350 MiB
    expect(at(24)).toMatchObject({ memory_avg: 212.5 * MiB, memory_max: 350 * MiB });
    // hour of k = 36..39: (370 + 380 + 390 + 400) / 4 = 385; max 405
    expect(at(36)).toMatchObject({ cpu_avg: 385, cpu_max: 405, memory_avg: 300 * MiB });
  });

  it("reads the environment from the tag key the settings name", async () => {
    // The hand-made series carry env:staging and team:shop-team; naming `team` as the environment tag must
    // group and read by it (the query's `by {…}` and the stored env_tag), not by a fixed `env`.
    await saveRightsizingSettings(db, { envTagKey: "team" });
    try {
      const { result } = await syncFromEmulator(db, emulator, { now: NOW });
      expect(result.status).toBe("succeeded");
      const { containers } = await readSnapshot(db);
      expect(containers.find((c) => c.workload === "web")).toMatchObject({ env_tag: "shop-team" });
    } finally {
      await db.sql.query("DELETE FROM setting WHERE key = 'rightsizing'");
    }
  });

  it("gives identical data when the same sync runs twice", async () => {
    const first = await syncFromEmulator(db, emulator, { now: NOW });
    const before = await readSnapshot(db);
    const second = await syncFromEmulator(db, emulator, { now: NOW });
    expect(second.result.runId).not.toBe(first.result.runId);
    expect(second.result.rowsWritten).toBe(first.result.rowsWritten);
    expect(await readSnapshot(db)).toEqual(before);
  });

  it("computes the rightsizing rows of the new snapshot after its swap: the first read in this process finds them", async () => {
    const { result } = await syncFromEmulator(db, emulator, { now: NOW });
    expect(result.status).toBe("succeeded");
    const computed = toRightsizingRows(await listContainerUsages(db), await getRightsizingSettings(db));
    expect(computed).toHaveLength(3);
    // Changed behind the sync's back (same run, same containers): only a read that computes now would see it.
    await db.sql.query("UPDATE k8s_container SET cpu_p95 = cpu_p95 * 10");
    expect((await getRightsizingContext(db)).allRows).toEqual(computed);
    // So does another copy of the modules in this process (the Next.js bundle has its own: the pages read there).
    vi.resetModules();
    const bundleCopy = await import("@/lib/rightsizing/read");
    expect(bundleCopy.getRightsizingContext).not.toBe(getRightsizingContext);
    expect((await bundleCopy.getRightsizingContext(db)).allRows).toEqual(computed);
    // Another process (a copy of the client: nothing in memory for it) computes them at its first read.
    expect((await getRightsizingContext({ ...db })).allRows).not.toEqual(computed);
  });

  it("keeps the previous snapshot when a run fails", async () => {
    await syncFromEmulator(db, emulator, { now: NOW });
    const before = await readSnapshot(db);
    // A run an hour later (its replicas would differ: 60 pod-buckets over 44) whose 12th answer, the
    // HPAs, is cut off after 11 good answers were folded in. "slow" with no delay passes answers through.
    emulator.faults.set([{ kind: "slow", delayMs: 0, times: 11 }, { kind: "truncated-body" }]);
    const failed = await syncFromEmulator(db, emulator, { now: new Date(NOW.getTime() + 3600_000) });
    expect(failed.result.status).toBe("failed");
    expect(failed.result.error).toMatch(
      /^datadog: Datadog query for kubernetes_state\.hpa\.max_replicas: the answer was cut off or is not valid JSON/,
    );
    expect(await readSnapshot(db)).toEqual(before);
  });
});
