// What the Datadog sync asks for: a fixed list of metric queries over the
// window. Pure: no clock, no I/O. Every query groups by workload and container, never by pod, and
// merges the replicas in Datadog's space aggregation, so the number of requests depends only on the
// number of metrics — not on clusters, workloads or pods.
import { toUtcDay } from "./time";

/** Metric names the sync reads: the Datadog Agent's by default; a deployment with other names passes its own. */
export type MetricNames = {
  cpuUsage: string; // nanocores, per container
  memoryWorkingSet: string; // bytes, per container
  cpuRequests: string; // cores
  cpuLimits: string; // cores
  memoryRequests: string; // bytes
  memoryLimits: string; // bytes
  podsRunning: string; // 1 per running pod
  restarts: string; // restarts of a container in its pod (gauge)
  lastTerminated: string; // tagged reason:oomkilled once a container was OOM-killed in its pod
  hpaMaxReplicas: string; // one series per HorizontalPodAutoscaler
};

export const DEFAULT_METRIC_NAMES: MetricNames = {
  cpuUsage: "kubernetes.cpu.usage.total",
  memoryWorkingSet: "kubernetes.memory.working_set",
  cpuRequests: "kubernetes.cpu.requests",
  cpuLimits: "kubernetes.cpu.limits",
  memoryRequests: "kubernetes.memory.requests",
  memoryLimits: "kubernetes.memory.limits",
  podsRunning: "kubernetes.pods.running",
  restarts: "kubernetes.containers.restarts",
  lastTerminated: "kubernetes.containers.last_state.terminated",
  hpaMaxReplicas: "kubernetes_state.hpa.max_replicas",
};

// Tags the Datadog Agent puts on kubelet metrics. A pod carries exactly one of the workload tags
// (its top-level owner); `kube_job`/`kube_replica_set` are left out on purpose: grouping by them would
// split a CronJob or a Deployment into one series per run or rollout.
export const CLUSTER_TAG = "kube_cluster_name";
export const NAMESPACE_TAG = "kube_namespace";
export const CONTAINER_TAG = "kube_container_name";
export const HPA_TAG = "horizontalpodautoscaler";
/** The environment tag key when the settings name none (the Datadog convention, `env`). */
export const DEFAULT_ENV_TAG = "env";
export const WORKLOAD_KIND_TAGS: Readonly<Record<string, string>> = {
  kube_deployment: "Deployment",
  kube_stateful_set: "StatefulSet",
  kube_daemon_set: "DaemonSet",
  kube_cronjob: "CronJob",
};

export type QueryId =
  | "cpuAvg"
  | "cpuMax"
  | "memoryAvg"
  | "memoryMax"
  | "cpuRequest"
  | "cpuLimit"
  | "memoryRequest"
  | "memoryLimit"
  | "pods"
  | "restarts"
  | "oomKilled"
  | "hpa";

/**
 * How values are converted at the boundary: `cpu` → millicores and `memory` → bytes, using the unit
 * Datadog sends (or `defaultScale` when it sends none); `count` is taken as is.
 */
export type ValueKind = { kind: "cpu" | "memory"; defaultScale: number } | { kind: "count" };

export type PlannedQuery = {
  id: QueryId;
  metric: string;
  query: string;
  intervalSeconds: number;
  /** How series of the same container (or workload) are merged if Datadog sends several. */
  merge: "max" | "sum";
  /** Also read this many seconds before the window (to see which workloads existed before it). */
  lookbackSeconds: number;
  values: ValueKind;
};

/** The window [fromSec, toSec), aligned to the chart interval. */
export type QueryWindow = { fromSec: number; toSec: number; windowStart: string; windowDays: number };

export type QueryPlan = {
  window: QueryWindow;
  /** Interval of the `avg` rollups the percentiles, idle memory and replicas are computed over. */
  statsIntervalSeconds: number;
  /** Interval of the `max` rollups (peaks), of requests and limits, and of the stored usage series. */
  chartIntervalSeconds: number;
  queries: PlannedQuery[];
};

/** Datadog returns at most ~1,500 points per series and raises a finer interval (docs: rollup). */
export const MAX_POINTS_PER_SERIES = 1500;
/** The Agent's kubelet metrics are collected every 15–20 s; 5 minutes is the finest interval worth asking. */
export const MIN_STATS_INTERVAL_SECONDS = 300;
const CHART_INTERVAL_SECONDS = 3600;
/**
 * The pod count is also read for the day before the window: a workload with pods then is older than
 * the window (not "young"), even when its first pod in the window comes later — a nightly CronJob.
 */
const EXISTENCE_LOOKBACK_SECONDS = 86400;
const NICE_INTERVALS = [300, 600, 900, 1200, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400];

/**
 * The finest interval ≥ `minSeconds` that keeps a series over `spanSeconds` within the points cap.
 * Counted with both ends included (span / interval + 1), as Datadog counts buckets.
 */
export function chooseInterval(spanSeconds: number, minSeconds: number): number {
  const fits = (step: number) => spanSeconds / step + 1 <= MAX_POINTS_PER_SERIES;
  const nice = NICE_INTERVALS.find((step) => step >= minSeconds && fits(step));
  if (nice !== undefined) return nice;
  let days = 2;
  while (!fits(days * 86400)) days++;
  return days * 86400;
}

export function planQueries(opts: {
  now: Date;
  windowDays: number;
  teamTagKey: string;
  envTagKey?: string;
  metrics?: Partial<MetricNames>;
}): QueryPlan {
  const m = { ...DEFAULT_METRIC_NAMES, ...opts.metrics };
  const span = opts.windowDays * 86400;
  const statsInterval = chooseInterval(span, MIN_STATS_INTERVAL_SECONDS);
  const chartInterval = chooseInterval(span, CHART_INTERVAL_SECONDS);
  // Ends at the last whole chart interval before now: the window includes today's data (a workload
  // started this morning has usage), and every stored hour is complete.
  const align = Math.max(statsInterval, chartInterval);
  const toSec = Math.floor(opts.now.getTime() / 1000 / align) * align;
  const fromSec = toSec - span;
  const window: QueryWindow = { fromSec, toSec, windowStart: toUtcDay(fromSec), windowDays: opts.windowDays };

  const workload = [CLUSTER_TAG, NAMESPACE_TAG, ...Object.keys(WORKLOAD_KIND_TAGS)];
  const byContainer = `by {${[...workload, CONTAINER_TAG].join(",")}}`;
  // env and team are constant per workload, so grouping the pod count by them does not split it.
  const byWorkloadWithTags = `by {${[...new Set([...workload, opts.envTagKey ?? DEFAULT_ENV_TAG, opts.teamTagKey])].join(",")}}`;
  const cpu = (defaultScale: number): ValueKind => ({ kind: "cpu", defaultScale });
  const memory: ValueKind = { kind: "memory", defaultScale: 1 };
  const count: ValueKind = { kind: "count" };
  const q = (
    id: QueryId,
    metric: string,
    text: string,
    intervalSeconds: number,
    merge: "max" | "sum",
    values: ValueKind,
    lookbackSeconds = 0,
  ): PlannedQuery => ({ id, metric, query: text, intervalSeconds, merge, values, lookbackSeconds });
  const s = statsInterval;
  const c = chartInterval;
  const p = chooseInterval(span + EXISTENCE_LOOKBACK_SECONDS, statsInterval); // = s unless the cap needs more

  // "Values per replica, replicas merged with max": each pod's series is rolled up in time
  // first, then `max:` takes the busiest replica per interval.
  const queries: PlannedQuery[] = [
    q("cpuAvg", m.cpuUsage, `max:${m.cpuUsage}{*} ${byContainer}.rollup(avg, ${s})`, s, "max", cpu(1e-9)),
    q("cpuMax", m.cpuUsage, `max:${m.cpuUsage}{*} ${byContainer}.rollup(max, ${c})`, c, "max", cpu(1e-9)),
    q(
      "memoryAvg",
      m.memoryWorkingSet,
      `max:${m.memoryWorkingSet}{*} ${byContainer}.rollup(avg, ${s})`,
      s,
      "max",
      memory,
    ),
    q(
      "memoryMax",
      m.memoryWorkingSet,
      `max:${m.memoryWorkingSet}{*} ${byContainer}.rollup(max, ${c})`,
      c,
      "max",
      memory,
    ),
    q("cpuRequest", m.cpuRequests, `max:${m.cpuRequests}{*} ${byContainer}.rollup(max, ${c})`, c, "max", cpu(1)),
    q("cpuLimit", m.cpuLimits, `max:${m.cpuLimits}{*} ${byContainer}.rollup(max, ${c})`, c, "max", cpu(1)),
    q(
      "memoryRequest",
      m.memoryRequests,
      `max:${m.memoryRequests}{*} ${byContainer}.rollup(max, ${c})`,
      c,
      "max",
      memory,
    ),
    q("memoryLimit", m.memoryLimits, `max:${m.memoryLimits}{*} ${byContainer}.rollup(max, ${c})`, c, "max", memory),
    // Pods per interval: each running pod reports 1, `sum:` counts them.
    q(
      "pods",
      m.podsRunning,
      `sum:${m.podsRunning}{*} ${byWorkloadWithTags}.rollup(avg, ${p})`,
      p,
      "sum",
      count,
      EXISTENCE_LOOKBACK_SECONDS,
    ),
    q("restarts", m.restarts, `sum:${m.restarts}{*} ${byContainer}.rollup(max, ${c})`, c, "sum", count),
    q(
      "oomKilled",
      m.lastTerminated,
      `sum:${m.lastTerminated}{reason:oomkilled} ${byContainer}.rollup(max, ${c})`,
      c,
      "sum",
      count,
    ),
    q(
      "hpa",
      m.hpaMaxReplicas,
      `max:${m.hpaMaxReplicas}{*} by {${CLUSTER_TAG},${NAMESPACE_TAG},${HPA_TAG}}.rollup(max, ${c})`,
      c,
      "max",
      count,
    ),
  ];
  return { window, statsIntervalSeconds: statsInterval, chartIntervalSeconds: chartInterval, queries };
}
