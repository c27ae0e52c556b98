import { describe, expect, it } from "vitest";
import { CPU_TO_GIB_PRICE_RATIO, getUnitPrices, monthlySavings, splitInstancePrice } from "./pricing";
import { roundCpuUpMillicores } from "./quantities";
import { recommendRequests } from "./recommend";
import { defaultRightsizingSettings } from "@/lib/settings/rightsizing";
import { makeSettings, makeUsage, MiB } from "@/testing/container-usage";
import type { Recommendation, UnitPrices } from "./types";

describe("price split (OpenCost's default CPU : RAM price ratio, normalised to the node price)", () => {
  it("splits t3a.xlarge so 4 vCPU + 16 GiB cost exactly $0.1504/h at OpenCost's ratio", () => {
    const p = splitInstancePrice(defaultRightsizingSettings.defaultPricing, 730);
    // 0.031611 / 0.004237 = 7.4607; GiB-equivalents 4 × 7.4607 + 16 = 45.8428;
    // per GiB-hour 0.1504 / 45.8428 = 0.0032808; per vCPU-hour 0.0032808 × 7.4607 = 0.0244769.
    expect(p.gibHourUsd).toBeCloseTo(0.0032808, 7);
    expect(p.vcpuHourUsd).toBeCloseTo(0.0244769, 7);
    expect(4 * p.vcpuHourUsd + 16 * p.gibHourUsd).toBeCloseTo(0.1504, 12);
    expect(p.vcpuHourUsd / p.gibHourUsd).toBeCloseTo(0.031611 / 0.004237, 12);
    expect(CPU_TO_GIB_PRICE_RATIO).toBeCloseTo(7.4607, 4);
  });

  it("uses explicit unit prices when both are given", () => {
    const p = splitInstancePrice(
      { instanceType: "m", vcpu: 2, memoryGib: 8, hourlyUsd: 1, vcpuHourUsd: 0.3, gibHourUsd: 0.05 },
      730,
    );
    expect(p).toEqual({ instanceType: "m", vcpuHourUsd: 0.3, gibHourUsd: 0.05, hoursPerMonth: 730 });
  });

  it("takes each cluster's own node pricing, else the default", () => {
    const settings = makeSettings({
      clusterPricing: { "prod-us-east-1": { instanceType: "m6i.xlarge", vcpu: 4, memoryGib: 16, hourlyUsd: 0.192 } },
    });
    expect(getUnitPrices("prod-us-east-1", settings).instanceType).toBe("m6i.xlarge");
    expect(getUnitPrices("dev-us-east-1", settings)).toMatchObject({ instanceType: "test.node", vcpuHourUsd: 0.04 });
  });
});

describe("monthly savings = Δ vCPU and GiB × replicas × 730 h × unit prices", () => {
  const prices: UnitPrices = { instanceType: "t", vcpuHourUsd: 0.04, gibHourUsd: 0.005, hoursPerMonth: 730 };
  const GiB = 1024 * MiB;
  const rec = (current: [number | null, number | null], next: [number, number] | null) =>
    ({
      current: { cpuRequest: current[0], cpuLimit: null, memoryRequest: current[1], memoryLimit: null },
      recommended: next && { cpuRequest: next[0], cpuLimit: null, memoryRequest: next[1], memoryLimit: null },
    }) as Recommendation;

  it.each([
    // [case, current (m, bytes), recommended, replicas, expected cents] — worked by hand:
    // (0.5 × 0.04 + 0.5 × 0.005) × 3 × 730 = 0.0225 × 2190 = 49.275 → 4928 (half away from zero)
    ["cut 500m and 0.5 GiB on 3 replicas", [1000, 2 * GiB], [500, 1.5 * GiB], 3, 4928],
    ["the same as a raise", [500, 1.5 * GiB], [1000, 2 * GiB], 3, -4928],
    // -(0.5 × 0.04) × 730 = -14.6
    ["raise 500m on 1 replica", [500, GiB], [1000, GiB], 1, -1460],
    // no request counts as 0: -(0.24 × 0.04) × 730 = -7.008 → -701
    ["from no CPU request", [null, GiB], [240, GiB], 1, -701],
    // 1 vCPU × 0.04 × 1.5 × 730 = 43.8 (time-weighted mean replicas)
    ["fractional replicas", [1500, GiB], [500, GiB], 1.5, 4380],
    // 1 MiB × 0.005/1024 × 730 = 0.00356 → 0 cents
    ["too small to be a cent", [500, GiB], [500, GiB - MiB], 1, 0],
    ["no recommendation", [1000, GiB], null, 3, 0],
  ] as const)("%s → %s cents", (_case, current, next, replicas, cents) => {
    const savings = monthlySavings(rec([...current], next && [...next]), makeUsage({ replicas }), prices);
    expect(savings.monthlyCents).toBe(cents);
    expect(Number.isInteger(savings.monthlyCents)).toBe(true);
  });

  it("prices the default t3a.xlarge: idle staging pod 500m/1024Mi → 10m/276Mi on 2 replicas", () => {
    const usage = makeUsage({
      envTag: "staging",
      replicas: 2,
      cpu: { p95: 2 },
      memory: { idle: 212 * MiB, peak: 230 * MiB },
      requests: { cpu: 500, memory: 1024 * MiB },
    });
    const recommendation = recommendRequests(usage, defaultRightsizingSettings);
    const unit = getUnitPrices(usage.cluster, defaultRightsizingSettings);
    // Δ 0.49 vCPU and 748/1024 GiB, × 2 replicas × 730 h, at the split prices above (≈ $21.01)
    const expected = (0.49 * unit.vcpuHourUsd + (748 / 1024) * unit.gibHourUsd) * 2 * 730;
    expect(expected).toBeCloseTo(21.01, 2);
    expect(monthlySavings(recommendation, usage, unit).monthlyCents).toBe(2101);
  });
});

describe("quantity helpers", () => {
  it.each([
    [5, 5],
    [99.2, 100],
    [100, 100],
    [100.5, 105],
    [101, 105],
    [114.99999999999999, 115],
    [115.2, 120],
  ])("roundCpuUpMillicores(%s) = %s", (m, expected) => {
    expect(roundCpuUpMillicores(m, 100, 5)).toBe(expected);
  });
});
