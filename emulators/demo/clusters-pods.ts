// Pods of each workload over the history window, with Kubernetes-style names: a rollout gives a
// Deployment a new ReplicaSet hash (so `pod_name` changes mid-window), HPA scale-ups add pods,
// CronJob runs are short-lived pods. Pod names are functions of (workload seed, start time), so they
// do not depend on the window that was generated.
import type { DemoPod, DemoWorkload } from "./clusters";
import { getAutoscaledReplicas, hash32, SAMPLE_SECONDS, seedOf } from "./clusters-usage";

// Kubernetes generates names from this alphabet (no vowels, no ambiguous characters).
const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

function token(seed: number, k: number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += NAME_ALPHABET[hash32(seed + i, k) % NAME_ALPHABET.length];
  return out;
}

export type PodWindow = { nowSec: number; historyStartSec: number };

/** Pods of a workload that were alive at some point in [historyStart, now]. `end` is exclusive. */
export function listWorkloadPods(workload: DemoWorkload, window: PodWindow): DemoPod[] {
  const alive = window.nowSec + SAMPLE_SECONDS;
  const pods: DemoPod[] = [];
  const push = (name: string, start: number, end: number, extra: { replicaSet?: string; job?: string } = {}) => {
    if (end <= window.historyStartSec || start > window.nowSec) return;
    pods.push({
      workloadKey: workload.key,
      name,
      replicaSet: extra.replicaSet ?? null,
      job: extra.job ?? null,
      start,
      end,
      seed: seedOf(name),
    });
  };
  const boundaries = [workload.createdAt, ...workload.rollouts];
  const epochs = boundaries.map((start, i) => {
    const next = boundaries[i + 1];
    // Old pods overlap the new ones by one sample (maxSurge), as during a real rolling update.
    return { start, end: next === undefined ? alive : next + SAMPLE_SECONDS };
  });
  const { name, seed } = workload;

  switch (workload.kind) {
    case "StatefulSet":
      // Stable names: a StatefulSet's pods keep their ordinal names for the workload's life.
      for (let i = 0; i < workload.replicas; i++) push(`${name}-${i}`, workload.createdAt, alive);
      break;
    case "DaemonSet":
      for (const epoch of epochs) {
        for (let node = 0; node < workload.replicas; node++)
          push(`${name}-${token(seed, epoch.start + node, 5)}`, epoch.start, epoch.end);
      }
      break;
    case "CronJob": {
      const schedule = workload.cronSchedule ?? { hourUtc: 0, durationSeconds: 1800 };
      const firstDay = Math.floor(Math.max(window.historyStartSec, workload.createdAt) / 86400) * 86400;
      for (let day = firstDay; day <= window.nowSec; day += 86400) {
        const start = day + schedule.hourUtc * 3600;
        if (start < workload.createdAt || start > window.nowSec) continue;
        const job = `${name}-${Math.floor(start / 60)}`; // Kubernetes names CronJob runs by scheduled minute
        push(`${job}-${token(seed, start, 5)}`, start, start + schedule.durationSeconds, { job });
      }
      break;
    }
    case "Deployment":
      if (workload.hpa) {
        listAutoscaledPods(workload, window, push);
        break;
      }
      for (const epoch of epochs) {
        const replicaSet = `${name}-${token(seed, epoch.start, 10)}`;
        for (let i = 0; i < workload.replicas; i++)
          push(`${replicaSet}-${token(seed ^ 0x3c6ef372, epoch.start + i, 5)}`, epoch.start, epoch.end, { replicaSet });
      }
      break;
  }
  return pods;
}

type Push = (name: string, start: number, end: number, extra?: { replicaSet?: string }) => void;

/** HPA-scaled Deployment: pod slot j is alive in each hour when the desired replica count exceeds j. */
function listAutoscaledPods(workload: DemoWorkload, window: PodWindow, push: Push): void {
  const hpa = workload.hpa!;
  const replicaSet = `${workload.name}-${token(workload.seed, workload.createdAt, 10)}`;
  const podName = (slot: number, start: number) =>
    `${replicaSet}-${token(workload.seed ^ 0x3c6ef372, start + slot, 5)}`;
  const alive = window.nowSec + SAMPLE_SECONDS;
  for (let slot = 0; slot < hpa.minReplicas; slot++)
    push(podName(slot, workload.createdAt), workload.createdAt, alive, { replicaSet });
  const firstHour = Math.floor(Math.max(window.historyStartSec, workload.createdAt) / 3600) * 3600;
  for (let slot = hpa.minReplicas; slot < hpa.maxReplicas; slot++) {
    let runStart: number | null = null;
    for (let hour = firstHour; hour <= window.nowSec; hour += 3600) {
      const isUp = getAutoscaledReplicas(hour, hpa.minReplicas, hpa.maxReplicas) > slot;
      if (isUp && runStart === null) runStart = hour;
      if (!isUp && runStart !== null) {
        push(podName(slot, runStart), runStart, hour, { replicaSet });
        runStart = null;
      }
    }
    if (runStart !== null) push(podName(slot, runStart), runStart, alive, { replicaSet });
  }
}
