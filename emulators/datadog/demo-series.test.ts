import { v1, v2 } from "@datadog/datadog-api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatadogEmulator } from "./server";
import { startDatadogEmulator } from "./server";
import { createClientConfig, NOW, NOW_SEC } from "@/testing/datadog-client";

const DAY = 86400;
let emu: DatadogEmulator;
beforeAll(async () => {
  emu = await startDatadogEmulator({ now: NOW });
});
afterAll(() => emu.close());

const v1Query = (query: string, days = 14) =>
  new v1.MetricsApi(createClientConfig(emu.url).configuration).queryMetrics({
    from: NOW_SEC - days * DAY,
    to: NOW_SEC,
    query,
  });

describe("the demo company through the real client", () => {
  it("tags container series like the Datadog Agent does", async () => {
    const keys =
      "kube_cluster_name,cluster_name,kube_namespace,kube_deployment,kube_replica_set,kube_ownerref_kind,kube_ownerref_name,pod_name,kube_container_name,env,team";
    const answer = await v1Query(
      `avg:kubernetes.cpu.usage.total{kube_deployment:helpdesk-api} by {${keys}}.rollup(avg, 3600)`,
      1,
    );
    const tagSets = (answer.series ?? []).map((s) =>
      Object.fromEntries(s.tagSet!.map((t) => t.split(":") as [string, string])),
    );
    expect(tagSets.length).toBe(4); // 2 replicas × (app + istio-proxy)
    for (const tags of tagSets) {
      expect(tags).toMatchObject({
        kube_cluster_name: "prod-us-east-1",
        cluster_name: "prod-us-east-1",
        kube_namespace: "support",
        kube_deployment: "helpdesk-api",
        kube_ownerref_kind: "replicaset",
        env: "prod",
        team: "support",
      });
      expect(tags.pod_name!.startsWith(`${tags.kube_replica_set}-`)).toBe(true);
      expect(tags.kube_ownerref_name).toBe(tags.kube_replica_set);
    }
    expect(new Set(tagSets.map((t) => t.kube_container_name))).toEqual(new Set(["helpdesk-api", "istio-proxy"]));
    expect(answer.series?.[0]?.unit?.[0]?.name).toBe("nanocore");
  });

  it("leaves env out where the workload has no env tag (grouped as env:N/A)", async () => {
    const answer = await v1Query(
      "max:kubernetes.memory.requests{kube_cluster_name:prod-us-east-1} by {env}.rollup(max, 86400)",
      1,
    );
    expect(answer.series?.map((s) => s.tagSet?.[0]).sort()).toEqual(["env:N/A", "env:prod", "env:production"]);
  });

  it("reports OOM kills with kubernetes.containers.last_state.terminated{reason:oomkilled}", async () => {
    const answer = await v1Query(
      "max:kubernetes.containers.last_state.terminated{reason:oomkilled} by {kube_cluster_name,kube_namespace,kube_deployment}.rollup(max, 86400)",
    );
    const keys = (answer.series ?? []).map((s) => s.tagSet!.join(","));
    expect(keys).toContain(
      "kube_cluster_name:prod-us-east-1,kube_deployment:transcode-worker,kube_namespace:video-jobs",
    );
    expect(keys).toContain(
      "kube_cluster_name:staging-us-east-1,kube_deployment:email-campaigns-worker,kube_namespace:growth-jobs",
    );
    const restarts = await v1Query(
      "max:kubernetes.containers.restarts{kube_deployment:transcode-worker,kube_container_name:transcode-worker}.rollup(max, 86400)",
    );
    expect(Math.max(...restarts.series![0]!.pointlist!.map((p) => p[1]))).toBeGreaterThan(0);
  });

  it("serves the HPA's metrics, named after its target, through v2", async () => {
    const answer = await new v2.MetricsApi(createClientConfig(emu.url).configuration).queryTimeseriesData({
      body: {
        data: {
          type: "timeseries_request",
          attributes: {
            from: (NOW_SEC - 7 * DAY) * 1000,
            to: NOW_SEC * 1000,
            interval: 3600_000,
            queries: [
              {
                dataSource: "metrics",
                query:
                  "max:kubernetes_state.hpa.desired_replicas{*} by {kube_cluster_name,kube_namespace,horizontalpodautoscaler}",
                name: "desired",
              },
              {
                dataSource: "metrics",
                query:
                  "max:kubernetes_state.hpa.spec_target_metric{*} by {horizontalpodautoscaler,metric_name,metric_target_type}",
                name: "target",
              },
            ],
            formulas: [{ formula: "desired" }, { formula: "target" }],
          },
        },
      },
    });
    const attributes = answer.data!.attributes!;
    expect(attributes.series!.map((s) => s.groupTags)).toEqual([
      ["horizontalpodautoscaler:checkout-api", "kube_cluster_name:prod-us-east-1", "kube_namespace:payments"],
      ["horizontalpodautoscaler:checkout-api", "metric_name:cpu", "metric_target_type:utilization"],
    ]);
    const desired = attributes.values![0]!.filter((v): v is number => v !== null);
    expect(Math.min(...desired)).toBe(3);
    expect(Math.max(...desired)).toBeGreaterThan(8);
    expect(new Set(attributes.values![1])).toEqual(new Set([70]));
  });

  it("changes pod_name at each rollout: per-pod series start and stop inside the window", async () => {
    const answer = await v1Query(
      "sum:kubernetes.pods.running{kube_deployment:ingress-gateway} by {pod_name,kube_replica_set}.rollup(max, 3600)",
      30,
    );
    const series = answer.series ?? [];
    expect(series).toHaveLength(18);
    expect(new Set(series.map((s) => s.tagSet!.find((t) => t.startsWith("kube_replica_set:"))))).toHaveProperty(
      "size",
      3,
    );
    const windowStart = (NOW_SEC - 30 * DAY) * 1000;
    expect(series.filter((s) => s.start! > windowStart && s.end! < NOW_SEC * 1000)).toHaveLength(6);
  });

  it("raises a too-fine interval so no series exceeds 1,500 points", async () => {
    const answer = await v1Query(
      "avg:kubernetes.cpu.usage.total{kube_stateful_set:ledger-db} by {pod_name}.rollup(avg, 300)",
      14,
    );
    expect(answer.series).toHaveLength(3);
    for (const s of answer.series ?? []) {
      expect(s.interval).toBe(900);
      expect(s.pointlist!.length).toBeLessThanOrEqual(1500);
      expect(s.pointlist![1]![0] - s.pointlist![0]![0]).toBe(900_000);
    }
    const fits = await v1Query("avg:kubernetes.cpu.usage.total{kube_stateful_set:ledger-db}.rollup(avg, 300)", 5);
    expect(fits.series?.[0]?.interval).toBe(300);
  });

  it("answers requests only for containers that set them", async () => {
    const answer = await v1Query(
      "max:kubernetes.memory.requests{kube_deployment:clip-editor-web} by {kube_container_name}.rollup(max, 86400)",
      1,
    );
    expect(answer.series?.map((s) => s.tagSet)).toEqual([["kube_container_name:clip-editor-web"]]);
    const usage = await v1Query(
      "max:kubernetes.memory.working_set{kube_deployment:clip-editor-web} by {kube_container_name}.rollup(max, 86400)",
      1,
    );
    expect(usage.series?.map((s) => s.tagSet)).toEqual([
      ["kube_container_name:clip-editor-web"],
      ["kube_container_name:log-shipper"],
    ]);
  });
});
