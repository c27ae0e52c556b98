// Datadog answers → one ContainerUsage per container (lib/rightsizing's input) and its hourly series.
// Each answer is folded into small per-container accumulators as soon as it arrives, so only one raw
// answer is held at a time. Pure: no I/O.
import type { ContainerUsage } from "@/lib/rightsizing";
import type { PlannedQuery, QueryId, QueryPlan } from "./query-plan";
import { CLUSTER_TAG, CONTAINER_TAG, DEFAULT_ENV_TAG, HPA_TAG, NAMESPACE_TAG, WORKLOAD_KIND_TAGS } from "./query-plan";
import type { Series, Timeseries } from "./reshape";
import type { Distribution } from "./statistics";
import {
  countOomKills,
  foldIntoSlots,
  lastOf,
  maxOf,
  sumIncreases,
  timeWeightedMean,
  toDistribution,
} from "./statistics";
import { toUtcDay } from "./time";

/** Datadog's value for a group-by tag that a series does not carry. */
export const MISSING_TAG = "N/A";

export type ContainerKey = Pick<ContainerUsage, "cluster" | "namespace" | "workloadKind" | "workload" | "container">;
/** Per chart slot (an hour with the default 14-day window) of the window; NaN = no data. Per replica. */
export type ContainerHours = {
  cpuAvg: Float64Array;
  cpuMax: Float64Array;
  memoryAvg: Float64Array;
  memoryMax: Float64Array;
};
export type BuiltUsage = {
  usages: ContainerUsage[];
  /** Parallel to `usages`. */
  hours: ContainerHours[];
  slotSeconds: number;
  workloads: number;
  notes: string[];
};

type Gauge = { times: Float64Array; values: Float64Array };
type ContainerAcc = {
  key: ContainerKey;
  workloadKey: string;
  cpu: Distribution | null;
  cpuIntervalSeconds: number;
  cpuFirstSec: number | null;
  cpuPeak: number | null;
  memory: Distribution | null;
  memoryFirstSec: number | null;
  memoryPeak: number | null;
  cpuRequest: number | null;
  cpuLimit: number | null;
  memoryRequest: number | null;
  memoryLimit: number | null;
  restarts: Gauge | null;
  oomKilled: Gauge | null;
  hours: ContainerHours;
};
type WorkloadAcc = { replicas: number; envTag: string | null; teamTag: string | null; firstSeenSec: number | null };

const join = (...parts: string[]) => parts.join("\u0000");
const tagValue = (tags: Record<string, string>, key: string) => {
  const value = tags[key];
  return value === undefined || value === MISSING_TAG || value === "" ? null : value;
};

/** Cluster, namespace and workload of a series' group tags; null for a pod without a known owner. */
export function toWorkloadIdentity(tags: Record<string, string>) {
  const kindTag = Object.keys(WORKLOAD_KIND_TAGS).find((tag) => tagValue(tags, tag) !== null);
  const namespace = tagValue(tags, NAMESPACE_TAG);
  if (!kindTag || !namespace) return null;
  return {
    cluster: tagValue(tags, CLUSTER_TAG) ?? "(no cluster name)",
    namespace,
    workloadKind: WORKLOAD_KIND_TAGS[kindTag]!,
    workload: tags[kindTag]!,
  };
}

export function createUsageBuilder(plan: QueryPlan, teamTagKey: string, envTagKey = DEFAULT_ENV_TAG) {
  const { fromSec, toSec } = plan.window;
  const slotSeconds = plan.chartIntervalSeconds;
  const slots = Math.round((toSec - fromSec) / slotSeconds);
  const containers = new Map<string, ContainerAcc>();
  const workloads = new Map<string, WorkloadAcc>();
  const hpas = new Set<string>();
  let unowned = 0;

  const getContainer = (tags: Record<string, string>): ContainerAcc | null => {
    const w = toWorkloadIdentity(tags);
    const container = tagValue(tags, CONTAINER_TAG);
    if (!w || !container) return null; // callers group by containerId first, so this does not happen
    const workloadKey = join(w.cluster, w.namespace, w.workloadKind, w.workload);
    const id = join(workloadKey, container);
    let acc = containers.get(id);
    if (!acc) {
      const empty = () => new Float64Array(slots).fill(NaN);
      acc = {
        key: { ...w, container },
        workloadKey,
        cpu: null,
        cpuIntervalSeconds: plan.statsIntervalSeconds,
        cpuFirstSec: null,
        cpuPeak: null,
        memory: null,
        memoryFirstSec: null,
        memoryPeak: null,
        cpuRequest: null,
        cpuLimit: null,
        memoryRequest: null,
        memoryLimit: null,
        restarts: null,
        oomKilled: null,
        hours: { cpuAvg: empty(), cpuMax: empty(), memoryAvg: empty(), memoryMax: empty() },
      };
      containers.set(id, acc);
    }
    return acc;
  };

  const foldContainer = (id: QueryId, acc: ContainerAcc, ts: Timeseries, values: Float64Array) => {
    const fold = (target: Float64Array, how: "avg" | "max") =>
      foldIntoSlots(target, ts.times, values, fromSec, slotSeconds, how);
    switch (id) {
      case "cpuAvg":
        acc.cpu = toDistribution(values);
        acc.cpuIntervalSeconds = ts.intervalSeconds;
        acc.cpuFirstSec = acc.cpu ? ts.times[acc.cpu.firstIndex]! : null;
        return fold(acc.hours.cpuAvg, "avg");
      case "cpuMax":
        acc.cpuPeak = maxOf(values);
        return fold(acc.hours.cpuMax, "max");
      case "memoryAvg":
        acc.memory = toDistribution(values);
        acc.memoryFirstSec = acc.memory ? ts.times[acc.memory.firstIndex]! : null;
        return fold(acc.hours.memoryAvg, "avg");
      case "memoryMax":
        acc.memoryPeak = maxOf(values);
        return fold(acc.hours.memoryMax, "max");
      case "cpuRequest":
        acc.cpuRequest = lastOf(values);
        return;
      case "cpuLimit":
        acc.cpuLimit = lastOf(values);
        return;
      case "memoryRequest":
        acc.memoryRequest = lastOf(values);
        return;
      case "memoryLimit":
        acc.memoryLimit = lastOf(values);
        return;
      // Copies: the answer's rows may be overwritten by the next answer read (reshape.ts, RowBuffer).
      case "restarts":
        acc.restarts = { times: ts.times, values: values.slice() };
        return;
      case "oomKilled":
        acc.oomKilled = { times: ts.times, values: values.slice() };
        return;
    }
  };

  return {
    /** Folds one answer in; keeps no reference to its rows, so they can be dropped or overwritten afterwards. */
    add(query: PlannedQuery, ts: Timeseries): void {
      if (query.id === "hpa") {
        for (const s of ts.series) {
          const [cluster, namespace, name] = [
            tagValue(s.tags, CLUSTER_TAG),
            tagValue(s.tags, NAMESPACE_TAG),
            tagValue(s.tags, HPA_TAG),
          ];
          if (cluster && namespace && name && maxOf(s.values) !== null) hpas.add(join(cluster, namespace, name));
        }
        return;
      }
      if (query.id === "pods") {
        for (const [key, group] of groupSeries(ts.series, (tags) => {
          const w = toWorkloadIdentity(tags);
          return w ? join(w.cluster, w.namespace, w.workloadKind, w.workload) : null;
        })) {
          const merged = mergeValues(
            group.map((s) => s.values),
            "sum",
          );
          // env/team of the series seen last, should a workload's tags have changed in the window.
          const latest = group.map((s) => ({ s, last: lastIndex(s.values) })).sort((a, b) => b.last - a.last)[0]!.s;
          const first = merged.findIndex((v) => v === v);
          const inWindow = ts.times.findIndex((t) => t >= fromSec); // the buckets before are the lookback
          const start = inWindow < 0 ? ts.times.length : inWindow;
          workloads.set(key, {
            replicas: timeWeightedMean(ts.times.subarray(start), merged.subarray(start), ts.intervalSeconds, toSec),
            firstSeenSec: first < 0 ? null : ts.times[first]!,
            envTag: tagValue(latest.tags, envTagKey),
            teamTag: tagValue(latest.tags, teamTagKey),
          });
        }
        return;
      }
      for (const group of groupSeries(ts.series, containerId).values()) {
        const acc = getContainer(group[0]!.tags)!;
        foldContainer(
          query.id,
          acc,
          ts,
          mergeValues(
            group.map((s) => s.values),
            query.merge,
          ),
        );
      }
      if (query.id === "cpuAvg") unowned = ts.series.filter((s) => containerId(s.tags) === null).length;
    },

    finish(): BuiltUsage {
      const usages: ContainerUsage[] = [];
      const hours: ContainerHours[] = [];
      let withoutUsage = 0;
      let withoutPods = 0;
      const ordered = [...containers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [, acc] of ordered) {
        const usageFirstSec = acc.cpuFirstSec ?? acc.memoryFirstSec;
        if (usageFirstSec === null) {
          withoutUsage++;
          continue;
        }
        const workload = workloads.get(acc.workloadKey);
        // Pods seen the day before the window mean the workload is older than the window.
        const firstSec = Math.min(usageFirstSec, workload?.firstSeenSec ?? Infinity);
        if (!workload) withoutPods++;
        const cpu = acc.cpu;
        const samples = cpu?.samples ?? 0;
        const hpaTarget =
          ["Deployment", "StatefulSet"].includes(acc.key.workloadKind) &&
          hpas.has(join(acc.key.cluster, acc.key.namespace, acc.key.workload));
        usages.push({
          ...acc.key,
          envTag: workload?.envTag ?? null,
          teamTag: workload?.teamTag ?? null,
          replicas: workload ? round(workload.replicas, 4) : 1,
          cpu: {
            p50: cpu?.p50 ?? 0,
            p95: cpu?.p95 ?? 0,
            p99: cpu?.p99 ?? 0,
            max: Math.max(acc.cpuPeak ?? 0, cpu?.max ?? 0),
          },
          cpuSamples: samples,
          memory: { idle: acc.memory?.p50 ?? 0, peak: Math.max(acc.memoryPeak ?? 0, acc.memory?.max ?? 0) },
          requests: { cpu: acc.cpuRequest, memory: acc.memoryRequest },
          limits: { cpu: acc.cpuLimit, memory: acc.memoryLimit },
          oomKills: countOomKills(acc.restarts, acc.oomKilled, fromSec),
          restarts: acc.restarts ? Math.round(sumIncreases(acc.restarts.times, acc.restarts.values, fromSec)) : 0,
          hasHpa: hpaTarget,
          firstSeen: toUtcDay(firstSec),
          dataDays: round((samples * acc.cpuIntervalSeconds) / 86400, 4),
          windowStart: plan.window.windowStart,
          windowDays: plan.window.windowDays,
        });
        hours.push(acc.hours);
      }
      const notes: string[] = [];
      if (unowned > 0) notes.push(`${unowned} series without a workload tag (bare pods, plain Jobs) were left out`);
      if (withoutUsage > 0)
        notes.push(`${withoutUsage} containers with requests but no usage in the window were left out`);
      if (withoutPods > 0)
        notes.push(
          `${withoutPods} containers had no pod count (no running-pods series for their workload): replicas counted as 1, env and team tags unknown`,
        );
      return {
        usages,
        hours,
        slotSeconds,
        workloads: new Set(usages.map((u) => join(u.cluster, u.namespace, u.workloadKind, u.workload))).size,
        notes,
      };
    },
  };
}

function containerId(tags: Record<string, string>): string | null {
  const w = toWorkloadIdentity(tags);
  const container = tagValue(tags, CONTAINER_TAG);
  return w && container ? join(w.cluster, w.namespace, w.workloadKind, w.workload, container) : null;
}

function groupSeries(series: Series[], keyOf: (tags: Record<string, string>) => string | null): Map<string, Series[]> {
  const groups = new Map<string, Series[]>();
  for (const s of series) {
    const key = keyOf(s.tags);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return groups;
}

/** Several series for one key (should Datadog split a group): merged per bucket, NaN = no data. */
export function mergeValues(rows: Float64Array[], how: "max" | "sum"): Float64Array {
  if (rows.length === 1) return rows[0]!;
  const out = new Float64Array(rows[0]!.length).fill(NaN);
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i]!;
      if (v !== v) continue;
      const current = out[i]!;
      out[i] = current !== current ? v : how === "max" ? Math.max(current, v) : current + v;
    }
  }
  return out;
}

function lastIndex(values: Float64Array): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i]! === values[i]!) return i;
  return -1;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
