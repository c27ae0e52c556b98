// The demo company's Kubernetes clusters: a deterministic generator (fixed seed, clock injected) of
// workloads, containers, requests/limits, pods and their usage over the history window. Samples are
// not stored: `emulators/datadog` computes each one from (container, pod, timestamp) when queried.
import type { DemoCluster, DemoEnvironment, Team, WorkloadKind } from "./clusters-catalog";
import { CLUSTERS, listFillerSpecs, NAMESPACE_TEAMS, SCENARIO_WORKLOADS } from "./clusters-catalog";
import { buildWorkload } from "./clusters-build";
import { listWorkloadPods } from "./clusters-pods";
import type { UsageProfile } from "./clusters-usage";
import { SAMPLE_SECONDS } from "./clusters-usage";

export type { DemoCluster, DemoEnvironment, Team, WorkloadKind } from "./clusters-catalog";
export { SAMPLE_SECONDS } from "./clusters-usage";

/** CPU in cores, memory in bytes; `null` = not set (no request / no limit). */
export type Resources = { cpuCores: number | null; memoryBytes: number | null };

export type DemoScenario =
  | "idle-non-production"
  | "idle-production"
  | "over-provisioned"
  | "right-sized"
  | "under-provisioned"
  | "oom-killed"
  | "hpa"
  | "batch"
  | "daemonset"
  | "young"
  | "rollout"
  | "multi-container"
  | "several-replicas"
  | "missing-env-tag"
  | "unmapped-env-tag"
  | "missing-team-tag"
  | "container-without-requests"
  | "rightsized-before-window";

export type DemoContainer = {
  name: string;
  isSidecar: boolean;
  /** Requests and limits now (in the window unless the history reaches back past the rightsizing). */
  requests: Resources;
  limits: Resources;
  /** Requests before the non-production rightsizing, for the workloads that were rightsized then. */
  requestsBeforeRightsizing: Resources | null;
  usage: UsageProfile;
  seed: number;
};

export type DemoHpa = { name: string; minReplicas: number; maxReplicas: number; targetCpuUtilization: number };

export type DemoWorkload = {
  /** `cluster/namespace/name` */
  key: string;
  cluster: string;
  environment: DemoEnvironment;
  namespace: string;
  kind: WorkloadKind;
  name: string;
  /** The team that owns it (what the namespace → team mapping says). */
  team: Team;
  /** Value of the `env` / `team` tag on its series; `null` = tag missing. */
  envTag: string | null;
  teamTag: string | null;
  /** Desired replicas (HPA: its minimum; DaemonSet: one per node). */
  replicas: number;
  /** Seconds since epoch. */
  createdAt: number;
  /** Times (seconds) the pod template changed, oldest first; may predate the window. */
  rollouts: number[];
  hpa: DemoHpa | null;
  cronSchedule: { hourUtc: number; durationSeconds: number } | null;
  containers: DemoContainer[];
  scenarios: DemoScenario[];
  seed: number;
};

export type DemoPod = {
  workloadKey: string;
  name: string;
  replicaSet: string | null;
  /** CronJob runs: the Job's name. */
  job: string | null;
  /** Seconds; samples exist at multiples of 300 in [start, end). */
  start: number;
  end: number;
  seed: number;
};

export type DemoClustersOptions = {
  now: Date;
  /** 1 = normal (~150 workloads), 10 = benchmark (~1,500 workloads, ~3,000 containers). */
  size?: number;
  /** Days of samples before `now` (default 30). */
  historyDays?: number;
  seed?: number;
};

export type DemoClusters = {
  now: Date;
  nowSec: number;
  /** First sample time (seconds); samples are every 300 s up to `nowSec`. */
  historyStartSec: number;
  /** When the non-production teams that acted cut their requests (see getNonProductionRightsizingDate). */
  rightsizedAtSec: number;
  size: number;
  clusters: readonly DemoCluster[];
  workloads: DemoWorkload[];
  pods: DemoPod[];
  namespaceTeams: Readonly<Record<string, Team>>;
};

export const DEFAULT_SEED = 20261126;

/**
 * Start of the UTC month two months before `now`'s month: when the staging/dev requests were cut.
 * The spend generator drops the staging/dev EC2 spend at the same date (whole months, so the savings
 * ledger can measure it).
 */
export function getNonProductionRightsizingDate(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
}

export function generateDemoClusters(options: DemoClustersOptions): DemoClusters {
  const size = options.size ?? 1;
  const historyDays = options.historyDays ?? 30;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`Demo clusters: size must be a whole number ≥ 1, got ${size}.`);
  if (!(historyDays > 0)) throw new Error(`Demo clusters: historyDays must be > 0, got ${historyDays}.`);
  const nowSec = Math.floor(options.now.getTime() / 1000 / SAMPLE_SECONDS) * SAMPLE_SECONDS;
  const historyStartSec = nowSec - Math.round((historyDays * 86400) / SAMPLE_SECONDS) * SAMPLE_SECONDS;
  const rightsizedAtSec = getNonProductionRightsizingDate(options.now).getTime() / 1000;
  const specs = [...SCENARIO_WORKLOADS, ...listFillerSpecs(size, options.seed ?? DEFAULT_SEED)];
  const workloads = specs.map((spec) => {
    const cluster = CLUSTERS.find((c) => c.name === spec.cluster);
    if (!cluster) throw new Error(`Demo clusters: unknown cluster ${spec.cluster} in workload ${spec.name}.`);
    return buildWorkload(spec, { nowSec, historyStartSec, rightsizedAtSec, cluster, size });
  });
  const pods = workloads.flatMap((w) => listWorkloadPods(w, { nowSec, historyStartSec }));
  return {
    now: options.now,
    nowSec,
    historyStartSec,
    rightsizedAtSec,
    size,
    clusters: CLUSTERS,
    workloads,
    pods,
    namespaceTeams: NAMESPACE_TEAMS,
  };
}

/** Requests of a container at time t (seconds): the pre-rightsizing values before that date. */
export function getRequestsAt(container: DemoContainer, t: number, rightsizedAtSec: number): Resources {
  return container.requestsBeforeRightsizing && t < rightsizedAtSec
    ? container.requestsBeforeRightsizing
    : container.requests;
}

/** Workload keys per scenario, e.g. `{ "oom-killed": ["prod-us-east-1/video-jobs/transcode-worker", …] }`. */
export function listScenarioWorkloads(demo: DemoClusters): Partial<Record<DemoScenario, string[]>> {
  const index: Partial<Record<DemoScenario, string[]>> = {};
  for (const workload of demo.workloads) {
    for (const scenario of workload.scenarios) (index[scenario] ??= []).push(workload.key);
  }
  return index;
}
