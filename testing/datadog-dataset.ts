// Tests only: a tiny hand-made Datadog dataset whose statistics are computed by hand in lib/datadog/source.test.ts.
//
// Clock: NOW = 2026-11-26T00:00Z, window = the 14 days before (CPU/memory averages every 900 s, peaks
// and the stored series every 3600 s). Data lies in the last 40 buckets of 900 s: bucket k (0..39)
// starts at NOW − (40 − k) × 900 s, i.e. 10 hours before NOW, 4 buckets per hour.
//
// Deployment c1/shop/web, container "app", env staging, team shop-team:
// - pod a (all 40 buckets): CPU samples v−5, v, v+5 millicores at +0/+300/+600 s, v = 10 × (k + 1);
//   working set 200 MiB for k < 30, 300 MiB after; CPU request 0.5 cores for k < 20, then 0.25 cores;
//   memory request 256 MiB, limit 512 MiB, no CPU limit; restarts 0, then 1 from k = 10, 2 from
//   k = 30, when its last termination became OOMKilled.
// - pod b (k = 20..39): CPU v/2 (always below pod a's), working set 150 MiB, and at k = 25 a second
//   sample of 350 MiB (so its average in that bucket, 250 MiB, is above pod a's 200 MiB).
// - an HPA named "web" in c1/shop; another HPA "web" in c1/elsewhere (no such workload there).
// StatefulSet c1/shop/db, pod db-0, container "postgres", k = 36..39 only: 5m CPU, 64 MiB, no
// requests, no limits, no team tag. A bare pod "debug" (no workload tag): must be left out.
// CronJob c1/shop/report, container "report": a run 3 hours before the window (seen only by the pod
// count's one-day lookback) and a run in buckets k = 0..1 (20m CPU, 32 MiB): older than the window.
import type { StaticDataset } from "@/emulators/datadog/series-store";

export const NOW = new Date("2026-11-26T00:00:00Z");
export const NOW_SEC = NOW.getTime() / 1000;
export const MiB = 1024 * 1024;
const NS_PER_MILLICORE = 1e6;

export const bucketStart = (k: number) => NOW_SEC - (40 - k) * 900;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
type Point = [number, number];

const base = { kube_cluster_name: "c1", kube_namespace: "shop", env: "staging" };
const webPod = (pod: string) => ({
  ...base,
  team: "shop-team",
  kube_deployment: "web",
  kube_replica_set: "web-7d9f",
  pod_name: pod,
});
const dbPod = { ...base, kube_stateful_set: "db", pod_name: "db-0" };
const app = (pod: string) => ({ ...webPod(pod), kube_container_name: "app" });
const postgres = { ...dbPod, kube_container_name: "postgres" };
const debug = { ...base, pod_name: "debug", kube_container_name: "sh" };
const reportPod = (job: string) => ({
  ...base,
  team: "shop-team",
  kube_cronjob: "report",
  kube_job: job,
  pod_name: `${job}-x7k2p`,
});
const report = { ...reportPod("report-29400000"), kube_container_name: "report" };
export const WINDOW_START_SEC = NOW_SEC - 14 * 86400;

const A = range(0, 39);
const B = range(20, 39);
const DB = range(36, 39);
const v = (k: number) => 10 * (k + 1);
/** One sample per bucket, at its start. */
const perBucket = (buckets: number[], value: (k: number) => number): Point[] =>
  buckets.map((k) => [bucketStart(k), value(k)]);
/** Three samples per bucket (+0, +300, +600 s), each with its own value. */
const thrice = (buckets: number[], value: (k: number, i: number) => number): Point[] =>
  buckets.flatMap((k) => [0, 1, 2].map((i): Point => [bucketStart(k) + i * 300, value(k, i)]));

export const HAND_MADE_DATASET: StaticDataset = {
  metrics: {
    "kubernetes.cpu.usage.total": {
      series: [
        { tags: app("web-7d9f-a"), points: thrice(A, (k, i) => (v(k) - 5 + 5 * i) * NS_PER_MILLICORE) },
        { tags: app("web-7d9f-b"), points: B.map((k): Point => [bucketStart(k) + 300, (v(k) / 2) * NS_PER_MILLICORE]) },
        { tags: postgres, points: perBucket(DB, () => 5 * NS_PER_MILLICORE) },
        { tags: debug, points: perBucket(DB, () => 50 * NS_PER_MILLICORE) },
        { tags: report, points: perBucket([0, 1], () => 20 * NS_PER_MILLICORE) },
      ],
    },
    "kubernetes.memory.working_set": {
      series: [
        { tags: app("web-7d9f-a"), points: thrice(A, (k) => (k < 30 ? 200 : 300) * MiB) },
        {
          tags: app("web-7d9f-b"),
          points: [...B.map((k): Point => [bucketStart(k) + 300, 150 * MiB]), [bucketStart(25) + 600, 350 * MiB]],
        },
        { tags: postgres, points: perBucket(DB, () => 64 * MiB) },
        { tags: report, points: perBucket([0, 1], () => 32 * MiB) },
      ],
    },
    "kubernetes.cpu.requests": {
      series: [
        { tags: app("web-7d9f-a"), points: perBucket(A, (k) => (k < 20 ? 0.5 : 0.25)) },
        { tags: app("web-7d9f-b"), points: perBucket(B, () => 0.25) },
      ],
    },
    "kubernetes.memory.requests": { series: [{ tags: app("web-7d9f-a"), points: perBucket(A, () => 256 * MiB) }] },
    "kubernetes.memory.limits": { series: [{ tags: app("web-7d9f-a"), points: perBucket(A, () => 512 * MiB) }] },
    "kubernetes.pods.running": {
      series: [
        { tags: webPod("web-7d9f-a"), points: thrice(A, () => 1) },
        { tags: webPod("web-7d9f-b"), points: thrice(B, () => 1) },
        { tags: dbPod, points: thrice(DB, () => 1) },
        {
          tags: reportPod("report-29399820"),
          points: [
            [WINDOW_START_SEC - 3 * 3600, 1],
            [WINDOW_START_SEC - 3 * 3600 + 300, 1],
          ],
        },
        { tags: reportPod("report-29400000"), points: thrice([0, 1], () => 1) },
      ],
    },
    "kubernetes.containers.restarts": {
      series: [
        { tags: app("web-7d9f-a"), points: perBucket(A, (k) => (k < 10 ? 0 : k < 30 ? 1 : 2)) },
        { tags: app("web-7d9f-b"), points: perBucket(B, () => 0) },
      ],
    },
    "kubernetes.containers.last_state.terminated": {
      series: [{ tags: { ...app("web-7d9f-a"), reason: "oomkilled" }, points: perBucket(range(30, 39), () => 1) }],
    },
    "kubernetes_state.hpa.max_replicas": {
      series: [
        {
          tags: { kube_cluster_name: "c1", kube_namespace: "shop", horizontalpodautoscaler: "web" },
          points: perBucket(A, () => 4),
        },
        {
          tags: { kube_cluster_name: "c1", kube_namespace: "elsewhere", horizontalpodautoscaler: "web" },
          points: perBucket(A, () => 4),
        },
      ],
    },
  },
};
