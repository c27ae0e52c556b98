import { describe, expect, it } from "vitest";
import { recommendRequests } from "./recommend";
import { defaultRightsizingSettings as defaults } from "@/lib/settings/rightsizing";
import { makeSettings, makeUsage, MiB } from "@/testing/container-usage";

const staging = { envTag: "staging", cluster: "staging-us-east-1" };

describe("idle non-production rule (CPU 10m, memory = idle × 1.3)", () => {
  it("gives 10m CPU and idle × 1.3 memory, rounded up to whole Mi, with the reason", () => {
    // 212 × 1.3 = 275.6 → 276Mi; peak 230 × 1.15 = 264.5 → 265Mi stays below, so no guard.
    const rec = recommendRequests(
      makeUsage({ ...staging, cpu: { p95: 3.2 }, memory: { idle: 212 * MiB, peak: 230 * MiB } }),
      defaults,
    );
    expect(rec.rule).toBe("idle-non-production");
    expect(rec.recommended?.cpuRequest).toBe(10);
    expect(rec.recommended?.memoryRequest).toBe(276 * MiB);
    expect(rec.reason).toContain(
      "idle non-production (staging, CPU p95 3.2m < 25m): CPU 10m; memory = idle 212Mi × 1.3 = 276Mi",
    );
    expect(rec.flags).not.toContain("peak-guard-raised");
  });

  it.each([
    // [CPU p95, expected rule]: the threshold is strict ("below 25m")
    [0, "idle-non-production"],
    [24.9, "idle-non-production"],
    [25, "usage-based"],
    [80, "usage-based"],
  ])("staging with CPU p95 %sm → %s", (p95, rule) => {
    expect(recommendRequests(makeUsage({ ...staging, cpu: { p95 } }), defaults).rule).toBe(rule);
  });

  it("applies the multipliers from settings, and says which", () => {
    // idle 200Mi × 1.5 = 300Mi
    const rec = recommendRequests(
      makeUsage({ ...staging, cpu: { p95: 1 }, memory: { idle: 200 * MiB, peak: 210 * MiB } }),
      makeSettings({ idleMemoryMultiplier: 1.5 }),
    );
    expect(rec.recommended?.memoryRequest).toBe(300 * MiB);
    expect(rec.reason).toContain("idle 200Mi × 1.5 = 300Mi");
    expect(rec.parameters.idleMemoryMultiplier).toBe(1.5);
  });
});

describe("usage-based rule (CPU = p95 × 1.2, memory = peak × 1.15)", () => {
  it("production: 412m × 1.2 = 494.4 → 495m (5m steps); peak 800Mi × 1.15 = 920Mi", () => {
    const rec = recommendRequests(makeUsage({ cpu: { p95: 412 }, memory: { peak: 800 * MiB } }), defaults);
    expect(rec.rule).toBe("usage-based");
    expect(rec.recommended).toMatchObject({ cpuRequest: 495, memoryRequest: 920 * MiB });
    expect(rec.reason).toBe("production: CPU = p95 412m × 1.2 = 495m; memory = peak 800Mi × 1.15 = 920Mi");
  });

  it.each([
    ["prod", "production (prod): "],
    [null, "production (no environment): "],
    ["shared", "production (shared): "],
  ])("names the environment %j that made it production", (envTag, head) => {
    expect(recommendRequests(makeUsage({ envTag }), defaults).reason.startsWith(head)).toBe(true);
  });

  it("busy non-production uses the same rule and says it is busy", () => {
    // 80 × 1.2 = 96m; 500 × 1.15 = 575Mi
    const rec = recommendRequests(makeUsage({ ...staging, cpu: { p95: 80 }, memory: { peak: 500 * MiB } }), defaults);
    expect(rec.recommended).toMatchObject({ cpuRequest: 96, memoryRequest: 575 * MiB });
    expect(rec.reason).toMatch(/^busy non-production \(staging, CPU p95 80m ≥ 25m\)/);
  });

  it("an idle production container is never given the idle rule", () => {
    // p95 3 × 1.2 = 3.6 → 4m → floor 10m; memory from peak, not idle
    const rec = recommendRequests(
      makeUsage({ cpu: { p95: 3 }, memory: { idle: 100 * MiB, peak: 200 * MiB } }),
      defaults,
    );
    expect(rec.rule).toBe("usage-based");
    expect(rec.recommended).toMatchObject({ cpuRequest: 10, memoryRequest: 230 * MiB });
    expect(rec.reason).toContain("CPU = p95 3m × 1.2 = 4m → floor 10m");
  });
});

describe("rounding and floors", () => {
  it.each([
    // [p95, expected CPU request]: ≤100m whole millicores, above 100m 5m steps, floor 10m
    [0, 10],
    [7, 10], // 8.4 → 9 → floor 10
    [9, 11], // 10.8 → 11
    [50, 60],
    [83.3, 100], // 99.96 → 100, not a step
    [83.4, 105], // 100.08 → above 100 → 105
    [100, 120],
    [101, 125], // 121.2 → 125
    [1000, 1200],
  ])("CPU p95 %sm → %sm", (p95, expected) => {
    expect(recommendRequests(makeUsage({ cpu: { p95 } }), defaults).recommended?.cpuRequest).toBe(expected);
  });

  it.each([
    // [peak bytes, expected MiB]: whole Mi rounded up, floor 32Mi
    [100 * MiB, 115], // 114.99999999999999 in floating point is still 115
    [20 * MiB, 32], // 23 → floor 32
    [0, 32],
    [1000.5 * MiB, 1151], // 1150.575 → 1151
    [1e9, 1097], // 953.67Mi × 1.15 = 1096.73 → 1097
  ])("memory peak %s bytes → %sMi", (peak, expectedMib) => {
    const rec = recommendRequests(makeUsage({ memory: { idle: 0, peak } }), defaults);
    expect(rec.recommended?.memoryRequest).toBe(expectedMib * MiB);
  });

  it("floors the idle CPU too, and says so", () => {
    const rec = recommendRequests(
      makeUsage({ ...staging, cpu: { p95: 1 } }),
      makeSettings({ idleCpuRequestMillicores: 5 }),
    );
    expect(rec.recommended?.cpuRequest).toBe(10);
    expect(rec.reason).toContain("CPU 5m → floor 10m");
  });

  it("floors idle memory at 32Mi", () => {
    const rec = recommendRequests(
      makeUsage({ ...staging, cpu: { p95: 1 }, memory: { idle: 10 * MiB, peak: 12 * MiB } }),
      defaults,
    );
    expect(rec.recommended?.memoryRequest).toBe(32 * MiB); // 13Mi → floor; guard 13.8 → 14 → floor, not raised
    expect(rec.reason).toContain("memory = idle 10Mi × 1.3 = 13Mi → floor 32Mi");
    expect(rec.flags).not.toContain("peak-guard-raised");
  });
});

describe("peak guard, everywhere", () => {
  it("raises idle memory to peak × 1.15 and says so", () => {
    // idle 212 × 1.3 = 276 < peak 300 × 1.15 = 345
    const rec = recommendRequests(
      makeUsage({ ...staging, cpu: { p95: 2 }, memory: { idle: 212 * MiB, peak: 300 * MiB } }),
      defaults,
    );
    expect(rec.recommended?.memoryRequest).toBe(345 * MiB);
    expect(rec.flags).toContain("peak-guard-raised");
    expect(rec.reason).toContain(
      "memory = idle 212Mi × 1.3 = 276Mi; peak guard: memory raised to peak 300Mi × 1.15 = 345Mi",
    );
  });
});

describe("OOM kills (neither memory request nor limit goes down)", () => {
  it.each([
    // [case, usage, expected memory request MiB, expected memory limit MiB | null]
    ["rule would cut: request kept", { oomKills: 2 }, 1024, 2048], // peak 400 → 460 < 1024
    [
      "rule raises: raise kept, limit follows",
      { oomKills: 1, memory: { peak: 300 * MiB }, requests: { memory: 256 * MiB }, limits: { memory: 300 * MiB } },
      345,
      345,
    ],
    [
      "idle non-production: request kept",
      {
        ...staging,
        oomKills: 3,
        cpu: { p95: 1 },
        memory: { idle: 100 * MiB, peak: 120 * MiB },
        requests: { memory: 512 * MiB },
      },
      512,
      2048,
    ],
    ["no memory limit stays none", { oomKills: 1, limits: { memory: null } }, 1024, null],
  ])("%s", (_case, overrides, requestMib, limitMib) => {
    const rec = recommendRequests(makeUsage(overrides), defaults);
    expect(rec.flags).toContain("oom");
    expect(rec.recommended?.memoryRequest).toBe(requestMib * MiB);
    expect(rec.recommended?.memoryLimit).toBe(limitMib === null ? null : limitMib * MiB);
    expect(rec.reason).toMatch(/OOM-killed \d× in the window/);
  });

  it("keeps a current request that is not a whole Mi exactly", () => {
    const rec = recommendRequests(makeUsage({ oomKills: 1, requests: { memory: 1e9 } }), defaults);
    expect(rec.recommended?.memoryRequest).toBe(1e9);
    expect(rec.reason).toContain("memory request kept at 953.7Mi, not lowered");
  });

  it("still lowers CPU of an OOM-killed container", () => {
    expect(recommendRequests(makeUsage({ oomKills: 1 }), defaults).recommended?.cpuRequest).toBe(480);
  });
});

describe("limits never go down", () => {
  it.each([
    // [case, limits, expected cpu limit, expected memory limit MiB]; request becomes 480m / 460Mi
    ["no limits stay none", { cpu: null, memory: null }, null, null],
    ["CPU limit above the request is unchanged", { cpu: 2000, memory: null }, 2000, null],
    ["memory limit above the request is unchanged", { cpu: null, memory: 2048 * MiB }, null, 2048],
    ["memory limit below the new request is raised to it", { cpu: null, memory: 400 * MiB }, null, 460],
    ["CPU limit below the new request is raised to it (else invalid)", { cpu: 450, memory: null }, 480, null],
  ])("%s", (_case, limits, cpuLimit, memoryLimitMib) => {
    const rec = recommendRequests(makeUsage({ limits }), defaults);
    expect(rec.recommended?.cpuLimit).toBe(cpuLimit);
    expect(rec.recommended?.memoryLimit).toBe(memoryLimitMib === null ? null : memoryLimitMib * MiB);
    const isRaised = (cpuLimit ?? 0) > (limits.cpu ?? 0) || (memoryLimitMib ?? 0) * MiB > (limits.memory ?? 0);
    expect(rec.flags.includes("limit-raised")).toBe(isRaised);
  });
});

describe("under-provisioned (a raise, shown apart)", () => {
  it.each([
    // [case, usage, flagged, direction]
    ["CPU p95 above request", { cpu: { p95: 600 }, requests: { cpu: 500 } }, true, "raise"],
    ["memory peak above request", { memory: { peak: 1200 * MiB } }, true, "raise"],
    [
      "p95 below request but × 1.2 above it: a raise, not flagged",
      { cpu: { p95: 450 }, requests: { cpu: 500 } },
      false,
      "raise",
    ],
    ["no request is not 'under-provisioned' (it is 'no-request')", { requests: { cpu: null } }, false, "raise"],
    ["well above usage", {}, false, "cut"],
  ])("%s", (_case, overrides, flagged, direction) => {
    const rec = recommendRequests(makeUsage(overrides), defaults);
    expect(rec.flags.includes("under-provisioned")).toBe(flagged);
    expect(rec.direction).toBe(direction);
  });

  it("names the numbers", () => {
    const rec = recommendRequests(makeUsage({ cpu: { p95: 600 }, requests: { cpu: 500 } }), defaults);
    expect(rec.recommended?.cpuRequest).toBe(720);
    expect(rec.reason).toContain("under-provisioned: CPU p95 600m above request 500m");
  });
});

describe("data", () => {
  it.each([
    [0, "insufficient-data"],
    [2.9, "insufficient-data"],
    [3, "usage-based"],
  ])("%s days of samples → %s", (dataDays, rule) => {
    expect(recommendRequests(makeUsage({ dataDays }), defaults).rule).toBe(rule);
  });

  it("gives no recommendation and says why", () => {
    const rec = recommendRequests(makeUsage({ dataDays: 2.5, firstSeen: "2026-11-23" }), defaults);
    expect(rec).toMatchObject({
      recommended: null,
      change: null,
      direction: "none",
      severity: "none",
      isInSavingsTotals: false,
    });
    expect(rec.flags).toEqual(["insufficient-data", "young"]);
    expect(rec.reason).toMatch(/^insufficient data: 2\.5 days of samples, at least 3 needed; no recommendation/);
  });

  it.each([
    ["2026-11-12", false],
    ["2026-11-13", true],
  ])("first seen %s with the window starting 2026-11-12 → young %s", (firstSeen, isYoung) => {
    expect(recommendRequests(makeUsage({ firstSeen }), defaults).flags.includes("young")).toBe(isYoung);
  });
});

describe("no request (counts as 0 and is flagged)", () => {
  it.each([
    ["CPU", { cpu: null }, "no CPU request set (counted as 0)"],
    ["memory", { memory: null }, "no memory request set (counted as 0)"],
    ["both", { cpu: null, memory: null }, "no CPU and memory request set (counted as 0)"],
  ])("%s", (_case, requests, text) => {
    const rec = recommendRequests(makeUsage({ requests }), defaults);
    expect(rec.flags).toContain("no-request");
    expect(rec.reason).toContain(text);
    expect(rec.direction).toBe("raise");
    expect(rec.severity).toBe("high"); // a change from nothing has no percentage
  });

  it("changes from 0, with no percentage", () => {
    const rec = recommendRequests(makeUsage({ requests: { cpu: null } }), defaults);
    expect(rec.change).toMatchObject({ cpuMillicores: 480, cpuPct: null });
  });
});

describe("HPA (flagged, left out of savings totals)", () => {
  const override = { cluster: "prod-us-east-1", namespace: "payments", workload: "api" };
  it.each([
    ["from metrics", {}, true, [], true, "metric"],
    ["forced on by override", { hasHpa: false }, false, [{ ...override, hasHpa: true }], true, "override"],
    ["forced off by override", {}, true, [{ ...override, hasHpa: false }], false, "override"],
    [
      "override for another kind ignored",
      {},
      false,
      [{ ...override, workloadKind: "StatefulSet", hasHpa: true }],
      false,
      "none",
    ],
    [
      "override for another cluster ignored",
      {},
      false,
      [{ ...override, cluster: "dev-us-east-1", hasHpa: true }],
      false,
      "none",
    ],
    [
      "override matching the kind, case-insensitively",
      {},
      false,
      [{ ...override, workloadKind: "deployment", hasHpa: true }],
      true,
      "override",
    ],
  ])("%s", (_case, _x, hasHpa, hpaOverrides, isScaled, source) => {
    const rec = recommendRequests(makeUsage({ hasHpa }), makeSettings({ hpaOverrides }));
    expect(rec.hpa).toEqual({ isScaled, source });
    expect(rec.flags.includes("hpa")).toBe(isScaled);
    expect(rec.isInSavingsTotals).toBe(!isScaled);
    expect(rec.recommended).not.toBeNull(); // still recommended, only left out of the totals
  });
});

describe("severity by size of change (low < 20% ≤ medium < 50% ≤ high)", () => {
  it.each([
    // request 480m / 460Mi recommended (p95 400, peak 400Mi)
    ["none", 480, 460, "none", "none"],
    ["low: -10% CPU", 533, 460, "low", "cut"], // 480/533 = -9.9%
    ["medium: -25% CPU", 640, 460, "medium", "cut"],
    ["high: exactly -50% CPU", 960, 460, "high", "cut"],
    ["medium: +21% memory raise", 480, 380, "medium", "raise"], // 460/380 = +21%
    ["mixed: CPU cut, memory raise → a raise", 1000, 380, "high", "raise"],
  ])("%s", (_case, cpu, memoryMib, severity, direction) => {
    const rec = recommendRequests(makeUsage({ requests: { cpu, memory: memoryMib * MiB } }), defaults);
    expect(rec.severity).toBe(severity);
    expect(rec.direction).toBe(direction);
  });
});

describe("multi-container pods", () => {
  it("gives each container of a workload its own recommendation", () => {
    const app = makeUsage({ container: "app", cpu: { p95: 400 }, memory: { peak: 400 * MiB } });
    const sidecar = makeUsage({
      container: "envoy",
      cpu: { p95: 20 },
      memory: { peak: 60 * MiB },
      requests: { cpu: 100, memory: 128 * MiB },
      limits: { cpu: null, memory: null },
    });
    const [a, b] = [app, sidecar].map((u) => recommendRequests(u, defaults));
    expect(a?.recommended).toMatchObject({ cpuRequest: 480, memoryRequest: 460 * MiB, memoryLimit: 2048 * MiB });
    expect(b?.recommended).toMatchObject({ cpuRequest: 24, memoryRequest: 69 * MiB, memoryLimit: null });
  });
});
