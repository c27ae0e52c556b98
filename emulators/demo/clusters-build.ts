// Turns a workload spec into a concrete workload: containers with requests, limits and a usage profile,
// creation time and rollout times. All numbers come from a PRNG seeded by the workload's key.
import type { DemoCluster, SidecarName, WorkloadSpec } from "./clusters-catalog";
import { getDefaultEnvTag, TEAMS_RIGHTSIZED_BEFORE } from "./clusters-catalog";
import type { DemoContainer, DemoScenario, DemoWorkload, Resources } from "./clusters";
import type { UsageProfile } from "./clusters-usage";
import { createRandom, MI, SAMPLE_SECONDS, seedOf } from "./clusters-usage";

export type BuildContext = {
  nowSec: number;
  historyStartSec: number;
  rightsizedAtSec: number;
  cluster: DemoCluster;
  size: number;
};

const CPU_STEPS = [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];
const MEMORY_STEPS_MI = [32, 64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192];
const DAY = 86400;
/** Environment values the demo treats as known; anything else is "unmapped" (e.g. `stg`). */
const KNOWN_ENV_TAGS = new Set(["production", "prod", "staging", "development", "dev"]);

function roundUpTo(steps: readonly number[], value: number): number {
  return steps.find((s) => s >= value) ?? steps[steps.length - 1]!;
}
function roundDownTo(steps: readonly number[], value: number): number {
  return [...steps].reverse().find((s) => s <= value) ?? steps[0]!;
}
const niceCpu = (cores: number) => roundUpTo(CPU_STEPS, cores);
const niceMemory = (bytes: number) => roundUpTo(MEMORY_STEPS_MI, bytes / MI) * MI;
const alignDown = (t: number) => Math.floor(t / SAMPLE_SECONDS) * SAMPLE_SECONDS;

type ContainerPlan = { requests: Resources; limits: Resources; usage: UsageProfile; before: Resources | null };

export function buildWorkload(spec: WorkloadSpec, ctx: BuildContext): DemoWorkload {
  const key = `${spec.cluster}/${spec.namespace}/${spec.name}`;
  const seed = seedOf(key);
  const random = createRandom(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const logBetween = (lo: number, hi: number) => lo * Math.pow(hi / lo, random());
  const environment = ctx.cluster.environment;

  const createdAt =
    spec.ageDays !== undefined
      ? alignDown(ctx.nowSec - spec.ageDays * DAY)
      : alignDown(ctx.nowSec - between(200, 600) * DAY);
  const isYoung = createdAt > ctx.nowSec - 5 * DAY;
  const isRightsized =
    environment !== "production" &&
    TEAMS_RIGHTSIZED_BEFORE.has(spec.team) &&
    createdAt < ctx.rightsizedAtSec &&
    ["idle", "over-provisioned", "right-sized"].includes(spec.profile);

  const plan = planMainContainer(spec, isRightsized, between, logBetween);
  const isIdle = spec.profile === "idle";
  const containers: DemoContainer[] = [
    toContainer(key, spec.container ?? spec.name, false, plan),
    ...spec.sidecars.map((name) =>
      toContainer(key, name, true, planSidecar(name, isIdle, spec.sidecarWithoutRequests === true, between, plan)),
    ),
  ];

  const rollouts: number[] = [];
  const renamesPods = spec.kind === "Deployment" || spec.kind === "DaemonSet";
  if (renamesPods && !spec.hpa) {
    if (isRightsized) rollouts.push(ctx.rightsizedAtSec);
    if (!isYoung) rollouts.push(alignDown(ctx.historyStartSec - between(1, 20) * DAY));
    for (const daysAgo of spec.rolloutDaysAgo ?? []) rollouts.push(alignDown(ctx.nowSec - daysAgo * DAY));
  }
  const validRollouts = [...new Set(rollouts)].filter((t) => t > createdAt && t <= ctx.nowSec).sort((a, b) => a - b);

  const envTag = spec.envTag === undefined ? getDefaultEnvTag(environment) : spec.envTag;
  const teamTag = spec.teamTag === undefined ? spec.team : spec.teamTag;
  const replicas =
    spec.kind === "DaemonSet" ? ctx.cluster.nodeCount * ctx.size : spec.hpa ? spec.hpa.minReplicas : spec.replicas;

  const scenarios = new Set<DemoScenario>();
  const profileScenario: Record<WorkloadSpec["profile"], DemoScenario> = {
    "over-provisioned": "over-provisioned",
    "right-sized": "right-sized",
    "under-provisioned": "under-provisioned",
    oom: "oom-killed",
    idle: environment === "production" ? "idle-production" : "idle-non-production",
    hpa: "hpa",
    batch: "batch",
    agent: "daemonset",
  };
  scenarios.add(profileScenario[spec.profile]);
  if (isRightsized) scenarios.add("rightsized-before-window");
  if (isYoung) scenarios.add("young");
  if (validRollouts.some((t) => t > ctx.historyStartSec) && renamesPods) scenarios.add("rollout");
  if (containers.length > 1) scenarios.add("multi-container");
  if (replicas > 1) scenarios.add("several-replicas");
  if (envTag === null) scenarios.add("missing-env-tag");
  else if (!KNOWN_ENV_TAGS.has(envTag)) scenarios.add("unmapped-env-tag");
  if (teamTag === null) scenarios.add("missing-team-tag");
  if (containers.some((c) => c.requests.cpuCores === null || c.requests.memoryBytes === null))
    scenarios.add("container-without-requests");
  if (spec.kind === "CronJob") scenarios.add("batch");

  return {
    key,
    cluster: spec.cluster,
    environment,
    namespace: spec.namespace,
    kind: spec.kind,
    name: spec.name,
    team: spec.team,
    envTag,
    teamTag,
    replicas,
    createdAt,
    rollouts: validRollouts,
    hpa: spec.hpa ? { name: spec.name, ...spec.hpa } : null,
    cronSchedule: spec.kind === "CronJob" ? { hourUtc: 2, durationSeconds: alignDown(between(1800, 2700)) } : null,
    containers,
    scenarios: [...scenarios].sort(),
    seed,
  };
}

function toContainer(workloadKey: string, name: string, isSidecar: boolean, plan: ContainerPlan): DemoContainer {
  return {
    name,
    isSidecar,
    requests: plan.requests,
    limits: plan.limits,
    requestsBeforeRightsizing: plan.before,
    usage: plan.usage,
    seed: seedOf(`${workloadKey}/${name}`),
  };
}

type Between = (lo: number, hi: number) => number;

function planMainContainer(
  spec: WorkloadSpec,
  isRightsized: boolean,
  between: Between,
  logBetween: Between,
): ContainerPlan {
  const cpuLimitOf = (request: number) => (between(0, 1) < 0.5 ? null : niceCpu(request * 2));
  switch (spec.profile) {
    case "over-provisioned":
    case "right-sized": {
      const cpu = logBetween(0.02, 0.8);
      const memory = logBetween(128 * MI, 2048 * MI);
      const fat = { cpuCores: niceCpu(cpu * between(2.5, 6)), memoryBytes: niceMemory(memory * between(1.6, 3)) };
      const lean = { cpuCores: niceCpu(cpu * between(1.15, 1.4)), memoryBytes: niceMemory(memory * between(1.2, 1.4)) };
      const requests = spec.profile === "right-sized" || isRightsized ? lean : fat;
      const before = isRightsized ? fat : null;
      const sizing = before ?? requests;
      const limits = {
        cpuCores: cpuLimitOf(sizing.cpuCores!),
        memoryBytes: sizing.memoryBytes! * [1, 1.5, 2][Math.floor(between(0, 3))]!,
      };
      return { requests, limits, before, usage: { kind: "steady", cpuCores: cpu, memoryBytes: memory } };
    }
    case "under-provisioned": {
      const cpu = logBetween(0.1, 1);
      const memoryLimit = niceMemory(logBetween(256 * MI, 2048 * MI));
      const memory = memoryLimit / between(1.06, 1.1); // peak working set at 91–94% of the limit
      const requests = {
        cpuCores: roundDownTo(CPU_STEPS, cpu * between(0.5, 0.75)),
        memoryBytes: roundDownTo(MEMORY_STEPS_MI, (memory * between(0.6, 0.8)) / MI) * MI,
      };
      return {
        requests,
        limits: { cpuCores: cpuLimitOf(requests.cpuCores), memoryBytes: memoryLimit },
        before: null,
        usage: { kind: "steady", cpuCores: cpu, memoryBytes: memory },
      };
    }
    case "oom": {
      const cpu = logBetween(0.1, 0.6);
      const killBytes = niceMemory(logBetween(512 * MI, 2048 * MI));
      const periodSeconds = alignDown(between(2, 5) * DAY);
      const startBytes = killBytes * between(0.35, 0.5);
      const requests = {
        cpuCores: niceCpu(cpu * between(1.5, 3)),
        memoryBytes: niceMemory(startBytes * between(1.2, 1.5)),
      };
      const usage: UsageProfile = {
        kind: "leak",
        cpuCores: cpu,
        startBytes,
        killBytes,
        periodSeconds,
        phaseSeconds: alignDown(between(0, 1) * periodSeconds),
      };
      return {
        requests,
        limits: { cpuCores: cpuLimitOf(requests.cpuCores), memoryBytes: killBytes },
        before: null,
        usage,
      };
    }
    case "idle": {
      const cpu = between(0.001, 0.005);
      const memory = logBetween(64 * MI, 512 * MI);
      const fat = {
        cpuCores: [0.1, 0.25, 0.25, 0.5, 1][Math.floor(between(0, 5))]!,
        memoryBytes: niceMemory(memory * between(2, 5)),
      };
      // What the teams applied ~2 months ago: 10m CPU, memory = idle × 1.3.
      const lean = { cpuCores: 0.01, memoryBytes: Math.ceil((memory * 1.3) / MI) * MI };
      const usage: UsageProfile = {
        kind: "idle",
        cpuCores: cpu,
        memoryBytes: memory,
        visitProbability: between(0.005, 0.015),
        visitCores: between(0.03, 0.25),
      };
      const limits = {
        cpuCores: between(0, 1) < 0.6 ? null : 1,
        memoryBytes: fat.memoryBytes * [1, 2][Math.floor(between(0, 2))]!,
      };
      return { requests: isRightsized ? lean : fat, limits, before: isRightsized ? fat : null, usage };
    }
    case "hpa": {
      const target = (spec.hpa?.targetCpuUtilization ?? 70) / 100;
      return {
        requests: { cpuCores: 0.5, memoryBytes: 1024 * MI },
        limits: { cpuCores: 2, memoryBytes: 1024 * MI },
        before: null,
        usage: { kind: "autoscaled", cpuCores: 0.5 * target, memoryBytes: 420 * MI },
      };
    }
    case "batch":
      return {
        requests: { cpuCores: 2, memoryBytes: 3072 * MI },
        limits: { cpuCores: null, memoryBytes: 4096 * MI },
        before: null,
        usage: { kind: "batch", cpuCores: 1.2, memoryBytes: 1536 * MI },
      };
    case "agent":
      return {
        requests: { cpuCores: 0.2, memoryBytes: 512 * MI },
        limits: { cpuCores: null, memoryBytes: 512 * MI },
        before: null,
        usage: { kind: "steady", cpuCores: 0.04, memoryBytes: 220 * MI },
      };
  }
}

function planSidecar(
  name: SidecarName,
  isIdle: boolean,
  withoutRequests: boolean,
  between: Between,
  main: ContainerPlan,
): ContainerPlan {
  const none = { cpuCores: null, memoryBytes: null };
  const idleUsage = (memoryBytes: number): UsageProfile => ({
    kind: "idle",
    cpuCores: between(0.001, 0.003),
    memoryBytes,
    visitProbability: 0.01,
    visitCores: 0.02,
  });
  switch (name) {
    case "istio-proxy": {
      const memory = between(45, 90) * MI;
      const usage: UsageProfile = isIdle
        ? idleUsage(memory)
        : { kind: "steady", cpuCores: between(0.005, 0.03), memoryBytes: memory };
      return {
        requests: { cpuCores: 0.1, memoryBytes: 128 * MI },
        limits: { cpuCores: 2, memoryBytes: 1024 * MI },
        before: null,
        usage,
      };
    }
    case "log-shipper": {
      const memory = between(30, 60) * MI;
      const usage: UsageProfile = isIdle
        ? idleUsage(memory)
        : { kind: "steady", cpuCores: between(0.002, 0.006), memoryBytes: memory };
      if (withoutRequests) return { requests: none, limits: none, before: null, usage };
      return {
        requests: { cpuCores: 0.05, memoryBytes: 64 * MI },
        limits: { cpuCores: null, memoryBytes: 128 * MI },
        before: null,
        usage,
      };
    }
    case "metrics-exporter": {
      const usage: UsageProfile =
        main.usage.kind === "idle" ? idleUsage(25 * MI) : { kind: "steady", cpuCores: 0.003, memoryBytes: 25 * MI };
      return {
        requests: { cpuCores: 0.05, memoryBytes: 64 * MI },
        limits: { cpuCores: null, memoryBytes: 128 * MI },
        before: null,
        usage,
      };
    }
  }
}
