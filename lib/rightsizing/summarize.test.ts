import { describe, expect, it } from "vitest";
import { summarizeRecommendations, toRightsizingRows } from "./summarize";
import { makeSettings, makeUsage, MiB } from "@/testing/container-usage";

// Unit prices $0.04 per vCPU-hour and $0.005 per GiB-hour (makeSettings), 730 h. Cents worked by hand:
const usages = [
  // A: production 1000m/1024Mi → 480m/460Mi, 1 replica:
  //    (0.52 × 0.04 + 564/1024 × 0.005) × 730 = 0.02355390625 × 730 = 17.194… → 1719
  makeUsage({ workload: "api" }),
  // B: the same, but HPA-scaled → 1719 cents, counted yet left out of savings totals
  makeUsage({ workload: "worker", hasHpa: true }),
  // C: under-provisioned, 100m/512Mi → 240m/460Mi, 2 replicas:
  //    (-0.14 × 0.04 + 52/1024 × 0.005) × 2 × 730 = -0.00534609375 × 1460 = -7.805… → -781
  makeUsage({
    teamTag: "video",
    workload: "encoder",
    replicas: 2,
    cpu: { p95: 200 },
    requests: { cpu: 100, memory: 512 * MiB },
  }),
  // D: too little data → 0 cents, no recommendation
  makeUsage({ teamTag: "video", workload: "encoder", container: "sidecar", dataDays: 1, requests: { cpu: 300 } }),
  // E: idle staging, 500m/1024Mi → 10m/276Mi, 1 replica:
  //    (0.49 × 0.04 + 748/1024 × 0.005) × 730 = 0.02325234375 × 730 = 16.974… → 1697
  makeUsage({
    teamTag: "video",
    envTag: "staging",
    workload: "preview",
    cpu: { p95: 2 },
    memory: { idle: 212 * MiB, peak: 230 * MiB },
    requests: { cpu: 500 },
  }),
];

describe("summarizeRecommendations (dollars per row, totals per team and overall)", () => {
  const rows = toRightsizingRows(usages, makeSettings());
  const summary = summarizeRecommendations(rows);

  it("computes each row's cents", () => {
    expect(rows.map((r) => r.savings.monthlyCents)).toEqual([1719, 1719, -781, 0, 1697]);
  });

  it("totals per team, sorted by net savings, HPA rows counted but out of the savings", () => {
    expect(summary.teams.map((t) => [t.team, t.savings])).toEqual([
      ["payments", { cutsCents: 1719, raisesCents: 0, netCents: 1719, excludedHpaNetCents: 1719 }],
      ["video", { cutsCents: 1697, raisesCents: 781, netCents: 916, excludedHpaNetCents: 0 }],
    ]);
    expect(summary.total.savings).toEqual({
      cutsCents: 3416,
      raisesCents: 781,
      netCents: 2635,
      excludedHpaNetCents: 1719,
    });
  });

  it("counts containers, workloads and changes", () => {
    const video = summary.teams.find((t) => t.team === "video");
    expect(video).toMatchObject({ containers: 3, workloads: 2, containersToChange: 2, workloadsToChange: 2 });
    expect(summary.total).toMatchObject({ containers: 5, workloads: 4, containersToChange: 4, workloadsToChange: 4 });
  });

  it("counts flagged rows by flag", () => {
    expect(summary.total.flagged).toMatchObject({ hpa: 1, "under-provisioned": 1, "insufficient-data": 1 });
    expect(summary.total.rowsFlagged).toBe(3);
  });

  it("sums requested CPU and memory × replicas (no recommendation = unchanged)", () => {
    // current 1000 + 1000 + 100×2 + 300 + 500; recommended 480 + 480 + 240×2 + 300 + 10
    expect(summary.total.currentCpuMillicores).toBe(3000);
    expect(summary.total.recommendedCpuMillicores).toBe(1750);
    // current 1024 + 1024 + 512×2 + 1024 + 1024; recommended 460 + 460 + 460×2 + 1024 + 276
    expect(summary.total.currentMemoryBytes).toBe(5120 * MiB);
    expect(summary.total.recommendedMemoryBytes).toBe(3140 * MiB);
  });

  it("adds up exactly: rows → teams → grand total", () => {
    const inTotals = rows.filter((r) => r.recommendation.isInSavingsTotals);
    const rowNet = inTotals.reduce((sum, r) => sum + r.savings.monthlyCents, 0);
    const teamNet = summary.teams.reduce((sum, t) => sum + t.savings.netCents, 0);
    expect(teamNet).toBe(rowNet);
    expect(summary.total.savings.netCents).toBe(teamNet);
    for (const key of ["cutsCents", "raisesCents", "excludedHpaNetCents"] as const) {
      expect(summary.teams.reduce((sum, t) => sum + t.savings[key], 0)).toBe(summary.total.savings[key]);
    }
  });

  it("adds up exactly for many awkward rows too", () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      makeUsage({
        teamTag: ["a", "b", "c"][i % 3] ?? null,
        workload: `w${i}`,
        replicas: 1 + (i % 7) / 3,
        cpu: { p95: (i * 37) % 900 },
        memory: { peak: ((i * 53) % 2000) * MiB + 12345 },
        requests: { cpu: (i * 61) % 1200, memory: ((i * 71) % 3000) * MiB },
      }),
    );
    const manyRows = toRightsizingRows(
      many,
      makeSettings({ defaultPricing: { instanceType: "x", vcpu: 4, memoryGib: 16, hourlyUsd: 0.1504 } }),
    );
    const s = summarizeRecommendations(manyRows);
    const rowNet = manyRows.reduce((sum, r) => sum + r.savings.monthlyCents, 0);
    expect(s.total.savings.netCents).toBe(rowNet);
    expect(s.teams.reduce((sum, t) => sum + t.savings.netCents, 0)).toBe(rowNet);
    expect(s.total.savings.cutsCents - s.total.savings.raisesCents).toBe(rowNet);
  });

  it("returns zeros for no rows", () => {
    expect(summarizeRecommendations([])).toMatchObject({
      teams: [],
      total: { containers: 0, savings: { netCents: 0 } },
    });
  });
});
