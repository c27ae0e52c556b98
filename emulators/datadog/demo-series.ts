// The demo company's clusters as Datadog source series: one series per pod × container (kubelet
// metrics), per pod (`kubernetes.pods.running`), per workload (kube-state-metrics) and per HPA, with
// the tags the Datadog Agent puts on them. Samples are computed on demand, never stored.
import type { DemoClusters, DemoContainer, DemoPod, DemoWorkload } from "@/emulators/demo/clusters";
import { getRequestsAt, SAMPLE_SECONDS } from "@/emulators/demo/clusters";
import type { Sampler } from "@/emulators/demo/clusters-usage";
import {
  countOomKills,
  createCpuSampler,
  createMemorySampler,
  getAutoscaledReplicas,
  getFirstOomKill,
  hash32,
} from "@/emulators/demo/clusters-usage";
import type { SeriesStore, SourceSeries, Tags } from "./series-store";
import { getMetricUnit } from "./units";

type Instance = {
  workload: DemoWorkload;
  pod: DemoPod;
  container: DemoContainer;
  tags: Tags;
  start: number;
  end: number;
};
type Context = {
  demo: DemoClusters;
  instances: Instance[];
  pods: { pod: DemoPod; workload: DemoWorkload; tags: Tags; start: number; end: number }[];
};

const NOT_SET = NaN;

export function createDemoStore(demo: DemoClusters): SeriesStore {
  let context: Context | null = null;
  const cache = new Map<string, SourceSeries[]>();
  return {
    listSeries(metric) {
      const cached = cache.get(metric);
      if (cached) return cached;
      context ??= buildContext(demo);
      const series = buildSeries(context, metric);
      cache.set(metric, series);
      return series;
    },
    getUnit: (metric) => getMetricUnit(metric),
  };
}

function buildContext(demo: DemoClusters): Context {
  const workloads = new Map(demo.workloads.map((w) => [w.key, w]));
  const alive = demo.nowSec + SAMPLE_SECONDS;
  const pods = demo.pods.map((pod) => {
    const workload = workloads.get(pod.workloadKey)!;
    return {
      pod,
      workload,
      tags: getPodTags(workload, pod),
      start: Math.max(pod.start, demo.historyStartSec),
      end: Math.min(pod.end, alive),
    };
  });
  const instances = pods.flatMap(({ pod, workload, tags, start, end }) =>
    workload.containers.map((container) => ({
      workload,
      pod,
      container,
      tags: { ...tags, kube_container_name: container.name },
      start,
      end,
    })),
  );
  return { demo, instances, pods };
}

function getWorkloadTags(w: DemoWorkload): Record<string, string> {
  const tags: Record<string, string> = {
    kube_cluster_name: w.cluster,
    cluster_name: w.cluster,
    kube_namespace: w.namespace,
  };
  if (w.envTag !== null) tags.env = w.envTag;
  if (w.teamTag !== null) tags.team = w.teamTag;
  return tags;
}

/** Tags the Agent derives from the pod's owner references (kube_ownerref_kind is lowercase). */
function getPodTags(w: DemoWorkload, pod: DemoPod): Tags {
  const tags = { ...getWorkloadTags(w), pod_name: pod.name };
  switch (w.kind) {
    case "Deployment":
      return {
        ...tags,
        kube_deployment: w.name,
        kube_replica_set: pod.replicaSet ?? w.name,
        kube_ownerref_kind: "replicaset",
        kube_ownerref_name: pod.replicaSet ?? w.name,
      };
    case "StatefulSet":
      return { ...tags, kube_stateful_set: w.name, kube_ownerref_kind: "statefulset", kube_ownerref_name: w.name };
    case "DaemonSet":
      return { ...tags, kube_daemon_set: w.name, kube_ownerref_kind: "daemonset", kube_ownerref_name: w.name };
    case "CronJob":
      return {
        ...tags,
        kube_cronjob: w.name,
        kube_job: pod.job ?? w.name,
        kube_ownerref_kind: "job",
        kube_ownerref_name: pod.job ?? w.name,
      };
  }
}

/** A series sampled every 300 s in [start, end); samplers return NaN where the value is not set. */
function sampled(tags: Tags, start: number, end: number, sampler: Sampler): SourceSeries {
  return {
    tags,
    read(fromSec, toSec, visit) {
      const last = Math.min(end - SAMPLE_SECONDS, toSec);
      for (
        let t = Math.max(start, Math.ceil(fromSec / SAMPLE_SECONDS) * SAMPLE_SECONDS);
        t <= last;
        t += SAMPLE_SECONDS
      ) {
        const value = sampler(t);
        if (value === value) visit(t, value);
      }
    },
  };
}

type ResourceField = "cpuCores" | "memoryBytes";
function resourceSeries(ctx: Context, requests: boolean, field: ResourceField): SourceSeries[] {
  const { rightsizedAtSec } = ctx.demo;
  return ctx.instances.flatMap((i) => {
    const c = i.container;
    const valueAt = requests
      ? (t: number) => getRequestsAt(c, t, rightsizedAtSec)[field] ?? NOT_SET
      : () => c.limits[field] ?? NOT_SET;
    const isEverSet = requests
      ? c.requests[field] !== null || c.requestsBeforeRightsizing?.[field] != null
      : c.limits[field] !== null;
    return isEverSet ? [sampled(i.tags, i.start, i.end, valueAt)] : [];
  });
}

function workloadSeries(ctx: Context, kind: DemoWorkload["kind"], tagKey: string): SourceSeries[] {
  return ctx.demo.workloads
    .filter((w) => w.kind === kind)
    .map((w) => {
      const valueAt = w.hpa
        ? (t: number) => getAutoscaledReplicas(t, w.hpa!.minReplicas, w.hpa!.maxReplicas)
        : () => w.replicas;
      const tags: Record<string, string> = {
        kube_cluster_name: w.cluster,
        cluster_name: w.cluster,
        kube_namespace: w.namespace,
        [tagKey]: w.name,
      };
      if (w.envTag !== null) tags.env = w.envTag;
      return sampled(tags, Math.max(w.createdAt, ctx.demo.historyStartSec), ctx.demo.nowSec + SAMPLE_SECONDS, valueAt);
    });
}

function hpaSeries(
  ctx: Context,
  valueOf: (hpa: NonNullable<DemoWorkload["hpa"]>, t: number) => number,
  extraTags: Tags = {},
): SourceSeries[] {
  return ctx.demo.workloads.flatMap((w) => {
    if (!w.hpa) return [];
    const hpa = w.hpa;
    const tags = {
      kube_cluster_name: w.cluster,
      cluster_name: w.cluster,
      kube_namespace: w.namespace,
      horizontalpodautoscaler: hpa.name,
      ...extraTags,
    };
    return [
      sampled(tags, Math.max(w.createdAt, ctx.demo.historyStartSec), ctx.demo.nowSec + SAMPLE_SECONDS, (t) =>
        valueOf(hpa, t),
      ),
    ];
  });
}

function buildSeries(ctx: Context, metric: string): SourceSeries[] {
  const seedOf = (i: Instance) => hash32(i.pod.seed, i.container.seed);
  switch (metric) {
    case "kubernetes.cpu.usage.total":
      return ctx.instances.map((i) => sampled(i.tags, i.start, i.end, createCpuSampler(i.container.usage, seedOf(i))));
    case "kubernetes.memory.working_set":
      return ctx.instances.map((i) =>
        sampled(i.tags, i.start, i.end, createMemorySampler(i.container.usage, seedOf(i), i.pod.start)),
      );
    case "kubernetes.memory.usage":
      return ctx.instances.map((i) => {
        const workingSet = createMemorySampler(i.container.usage, seedOf(i), i.pod.start);
        return sampled(i.tags, i.start, i.end, (t) => workingSet(t) * 1.12); // + page cache
      });
    case "kubernetes.cpu.requests":
      return resourceSeries(ctx, true, "cpuCores");
    case "kubernetes.cpu.limits":
      return resourceSeries(ctx, false, "cpuCores");
    case "kubernetes.memory.requests":
      return resourceSeries(ctx, true, "memoryBytes");
    case "kubernetes.memory.limits":
      return resourceSeries(ctx, false, "memoryBytes");
    case "kubernetes.containers.restarts":
      return ctx.instances.map((i) =>
        sampled(i.tags, i.start, i.end, (t) => countOomKills(i.container.usage, i.pod.start, t)),
      );
    case "kubernetes.containers.last_state.terminated":
      return ctx.instances.flatMap((i) => {
        const firstKill = getFirstOomKill(i.container.usage, i.pod.start);
        if (firstKill === null) return [];
        const start = Math.max(i.start, Math.ceil(firstKill / SAMPLE_SECONDS) * SAMPLE_SECONDS);
        return start < i.end ? [sampled({ ...i.tags, reason: "oomkilled" }, start, i.end, () => 1)] : [];
      });
    case "kubernetes.pods.running":
      return ctx.pods.map((p) => sampled(p.tags, p.start, p.end, () => 1));
    case "kubernetes_state.deployment.replicas_desired":
    case "kubernetes_state.deployment.replicas_available":
      return workloadSeries(ctx, "Deployment", "kube_deployment");
    case "kubernetes_state.statefulset.replicas_desired":
    case "kubernetes_state.statefulset.replicas_ready":
      return workloadSeries(ctx, "StatefulSet", "kube_stateful_set");
    case "kubernetes_state.daemonset.desired":
    case "kubernetes_state.daemonset.ready":
      return workloadSeries(ctx, "DaemonSet", "kube_daemon_set");
    case "kubernetes_state.hpa.desired_replicas":
      return hpaSeries(ctx, (h, t) => getAutoscaledReplicas(t, h.minReplicas, h.maxReplicas));
    case "kubernetes_state.hpa.current_replicas":
      // The HPA's current count trails its decision by a few minutes.
      return hpaSeries(ctx, (h, t) => getAutoscaledReplicas(t - SAMPLE_SECONDS, h.minReplicas, h.maxReplicas));
    case "kubernetes_state.hpa.min_replicas":
      return hpaSeries(ctx, (h) => h.minReplicas);
    case "kubernetes_state.hpa.max_replicas":
      return hpaSeries(ctx, (h) => h.maxReplicas);
    case "kubernetes_state.hpa.spec_target_metric":
      return hpaSeries(ctx, (h) => h.targetCpuUtilization, { metric_name: "cpu", metric_target_type: "utilization" });
    default:
      return [];
  }
}
