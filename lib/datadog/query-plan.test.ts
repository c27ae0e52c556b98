import { describe, expect, it } from "vitest";
import { chooseInterval, DEFAULT_METRIC_NAMES, MAX_POINTS_PER_SERIES, planQueries } from "./query-plan";

const NOW = new Date("2026-11-26T09:17:00Z");
const DAY = 86400;

describe("chooseInterval", () => {
  // Points counted with both ends: span / interval + 1 ≤ 1,500.
  it.each([
    [1, 300, 300], // 289 points
    [5, 300, 300], // 1,441 points
    [6, 300, 600], // 300 s would give 1,729 points; 600 s gives 865
    [14, 300, 900], // 600 s would give 2,017; 900 s gives 1,345
    [14, 3600, 3600], // 337
    [30, 300, 1800], // 1,441
    [62, 3600, 3600], // 1,489
    [63, 3600, 7200], // 3600 s would give 1,513
    [1000, 300, 86400], // 1,001 daily points
    [2000, 300, 2 * DAY], // daily would give 2,001 points
  ])("%i days, at least %i s → %i s", (days, min, expected) => {
    expect(chooseInterval(days * DAY, min)).toBe(expected);
  });

  it("never exceeds the points cap, for any window from 1 to 400 days", () => {
    for (let days = 1; days <= 400; days++) {
      for (const min of [300, 3600]) {
        const interval = chooseInterval(days * DAY, min);
        expect(interval).toBeGreaterThanOrEqual(min);
        expect((days * DAY) / interval + 1).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
      }
    }
  });
});

describe("planQueries", () => {
  const plan = planQueries({ now: NOW, windowDays: 14, teamTagKey: "team" });

  it("ends the window at the last whole hour before now and starts it 14 days earlier", () => {
    expect(new Date(plan.window.toSec * 1000).toISOString()).toBe("2026-11-26T09:00:00.000Z");
    expect(plan.window.toSec - plan.window.fromSec).toBe(14 * DAY);
    expect(plan.window).toMatchObject({ windowStart: "2026-11-12", windowDays: 14 });
    expect([plan.statsIntervalSeconds, plan.chartIntervalSeconds]).toEqual([900, 3600]);
  });

  it("asks one query per metric and rollup: 12 requests, whatever the clusters, workloads or pods", () => {
    expect(plan.queries.map((q) => q.id)).toEqual([
      "cpuAvg",
      "cpuMax",
      "memoryAvg",
      "memoryMax",
      "cpuRequest",
      "cpuLimit",
      "memoryRequest",
      "memoryLimit",
      "pods",
      "restarts",
      "oomKilled",
      "hpa",
    ]);
    // Never per pod: pods are merged by Datadog's space aggregation.
    for (const q of plan.queries) expect(q.query).not.toMatch(/pod_name|kube_replica_set|kube_job\b/);
  });

  it("writes the queries Datadog answers: replicas merged with max, then rolled up per interval", () => {
    const byId = Object.fromEntries(plan.queries.map((q) => [q.id, q.query]));
    const by =
      "by {kube_cluster_name,kube_namespace,kube_deployment,kube_stateful_set,kube_daemon_set,kube_cronjob,kube_container_name}";
    expect(byId.cpuAvg).toBe(`max:kubernetes.cpu.usage.total{*} ${by}.rollup(avg, 900)`);
    expect(byId.memoryMax).toBe(`max:kubernetes.memory.working_set{*} ${by}.rollup(max, 3600)`);
    expect(byId.pods).toBe(
      "sum:kubernetes.pods.running{*} by {kube_cluster_name,kube_namespace,kube_deployment,kube_stateful_set,kube_daemon_set,kube_cronjob,env,team}.rollup(avg, 900)",
    );
    expect(byId.oomKilled).toBe(
      `sum:kubernetes.containers.last_state.terminated{reason:oomkilled} ${by}.rollup(max, 3600)`,
    );
    expect(byId.hpa).toBe(
      "max:kubernetes_state.hpa.max_replicas{*} by {kube_cluster_name,kube_namespace,horizontalpodautoscaler}.rollup(max, 3600)",
    );
  });

  it("reads the pod count one day before the window too (to tell which workloads are older than it)", () => {
    const lookbacks = Object.fromEntries(plan.queries.map((q) => [q.id, q.lookbackSeconds]));
    expect(lookbacks).toMatchObject({ pods: DAY, cpuAvg: 0, memoryMax: 0, hpa: 0 });
    // 15 days at 900 s: 1,441 points, within the cap; with a 5-day window 300 s would not fit 6 days
    expect(plan.queries.find((q) => q.id === "pods")?.intervalSeconds).toBe(900);
    const short = planQueries({ now: NOW, windowDays: 5, teamTagKey: "team" });
    expect([short.statsIntervalSeconds, short.queries.find((q) => q.id === "pods")?.intervalSeconds]).toEqual([
      300, 600,
    ]);
  });

  it("states units per query: nanocores and cores to millicores, bytes as bytes", () => {
    const units = Object.fromEntries(plan.queries.map((q) => [q.id, q.values]));
    expect(units.cpuAvg).toEqual({ kind: "cpu", defaultScale: 1e-9 });
    expect(units.cpuRequest).toEqual({ kind: "cpu", defaultScale: 1 });
    expect(units.memoryLimit).toEqual({ kind: "memory", defaultScale: 1 });
    expect(units.pods).toEqual({ kind: "count" });
  });

  it("takes the team tag key from settings and other metric names when given", () => {
    const other = planQueries({
      now: NOW,
      windowDays: 30,
      teamTagKey: "owner",
      metrics: { cpuUsage: "container.cpu.usage" },
    });
    expect(other.queries.find((q) => q.id === "pods")?.query).toContain(",env,owner}");
    expect(other.queries.find((q) => q.id === "cpuAvg")?.query).toMatch(
      /^max:container\.cpu\.usage\{\*\}.*\.rollup\(avg, 1800\)$/,
    );
    expect(other.queries.find((q) => q.id === "memoryAvg")?.metric).toBe(DEFAULT_METRIC_NAMES.memoryWorkingSet);
  });

  it("takes the environment tag key from settings", () => {
    const plan = planQueries({ now: NOW, windowDays: 14, teamTagKey: "team", envTagKey: "stage" });
    const pods = plan.queries.find((q) => q.id === "pods")?.query;
    expect(pods).toContain(",stage,team}");
    expect(pods).not.toMatch(/[{,]env[,}]/);
  });

  it("does not group twice when the team tag key is env", () => {
    const same = planQueries({ now: NOW, windowDays: 14, teamTagKey: "env" });
    expect(same.queries.find((q) => q.id === "pods")?.query).toContain(",kube_cronjob,env}");
  });
});
