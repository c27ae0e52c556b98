import { describe, expect, it } from "vitest";
import type { DemoClusters, DemoContainer, DemoPod, DemoWorkload } from "./clusters";
import {
  generateDemoClusters,
  getNonProductionRightsizingDate,
  getRequestsAt,
  listScenarioWorkloads,
  SAMPLE_SECONDS,
} from "./clusters";
import { countOomKills, createCpuSampler, createMemorySampler, hash32, MI } from "./clusters-usage";

const NOW = new Date("2026-11-26T00:00:00Z");
const DAY = 86400;
const demo = generateDemoClusters({ now: NOW });

const getWorkload = (key: string): DemoWorkload => {
  const workload = demo.workloads.find((w) => w.key === key);
  if (!workload) throw new Error(`no workload ${key}`);
  return workload;
};
const podsOf = (d: DemoClusters, w: DemoWorkload) => d.pods.filter((p) => p.workloadKey === w.key);
const mainContainer = (w: DemoWorkload) => w.containers[0]!;

/** Raw samples of one container over the last `days`, across all its pods (as the emulator serves them). */
function samplesOf(w: DemoWorkload, container: DemoContainer, metric: "cpu" | "memory", days = 14): number[] {
  const from = demo.nowSec - days * DAY;
  return podsOf(demo, w).flatMap((pod) => {
    const seed = hash32(pod.seed, container.seed);
    const sample =
      metric === "cpu"
        ? createCpuSampler(container.usage, seed)
        : createMemorySampler(container.usage, seed, pod.start);
    const values: number[] = [];
    for (let t = Math.max(pod.start, from); t < Math.min(pod.end, demo.nowSec + SAMPLE_SECONDS); t += SAMPLE_SECONDS)
      values.push(sample(t));
    return values;
  });
}
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;
const latestPod = (w: DemoWorkload): DemoPod => podsOf(demo, w).reduce((a, b) => (b.start > a.start ? b : a));

describe("generateDemoClusters", () => {
  it("is deterministic: same inputs, same company and same samples", () => {
    const again = generateDemoClusters({ now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
    const w = getWorkload("prod-us-east-1/platform/ingress-gateway");
    expect(samplesOf(w, mainContainer(w), "cpu")).toEqual(samplesOf(w, mainContainer(w), "cpu"));
    const other = generateDemoClusters({ now: NOW, seed: 7 });
    expect(other.workloads.map((x) => x.key)).not.toEqual(demo.workloads.map((x) => x.key));
  });

  it("has the demo company's clusters, teams and ~150 workloads at size 1", () => {
    expect(demo.clusters.map((c) => [c.name, c.environment])).toEqual([
      ["prod-us-east-1", "production"],
      ["staging-us-east-1", "staging"],
      ["dev-us-east-1", "development"],
    ]);
    expect(demo.workloads).toHaveLength(150);
    expect(new Set(demo.workloads.map((w) => w.team))).toEqual(
      new Set(["platform", "payments", "video", "data", "growth", "security", "support"]),
    );
    expect(new Set(demo.workloads.map((w) => w.kind))).toEqual(
      new Set(["Deployment", "StatefulSet", "DaemonSet", "CronJob"]),
    );
    for (const w of demo.workloads) expect(demo.namespaceTeams[w.namespace]).toBe(w.team);
    expect(new Set(demo.workloads.map((w) => w.key)).size).toBe(150);
  });

  it("scales to ~1,500 workloads and ~3,000 containers at size 10", () => {
    const big = generateDemoClusters({ now: NOW, size: 10 });
    expect(big.workloads).toHaveLength(1500);
    const containers = big.workloads.reduce((sum, w) => sum + w.containers.length, 0);
    expect(containers).toBeGreaterThan(2700);
    expect(containers).toBeLessThan(3300);
  });

  it("samples every 300 s over 30 days up to now", () => {
    expect(demo.nowSec).toBe(NOW.getTime() / 1000);
    expect(demo.historyStartSec).toBe(demo.nowSec - 30 * DAY);
    for (const pod of demo.pods) {
      expect(pod.start % SAMPLE_SECONDS).toBe(0);
      expect(pod.end).toBeGreaterThan(demo.historyStartSec);
    }
  });
});

describe("scenario mix", () => {
  it("has idle non-production services: CPU mostly 1–15m with rare visits, flat memory", () => {
    const w = getWorkload("staging-us-east-1/support/helpdesk-web");
    expect(w.scenarios).toContain("idle-non-production");
    const cpu = samplesOf(w, mainContainer(w), "cpu").map((n) => n / 1e6); // millicores
    expect(quantile(cpu, 0.5)).toBeGreaterThanOrEqual(0.5);
    expect(quantile(cpu, 0.5)).toBeLessThanOrEqual(15);
    expect(quantile(cpu, 0.95)).toBeLessThan(25); // below the idle rule's threshold
    expect(Math.max(...cpu)).toBeGreaterThan(25); // the occasional visit
    const memory = samplesOf(w, mainContainer(w), "memory");
    expect(Math.max(...memory) / Math.min(...memory)).toBeLessThan(1.05);
    expect(listScenarioWorkloads(demo)["idle-non-production"]!.length).toBeGreaterThan(30);
  });

  it("has over-provisioned production: most production app containers request over twice their CPU p95", () => {
    const prod = demo.workloads.filter(
      (w) => w.environment === "production" && w.scenarios.includes("over-provisioned"),
    );
    expect(prod.length).toBeGreaterThan(20);
    const ratios = prod.map(
      (w) => mainContainer(w).requests.cpuCores! / (quantile(samplesOf(w, mainContainer(w), "cpu", 3), 0.95) / 1e9),
    );
    expect(ratios.filter((r) => r > 2).length / ratios.length).toBeGreaterThan(0.8);
  });

  it("has under-provisioned workloads near their memory limit, above their requests", () => {
    const w = getWorkload("prod-us-east-1/growth/recommendations-api");
    const c = mainContainer(w);
    const peak = Math.max(...samplesOf(w, c, "memory"));
    expect(peak / c.limits.memoryBytes!).toBeGreaterThan(0.88);
    expect(peak).toBeLessThan(c.limits.memoryBytes!);
    expect(peak).toBeGreaterThan(c.requests.memoryBytes!);
    expect(quantile(samplesOf(w, c, "cpu"), 0.95) / 1e9).toBeGreaterThan(c.requests.cpuCores!);
  });

  it.each(["prod-us-east-1/video-jobs/transcode-worker", "staging-us-east-1/growth-jobs/email-campaigns-worker"])(
    "has OOM kills in the last 14 days: %s",
    (key) => {
      const w = getWorkload(key);
      const c = mainContainer(w);
      const pod = latestPod(w);
      expect(
        countOomKills(c.usage, pod.start, demo.nowSec) - countOomKills(c.usage, pod.start, demo.nowSec - 14 * DAY),
      ).toBeGreaterThan(0);
      expect(Math.max(...samplesOf(w, c, "memory")) / c.limits.memoryBytes!).toBeGreaterThan(0.95);
    },
  );

  it("has an HPA-scaled workload whose pods come and go with the load", () => {
    const w = getWorkload("prod-us-east-1/payments/checkout-api");
    expect(w.hpa).toEqual({ name: "checkout-api", minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 70 });
    const aliveAt = (t: number) => podsOf(demo, w).filter((p) => p.start <= t && t < p.end).length;
    const counts = Array.from({ length: 14 * 24 }, (_, h) => aliveAt(demo.nowSec - h * 3600));
    expect(Math.min(...counts)).toBe(3);
    expect(Math.max(...counts)).toBeGreaterThan(8);
  });

  it("renames a Deployment's pods at each rollout (per-pod series start and stop mid-window)", () => {
    const w = getWorkload("prod-us-east-1/platform/ingress-gateway");
    const pods = podsOf(demo, w);
    expect(new Set(pods.map((p) => p.replicaSet)).size).toBe(3); // the one before the window + 2 rollouts
    expect(pods).toHaveLength(18);
    expect(pods.filter((p) => p.start > demo.historyStartSec && p.end <= demo.nowSec)).toHaveLength(6);
    for (const p of pods) expect(p.name.startsWith(`${p.replicaSet}-`)).toBe(true);
    expect(w.scenarios).toContain("rollout");
  });

  it.each([
    ["young", "prod-us-east-1/security/audit-log-api"],
    ["young", "dev-us-east-1/support/chat-widget-api"],
    ["missing-env-tag", "prod-us-east-1/payments/fraud-scoring-api"],
    ["missing-env-tag", "staging-us-east-1/support/helpdesk-web"],
    ["unmapped-env-tag", "staging-us-east-1/growth/promo-codes-api"],
    ["missing-team-tag", "staging-us-east-1/data/feature-store"],
    ["container-without-requests", "staging-us-east-1/video/clip-editor-web"],
    ["multi-container", "prod-us-east-1/payments/checkout-api"],
    ["several-replicas", "prod-us-east-1/payments/ledger-db"],
    ["rightsized-before-window", "staging-us-east-1/payments/refunds-api"],
    ["batch", "prod-us-east-1/data-jobs/nightly-export"],
    ["daemonset", "prod-us-east-1/monitoring/log-collector"],
  ] as const)("has %s: %s", (scenario, key) => {
    expect(getWorkload(key).scenarios).toContain(scenario);
    expect(listScenarioWorkloads(demo)[scenario]).toContain(key);
  });

  it("tags most workloads with env and team, but not all", () => {
    const share = (pick: (w: DemoWorkload) => string | null) =>
      demo.workloads.filter((w) => pick(w) === null).length / demo.workloads.length;
    expect(share((w) => w.envTag)).toBeGreaterThan(0.03);
    expect(share((w) => w.envTag)).toBeLessThan(0.25);
    expect(share((w) => w.teamTag)).toBeGreaterThan(0.03);
    expect(share((w) => w.teamTag)).toBeLessThan(0.25);
  });

  it("young workloads have pods only since they were created", () => {
    const w = getWorkload("dev-us-east-1/support/chat-widget-api");
    expect(demo.nowSec - w.createdAt).toBe(1 * DAY);
    for (const p of podsOf(demo, w)) expect(p.start).toBeGreaterThanOrEqual(w.createdAt);
  });
});

describe("non-production rightsizing ~2 months ago", () => {
  it.each([
    ["2026-11-26", "2026-09-01"],
    ["2026-01-15", "2025-11-01"],
    ["2026-03-01", "2026-01-01"],
  ])("now %s → requests cut on %s", (now, expected) => {
    expect(
      getNonProductionRightsizingDate(new Date(`${now}T00:00:00Z`))
        .toISOString()
        .slice(0, 10),
    ).toBe(expected);
  });

  it("lowered the requests of non-production workloads of the teams that acted, not production", () => {
    const rightsized = demo.workloads.filter((w) => w.scenarios.includes("rightsized-before-window"));
    expect(rightsized.length).toBeGreaterThan(10);
    for (const w of rightsized) {
      expect(w.environment).not.toBe("production");
      expect(["platform", "payments", "data"]).toContain(w.team);
      const c = mainContainer(w);
      const before = getRequestsAt(c, demo.rightsizedAtSec - 1, demo.rightsizedAtSec);
      const after = getRequestsAt(c, demo.rightsizedAtSec, demo.rightsizedAtSec);
      expect(before.cpuCores! + before.memoryBytes! / MI).toBeGreaterThan(after.cpuCores! + after.memoryBytes! / MI);
    }
    // The idle ones got exactly the domain rule: 10m CPU.
    expect(mainContainer(getWorkload("staging-us-east-1/payments/refunds-api")).requests.cpuCores).toBe(0.01);
  });

  it("shows the cut inside the data when the history reaches back past it", () => {
    const long = generateDemoClusters({ now: NOW, historyDays: 100 });
    const w = long.workloads.find((x) => x.key === "staging-us-east-1/payments/refunds-api")!;
    const pods = long.pods.filter((p) => p.workloadKey === w.key);
    expect(pods.some((p) => p.start < long.rightsizedAtSec)).toBe(true);
    expect(pods.some((p) => p.start >= long.rightsizedAtSec)).toBe(true);
  });
});
