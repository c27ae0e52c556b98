// Tests only: a small estate of two teams whose recommendations and cents are worked out by hand below.
// Unit prices (settings): $0.04 per vCPU-hour, $0.005 per GiB-hour, 730 hours a month.
import type { RightsizingSettingsInput } from "@/lib/settings/rightsizing";
import { makeUsage, MiB } from "./container-usage";

export const TEST_PRICING_SETTINGS: RightsizingSettingsInput = {
  defaultPricing: {
    instanceType: "test.node",
    vcpu: 4,
    memoryGib: 16,
    hourlyUsd: 0.24,
    vcpuHourUsd: 0.04,
    gibHourUsd: 0.005,
  },
};

export const TEST_TEAMS = [
  // payments, production: 1000m/1024Mi → p95 400 × 1.2 = 480m, peak 400Mi × 1.15 = 460Mi:
  //   (0.52 × 0.04 + 564/1024 × 0.005) × 730 = 17.194… → 1719 cents
  makeUsage({ workload: "api", container: "app" }),
  // payments, the same pod's sidecar: 100m/128Mi → p95 50 × 1.2 = 60m, peak 50Mi × 1.15 = 57.5 → 58Mi:
  //   (0.04 × 0.04 + 70/1024 × 0.005) × 730 = 1.4175… → 142 cents
  makeUsage({
    workload: "api",
    container: "istio-proxy",
    cpu: { p50: 20, p95: 50, p99: 60, max: 80 },
    memory: { idle: 40 * MiB, peak: 50 * MiB },
    requests: { cpu: 100, memory: 128 * MiB },
    limits: { cpu: null, memory: null },
  }),
  // payments, HPA-scaled: 1719 cents, shown but left out of the savings totals
  makeUsage({ workload: "worker", hasHpa: true }),
  // video, staging, idle: 500m/1024Mi → 10m, idle 212Mi × 1.3 = 275.6 → 276Mi:
  //   (0.49 × 0.04 + 748/1024 × 0.005) × 730 = 16.974… → 1697 cents
  makeUsage({
    cluster: "staging-us-east-1",
    namespace: "video",
    teamTag: "video",
    envTag: "staging",
    workload: "preview",
    container: "web",
    cpu: { p50: 1, p95: 2, p99: 3, max: 30 },
    memory: { idle: 212 * MiB, peak: 230 * MiB },
    requests: { cpu: 500 },
  }),
  // video, production, under-provisioned: 100m/512Mi → 240m/460Mi, 2 replicas:
  //   (-0.14 × 0.04 + 52/1024 × 0.005) × 2 × 730 = -7.805… → -781 cents (a raise)
  makeUsage({
    namespace: "video",
    teamTag: "video",
    workload: "encoder",
    container: "ffmpeg",
    replicas: 2,
    cpu: { p95: 200 },
    requests: { cpu: 100, memory: 512 * MiB },
  }),
  // video, 1 day of samples: no recommendation, 0 cents
  makeUsage({
    namespace: "video",
    teamTag: "video",
    workload: "encoder",
    container: "uploader",
    dataDays: 1,
    firstSeen: "2026-11-25",
  }),
];

// Expected totals (sums of the cents above): payments 1719 + 142 = 1861 net (HPA 1719 apart);
// video cuts 1697, raises 781, net 916; all teams cuts 3558, raises 781, net 2777.
export const EXPECTED_CENTS = {
  payments: { cutsCents: 1861, raisesCents: 0, netCents: 1861, excludedHpaNetCents: 1719 },
  video: { cutsCents: 1697, raisesCents: 781, netCents: 916, excludedHpaNetCents: 0 },
  total: { cutsCents: 3558, raisesCents: 781, netCents: 2777, excludedHpaNetCents: 1719 },
};
