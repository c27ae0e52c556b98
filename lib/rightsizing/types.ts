// Types of the rightsizing engine. Units: CPU in millicores, memory in BYTES (what Datadog reports and
// what Kubernetes stores); converted to MiB only for display and for the "whole Mi" rounding rule.
import { z } from "zod";

export type { RightsizingSettings, RightsizingSettingsInput, InstancePricing } from "@/lib/settings/rightsizing";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a UTC day YYYY-MM-DD");
const nonNegative = z.number().nonnegative();

// One container of one workload over the usage window, as the sync stores it.
export const containerUsageSchema = z.object({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  workloadKind: z.string().min(1), // "Deployment", "StatefulSet", "DaemonSet", "CronJob", ...
  workload: z.string().min(1),
  container: z.string().min(1),
  envTag: z.string().nullable(), // raw `env` tag value, null when absent
  teamTag: z.string().nullable(), // raw value of settings.teamTagKey, null when absent
  replicas: nonNegative, // time-weighted mean pod count over the window
  cpu: z.object({ p50: nonNegative, p95: nonNegative, p99: nonNegative, max: nonNegative }), // millicores, per replica
  cpuSamples: z.number().int().nonnegative(),
  memory: z.object({ idle: nonNegative, peak: nonNegative }), // bytes per replica: idle = median working set
  requests: z.object({ cpu: nonNegative.nullable(), memory: nonNegative.nullable() }), // millicores, bytes; null = not set
  limits: z.object({ cpu: nonNegative.nullable(), memory: nonNegative.nullable() }),
  oomKills: z.number().int().nonnegative(),
  restarts: z.number().int().nonnegative(),
  hasHpa: z.boolean(), // from kubernetes_state.hpa.* matched to this workload
  firstSeen: day, // first UTC day with samples
  dataDays: nonNegative, // days covered by samples (cpuSamples × interval / 1 day)
  windowStart: day, // first day of the window [windowStart, windowStart + windowDays)
  windowDays: z.number().int().positive(),
});

export type ContainerUsage = z.infer<typeof containerUsageSchema>;

// Requests and limits of one container. null = not set.
export type ResourceValues = {
  cpuRequest: number | null; // millicores
  cpuLimit: number | null;
  memoryRequest: number | null; // bytes
  memoryLimit: number | null;
};

export type EnvironmentSource = "tag" | "cluster" | "none";
export type ResolvedEnvironment = {
  value: string | null; // trimmed as found (display); null when neither tag nor cluster mapping gives one
  source: EnvironmentSource;
  isProduction: boolean; // false only for values on the explicit non-production list
  isUnmapped: boolean; // on neither list (includes a missing value)
};

export type TeamSource = "tag" | "namespace" | "none";
export type ResolvedTeam = { value: string; source: TeamSource };

export type HpaSource = "metric" | "override" | "none";
export type ResolvedHpa = { isScaled: boolean; source: HpaSource };

export type RuleApplied = "idle-non-production" | "usage-based" | "insufficient-data";
export type Direction = "cut" | "raise" | "none";
export type Severity = "none" | "low" | "medium" | "high";

// Fixed order: rows list their flags in this order.
export const FLAGS = [
  "insufficient-data",
  "under-provisioned",
  "oom",
  "hpa",
  "young",
  "no-request",
  "unmapped-environment",
  "peak-guard-raised",
  "limit-raised",
] as const;
export type Flag = (typeof FLAGS)[number];

// Change of the requests (recommended − current, a missing current request counting as 0).
export type RequestChange = {
  cpuMillicores: number;
  cpuPct: number | null; // null when there was no current request (or it was 0)
  memoryBytes: number;
  memoryPct: number | null;
};

// The settings that shaped a recommendation, so the page can show "× 1.3" next to the number.
export type RecommendationParameters = {
  idleCpuThresholdMillicores: number;
  idleCpuRequestMillicores: number;
  idleMemoryMultiplier: number;
  cpuP95Multiplier: number;
  memoryPeakMultiplier: number;
  cpuFloorMillicores: number;
  memoryFloorMib: number;
  cpuStepAboveMillicores: number;
  cpuStepMillicores: number;
  minDataDays: number;
};

export type Recommendation = {
  environment: ResolvedEnvironment;
  team: ResolvedTeam;
  hpa: ResolvedHpa;
  rule: RuleApplied;
  current: ResourceValues;
  recommended: ResourceValues | null; // null when rule = insufficient-data
  change: RequestChange | null;
  direction: Direction;
  severity: Severity;
  flags: Flag[];
  isInSavingsTotals: boolean; // false for HPA-scaled workloads and rows without a recommendation
  reason: string;
  parameters: RecommendationParameters;
};

export type UnitPrices = {
  instanceType: string;
  vcpuHourUsd: number;
  gibHourUsd: number;
  hoursPerMonth: number;
};

// Monthly dollars of one row. Positive = money saved, negative = money added (a raise).
export type Savings = {
  vcpuDelta: number; // requested vCPU removed per replica (negative = added)
  gibDelta: number;
  monthlyUsd: number; // floating point, for charts only
  monthlyCents: number; // integer cents, rounded once per row: the number every total sums
};

export type RightsizingRow = { usage: ContainerUsage; recommendation: Recommendation; savings: Savings };
