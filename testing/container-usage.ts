// Test fixtures only: a busy production container with round numbers, overridable field by field.
import { parseRightsizingSettings } from "@/lib/settings/rightsizing";
import type { RightsizingSettings, RightsizingSettingsInput } from "@/lib/settings/rightsizing";
import type { ContainerUsage } from "@/lib/rightsizing/types";

export const MiB = 1024 * 1024;

type UsageOverrides = Partial<Omit<ContainerUsage, "cpu" | "memory" | "requests" | "limits">> & {
  cpu?: Partial<ContainerUsage["cpu"]>;
  memory?: Partial<ContainerUsage["memory"]>;
  requests?: Partial<ContainerUsage["requests"]>;
  limits?: Partial<ContainerUsage["limits"]>;
};

export function makeUsage(overrides: UsageOverrides = {}): ContainerUsage {
  const { cpu, memory, requests, limits, ...rest } = overrides;
  return {
    cluster: "prod-us-east-1",
    namespace: "payments",
    workloadKind: "Deployment",
    workload: "api",
    container: "app",
    envTag: "production",
    teamTag: "payments",
    replicas: 1,
    cpuSamples: 4032,
    oomKills: 0,
    restarts: 0,
    hasHpa: false,
    firstSeen: "2026-11-12",
    dataDays: 14,
    windowStart: "2026-11-12",
    windowDays: 14,
    ...rest,
    cpu: { p50: 150, p95: 400, p99: 450, max: 500, ...cpu },
    memory: { idle: 300 * MiB, peak: 400 * MiB, ...memory },
    requests: { cpu: 1000, memory: 1024 * MiB, ...requests },
    limits: { cpu: null, memory: 2048 * MiB, ...limits },
  };
}

// The default settings, plus explicit round unit prices ($0.04 per vCPU-hour, $0.005 per GiB-hour)
// so dollar tests can be computed by hand.
export function makeSettings(input: RightsizingSettingsInput = {}): RightsizingSettings {
  return parseRightsizingSettings({
    defaultPricing: {
      instanceType: "test.node",
      vcpu: 4,
      memoryGib: 16,
      hourlyUsd: 0.24,
      vcpuHourUsd: 0.04,
      gibHourUsd: 0.005,
    },
    ...input,
  });
}
