import { describe, expect, it } from "vitest";
import { recommendRequests } from "./recommend";
import { UNTAGGED_LABEL } from "@/lib/labels";
import { resolveEnvironment, resolveTeam } from "./resolve-context";
import { defaultRightsizingSettings, parseRightsizingSettings } from "@/lib/settings/rightsizing";
import { makeSettings, makeUsage } from "@/testing/container-usage";

const clusterEnvironments = { "staging-us-east-1": "staging", "prod-us-east-1": "production" };

describe("environment (safety-critical; tag first, then cluster mapping)", () => {
  it.each([
    // [env tag, cluster, expected value, source, isProduction, isUnmapped]
    ["staging", "x", "staging", "tag", false, false],
    ["Staging ", "x", "Staging", "tag", false, false], // trimmed, case-insensitive
    ["development", "x", "development", "tag", false, false],
    ["dev", "x", "dev", "tag", false, false],
    ["test", "x", "test", "tag", false, false],
    ["qa", "x", "qa", "tag", false, false],
    ["sandbox", "x", "sandbox", "tag", false, false],
    ["production", "x", "production", "tag", true, false],
    ["prod", "x", "prod", "tag", true, false],
    ["prd", "x", "prd", "tag", true, false],
    ["Prod", "x", "Prod", "tag", true, false],
    ["shared", "x", "shared", "tag", true, true], // unknown value: production AND unmapped
    ["stage", "x", "stage", "tag", true, true], // near-miss is not non-production
    [null, "x", null, "none", true, true], // missing: production AND unmapped
    ["  ", "x", null, "none", true, true],
    [null, "staging-us-east-1", "staging", "cluster", false, false], // cluster fallback
    [null, "prod-us-east-1", "production", "cluster", true, false],
    ["production", "staging-us-east-1", "production", "tag", true, false], // tag wins
    ["staging", "prod-us-east-1", "staging", "tag", false, false],
  ])(
    "env tag %j on cluster %s → %j (%s) production=%s unmapped=%s",
    (envTag, cluster, value, source, isProduction, isUnmapped) => {
      const settings = makeSettings({ clusterEnvironments });
      expect(resolveEnvironment({ envTag, cluster }, settings)).toEqual({ value, source, isProduction, isUnmapped });
    },
  );

  it("follows the non-production list in settings", () => {
    const settings = makeSettings({ nonProductionEnvironments: ["Preview"] });
    expect(resolveEnvironment({ envTag: "preview", cluster: "x" }, settings).isProduction).toBe(false);
    expect(resolveEnvironment({ envTag: "staging", cluster: "x" }, settings).isProduction).toBe(true);
  });

  it.each([
    ["shared", 'environment "shared" is on neither list: treated as production'],
    [null, "no environment (no env tag, no cluster mapping): treated as production"],
  ])("an unmapped environment (%j) is flagged on the row and never idle", (envTag, text) => {
    const rec = recommendRequests(makeUsage({ envTag, cpu: { p95: 1 } }), defaultRightsizingSettings);
    expect(rec.rule).toBe("usage-based");
    expect(rec.flags).toContain("unmapped-environment");
    expect(rec.reason).toContain(text);
  });
});

describe("texts that name the environment tag", () => {
  it("name the tag key the settings say, not a fixed env", () => {
    const settings = makeSettings({ envTagKey: "stage" });
    const rec = recommendRequests(makeUsage({ envTag: null, cpu: { p95: 1 } }), settings);
    expect(rec.reason).toContain("no environment (no stage tag, no cluster mapping): treated as production");
    expect(rec.reason).not.toContain("env tag");
  });
});

describe("team (team tag, then namespace mapping)", () => {
  const settings = makeSettings({ namespaceTeams: { checkout: "payments" } });
  it.each([
    ["video", "checkout", "video", "tag"],
    [" video ", "checkout", "video", "tag"],
    [null, "checkout", "payments", "namespace"],
    ["", "checkout", "payments", "namespace"],
    [null, "misc", UNTAGGED_LABEL, "none"],
  ])("team tag %j in namespace %s → %s (%s)", (teamTag, namespace, value, source) => {
    expect(resolveTeam({ teamTag, namespace }, settings)).toEqual({ value, source });
  });
});

describe("settings (the defaults of docs/rules.md)", () => {
  it("has the documented defaults", () => {
    const s = defaultRightsizingSettings;
    expect(s.nonProductionEnvironments).toEqual(["staging", "development", "dev", "test", "qa", "sandbox"]);
    expect(s).toMatchObject({
      idleCpuThresholdMillicores: 25,
      idleCpuRequestMillicores: 10,
      idleMemoryMultiplier: 1.3,
      cpuP95Multiplier: 1.2,
      memoryPeakMultiplier: 1.15,
      cpuFloorMillicores: 10,
      memoryFloorMib: 32,
      cpuStepAboveMillicores: 100,
      cpuStepMillicores: 5,
      minDataDays: 3,
      windowDays: 14,
      teamTagKey: "team",
      hoursPerMonth: 730,
      defaultPricing: { instanceType: "t3a.xlarge", vcpu: 4, memoryGib: 16, hourlyUsd: 0.1504 },
    });
  });

  it.each([
    [{ idleMemoryMultiplier: 0.5 }, "idleMemoryMultiplier"],
    [{ nonProductionEnvironments: [""] }, "nonProductionEnvironments"],
    [{ defaultPricing: { instanceType: "x", vcpu: 4, memoryGib: 16, hourlyUsd: 1, vcpuHourUsd: 0.1 } }, "gibHourUsd"],
    [{ severity: { mediumPct: 60, highPct: 50 } }, "mediumPct"],
    [{ hpaOverrides: [{ cluster: "c", namespace: "n", workload: "w" }] }, "hasHpa"],
  ])("rejects %j with a message naming the field", (input, field) => {
    expect(() => parseRightsizingSettings(input)).toThrow(field);
  });
});
