// The demo company's clusters through the real client and the Datadog emulator: every workload ends up
// with statistics and a recommendation (or a stated reason for none), and the number of requests does
// not grow with the number of workloads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { containerUsageSchema, defaultRightsizingSettings, recommendRequests } from "@/lib/rightsizing";
import type { ContainerUsage } from "@/lib/rightsizing";
import { listContainerUsages } from "@/lib/rightsizing/read";
import { startDatadogEmulator } from "@/emulators/datadog/server";
import type { DatadogEmulator } from "@/emulators/datadog/server";
import { syncFromEmulator } from "@/testing/datadog";

const NOW = new Date("2026-11-26T09:17:00Z");
const keyOf = (u: Pick<ContainerUsage, "cluster" | "namespace" | "workloadKind" | "workload">) =>
  `${u.cluster}/${u.namespace}/${u.workloadKind}/${u.workload}`;

describe.each(testDatabases())("demo clusters → Datadog sync on $name", ({ create }) => {
  let db: TestDb;
  let emulator: DatadogEmulator;
  let usages: ContainerUsage[];
  let requests: number | undefined;
  beforeAll(async () => {
    db = await create();
    emulator = await startDatadogEmulator({ now: NOW, size: 1 });
    const { result } = await syncFromEmulator(db, emulator, { now: NOW });
    expect(result.error).toBeNull();
    requests = result.sources.datadog?.requests;
    usages = await listContainerUsages(db);
  });
  afterAll(async () => {
    await emulator.close();
    await db.drop();
  });
  const find = (workload: string, container = workload) =>
    usages.find((u) => u.workload === workload && u.container === container)!;

  it("gives every demo workload and every container statistics that the rightsizing engine accepts", () => {
    const demo = emulator.demo!;
    expect(new Set(usages.map(keyOf))).toEqual(
      new Set(demo.workloads.map((w) => keyOf({ ...w, workloadKind: w.kind, workload: w.name }))),
    );
    expect(usages).toHaveLength(demo.workloads.reduce((n, w) => n + w.containers.length, 0));
    for (const usage of usages) expect(containerUsageSchema.parse(usage)).toEqual(usage);
  });

  it("gives each container a recommendation, or no recommendation with the reason", () => {
    const withoutRecommendation: string[] = [];
    for (const usage of usages) {
      const rec = recommendRequests(usage, defaultRightsizingSettings);
      expect(rec.reason).not.toBe("");
      if (rec.recommended === null) {
        expect(rec.reason).toMatch(/^insufficient data: [\d.]+ days? of samples, at least 3 needed/);
        withoutRecommendation.push(`${usage.workload}/${usage.container}`);
      }
    }
    // Only workloads with under 3 days of samples: the young ones and the nightly CronJob (~40 min a day).
    for (const name of withoutRecommendation)
      expect(name).toMatch(/^(nightly-export|vuln-scanner|chat-widget-api|[a-z-]+)\//);
    expect(withoutRecommendation).toContain("nightly-export/nightly-export");
    expect(withoutRecommendation.length).toBeLessThan(usages.length / 10);
  });

  it("carries the scenarios of the demo company through", () => {
    expect(find("checkout-api")).toMatchObject({ hasHpa: true, workloadKind: "Deployment" });
    expect(find("transcode-worker").oomKills).toBeGreaterThan(0);
    expect(find("transcode-worker").oomKills).toBe(find("transcode-worker").restarts); // its restarts are all OOM kills
    // 6 replicas; the rollout 6 days ago ran old and new pods side by side for one 900 s bucket:
    // (1,344 buckets × 6 + 6) / 1,344 = 6.0045
    expect(find("ingress-gateway")).toMatchObject({ replicas: 6.0045, oomKills: 0, hasHpa: false, dataDays: 14 });
    expect(find("audit-log-api").firstSeen > find("audit-log-api").windowStart).toBe(true); // 3 days old: young
    expect(find("helpdesk-web").envTag).toBeNull();
    expect(find("promo-codes-api").envTag).toBe("stg");
    expect(find("clip-editor-web", "log-shipper").requests).toEqual({ cpu: null, memory: null });
    const prodAgent = usages.find((u) => u.cluster === "prod-us-east-1" && u.workload === "log-collector")!;
    expect(prodAgent).toMatchObject({ workloadKind: "DaemonSet", replicas: 8, teamTag: null }); // one pod per node
    const nightly = find("nightly-export");
    expect(nightly.replicas).toBeGreaterThan(0);
    expect(nightly.replicas).toBeLessThan(0.1); // one ~40-minute pod a day, time-weighted
  });

  it("makes as many requests for twice the workloads", async () => {
    expect(requests).toBe(12);
    const bigger = await startDatadogEmulator({ now: NOW, size: 2 });
    try {
      const { result } = await syncFromEmulator(db, bigger, { now: NOW });
      expect(result.sources.datadog?.requests).toBe(12);
      expect(new Set((await listContainerUsages(db)).map(keyOf)).size).toBe(bigger.demo!.workloads.length);
      expect(bigger.demo!.workloads.length).toBeGreaterThanOrEqual(2 * 150);
    } finally {
      await bigger.close();
    }
  });
});
