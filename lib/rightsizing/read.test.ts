import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { AppError } from "@/lib/errors";
import { saveRightsizingSettings } from "@/lib/settings/store";
import { getRightsizingOverview, getTeamRightsizing, listUsageHours } from "./read";
import { tableQuerySchema } from "./table-query";
import { insertContainers, insertUsageHours } from "@/testing/rightsizing-seed";
import { EXPECTED_CENTS, TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { makeUsage, MiB } from "@/testing/container-usage";

const query = (input: Record<string, unknown> = {}) => tableQuerySchema.parse(input);
const sumCents = (rows: { savings: { monthlyCents: number }; recommendation: { isInSavingsTotals: boolean } }[]) =>
  rows.filter((r) => r.recommendation.isInSavingsTotals).reduce((sum, r) => sum + r.savings.monthlyCents, 0);

describe.each(testDatabases())("rightsizing reads on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    await insertContainers(db.sql, TEST_TEAMS);
  });
  afterAll(() => db.drop());

  it("gives each team the totals worked out by hand, and the grand total", async () => {
    const overview = await getRightsizingOverview(db, {});
    expect(overview.teams).toEqual(["payments", "video"]);
    expect(overview.summary.teams.map((t) => [t.team, t.savings])).toEqual([
      ["payments", EXPECTED_CENTS.payments],
      ["video", EXPECTED_CENTS.video],
    ]);
    expect(overview.summary.total.savings).toEqual(EXPECTED_CENTS.total);
    expect(overview.clusters).toEqual(["prod-us-east-1", "staging-us-east-1"]);
    expect(overview.environments).toEqual(["production", "staging"]);
    expect(overview.window).toEqual({ start: "2026-11-12", days: 14 });
  });

  it("rows add up to their team's totals, and team totals to the overview", async () => {
    const overview = await getRightsizingOverview(db, {});
    let grand = 0;
    for (const teamRow of overview.summary.teams) {
      const team = await getTeamRightsizing(db, teamRow.team, query({ size: 200 }));
      expect(sumCents(team.table.matchingRows)).toBe(team.totals.savings.netCents);
      expect(team.totals).toEqual(teamRow);
      grand += team.totals.savings.netCents;
    }
    expect(grand).toBe(overview.summary.total.savings.netCents);
  });

  it("filters by cluster and environment on the overview and the team page alike", async () => {
    const staging = await getRightsizingOverview(db, { cluster: "staging-us-east-1" });
    expect(staging.summary.teams.map((t) => [t.team, t.savings.netCents])).toEqual([["video", 1697]]);
    const byEnv = await getRightsizingOverview(db, { environment: "Staging" });
    expect(byEnv.summary.total.savings.netCents).toBe(1697);
    const video = await getTeamRightsizing(db, "video", query({ environment: "production" }));
    expect(video.totals.savings).toEqual({ cutsCents: 0, raisesCents: 781, netCents: -781, excludedHpaNetCents: 0 });
    expect(video.table.matchingRows.map((r) => r.usage.container)).toEqual(["uploader", "ffmpeg"]);
  });

  it("filters, sorts and pages the team table by row", async () => {
    const raises = await getTeamRightsizing(db, "video", query({ change: "raise" }));
    expect(raises.table.matchingRows.map((r) => r.usage.container)).toEqual(["ffmpeg"]);
    const noData = await getTeamRightsizing(db, "video", query({ flag: "insufficient-data" }));
    expect(noData.table.matchingRows.map((r) => r.usage.container)).toEqual(["uploader"]);
    const search = await getTeamRightsizing(db, "payments", query({ q: "ISTIO" }));
    expect(search.table.matchingRows.map((r) => r.usage.container)).toEqual(["istio-proxy"]);
    // Savings, largest first, by workload: api (1719 + 142) before worker (1719), rows within by savings.
    const payments = await getTeamRightsizing(db, "payments", query());
    expect(payments.table.matchingRows.map((r) => `${r.usage.workload}/${r.usage.container}`)).toEqual([
      "api/app",
      "api/istio-proxy",
      "worker/app",
    ]);
    const ascending = await getTeamRightsizing(db, "payments", query({ dir: "asc" }));
    expect(ascending.table.matchingRows.map((r) => `${r.usage.workload}/${r.usage.container}`)).toEqual([
      "worker/app",
      "api/istio-proxy",
      "api/app",
    ]);
  });

  it("answers an unknown team with the known ones, and an unknown filter value with the choices", async () => {
    await expect(getTeamRightsizing(db, "nobody", query())).rejects.toThrow(
      /No team "nobody" in the synced data\. Teams: payments, video\./,
    );
    await expect(getTeamRightsizing(db, "nobody", query())).rejects.toMatchObject({ kind: "not-found" });
    const bad = getRightsizingOverview(db, { cluster: "prod-eu" });
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(getRightsizingOverview(db, { cluster: "prod-eu" })).rejects.toThrow(
      'No cluster "prod-eu" in the synced data. Clusters: prod-us-east-1, staging-us-east-1.',
    );
    await expect(getRightsizingOverview(db, { environment: "qa" })).rejects.toMatchObject({ kind: "bad-input" });
  });

  it("applies a settings change at the next read, without a sync", async () => {
    const before = await getTeamRightsizing(db, "video", query({ cluster: "staging-us-east-1" }));
    expect(before.table.matchingRows[0]?.recommendation.recommended?.memoryRequest).toBe(276 * MiB);
    await saveRightsizingSettings(db, { ...TEST_PRICING_SETTINGS, idleMemoryMultiplier: 1.5 });
    try {
      // idle 212Mi × 1.5 = 318Mi: (0.49 × 0.04 + 706/1024 × 0.005) × 730 = 16.8245… → 1682 cents
      const after = await getTeamRightsizing(db, "video", query({ cluster: "staging-us-east-1" }));
      const row = after.table.matchingRows[0];
      expect(row?.recommendation.recommended?.memoryRequest).toBe(318 * MiB);
      expect(row?.recommendation.reason).toContain("idle 212Mi × 1.5 = 318Mi");
      expect(after.totals.savings.netCents).toBe(1682);
      // Moving staging off the non-production list: the idle rule no longer applies to it.
      await saveRightsizingSettings(db, { ...TEST_PRICING_SETTINGS, nonProductionEnvironments: ["development"] });
      const prod = await getTeamRightsizing(db, "video", query({ cluster: "staging-us-east-1" }));
      expect(prod.table.matchingRows[0]?.recommendation.rule).toBe("usage-based");
      expect(prod.table.matchingRows[0]?.recommendation.flags).toContain("unmapped-environment");
    } finally {
      await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    }
  });

  it("shows a new snapshot at the next read (the sync replaces the rows under a new run)", async () => {
    expect((await getRightsizingOverview(db, {})).teams).toEqual(["payments", "video"]);
    await db.transaction(async (tx) => {
      await tx.query("UPDATE k8s_container SET run_id = 2");
      await insertContainers(tx, [makeUsage({ teamTag: "growth", namespace: "growth", workload: "search" })], 2);
    });
    try {
      expect((await getRightsizingOverview(db, {})).teams).toEqual(["growth", "payments", "video"]);
    } finally {
      await db.sql.query("DELETE FROM k8s_container WHERE team_tag = 'growth'");
    }
    expect((await getRightsizingOverview(db, {})).teams).toEqual(["payments", "video"]);
  });

  it("reads a container's hourly usage, oldest first", async () => {
    const key = {
      cluster: "prod-us-east-1",
      namespace: "payments",
      workloadKind: "Deployment",
      workload: "api",
      container: "app",
    };
    await insertUsageHours(db.sql, key, [
      { hour: "2026-11-25T01:00:00.000Z", cpuAvg: 300, cpuMax: 420, memoryAvg: 350 * MiB, memoryMax: 400 * MiB },
      { hour: "2026-11-25T00:00:00.000Z", cpuAvg: 250, cpuMax: null, memoryAvg: 340 * MiB, memoryMax: 390 * MiB },
    ]);
    const hours = await listUsageHours(db, key);
    expect(hours.map((h) => [h.hour, h.cpuMax])).toEqual([
      ["2026-11-25T00:00:00.000Z", null],
      ["2026-11-25T01:00:00.000Z", 420],
    ]);
    expect(await listUsageHours(db, { ...key, container: "istio-proxy" })).toEqual([]);
  });
});
