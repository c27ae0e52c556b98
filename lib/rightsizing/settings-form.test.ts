import { describe, expect, it } from "vitest";
import { defaultRightsizingSettings, parseRightsizingSettings } from "@/lib/settings/rightsizing";
import { MAX_MAPPING_LINES, toFormValues, toSettingsInput } from "./settings-form";

// What the browser posts: every field as text, cluster rows as cluster.<i>.<field>.
function toForm(
  settings = defaultRightsizingSettings,
  clusters = ["prod-us-east-1", "staging-us-east-1"],
): Record<string, string> {
  const { values, clusterRows } = toFormValues(settings, clusters);
  const form: Record<string, string> = { ...values };
  clusterRows.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) form[`cluster.${i}.${key}`] = value;
  });
  return form;
}

describe("rightsizing settings form", () => {
  it("round-trips the defaults unchanged", () => {
    const result = toSettingsInput(toForm());
    expect(result.ok && parseRightsizingSettings(result.input)).toEqual(defaultRightsizingSettings);
  });

  it("reads lists, mappings, cluster rows and HPA overrides", () => {
    const form = {
      ...toForm(),
      nonProductionEnvironments: "staging,\n QA , stg",
      namespaceTeams: "# owners\npayments-jobs = payments\nmonitoring=platform\n",
      hpaOverrides: "prod-us-east-1/payments/checkout-api = off\nprod-us-east-1/video/StatefulSet/encoder = on",
      "cluster.1.environment": "staging",
      "cluster.1.instanceType": "r6a.large",
      "cluster.1.vcpu": "2",
      "cluster.1.memoryGib": "16",
      "cluster.1.hourlyUsd": "0.1134",
    };
    const result = toSettingsInput(form);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const settings = parseRightsizingSettings(result.input);
    expect(settings.nonProductionEnvironments).toEqual(["staging", "qa", "stg"]);
    expect(settings.namespaceTeams).toEqual({ "payments-jobs": "payments", monitoring: "platform" });
    expect(settings.hpaOverrides).toEqual([
      { cluster: "prod-us-east-1", namespace: "payments", workload: "checkout-api", hasHpa: false },
      { cluster: "prod-us-east-1", namespace: "video", workloadKind: "StatefulSet", workload: "encoder", hasHpa: true },
    ]);
    expect(settings.clusterEnvironments).toEqual({ "staging-us-east-1": "staging" });
    expect(settings.clusterPricing).toEqual({
      "staging-us-east-1": { instanceType: "r6a.large", vcpu: 2, memoryGib: 16, hourlyUsd: 0.1134 },
    });
  });

  it.each([
    [
      "a word for a number",
      { idleCpuThresholdMillicores: "lots" },
      "idleCpuThresholdMillicores",
      '"lots" is not a number',
    ],
    ["a blank number", { cpuP95Multiplier: " " }, "cpuP95Multiplier", "enter a number"],
    ["a multiplier below 1", { idleMemoryMultiplier: "0.5" }, "idleMemoryMultiplier", "must be at least 1"],
    [
      "severity thresholds in the wrong order",
      { severityMediumPct: "60", severityHighPct: "50" },
      "severityHighPct",
      "severity.mediumPct must be below severity.highPct",
    ],
    ["an empty team tag", { teamTagKey: "" }, "teamTagKey", "required"],
    [
      "a team tag that would break the Datadog query",
      { teamTagKey: "team} by {x" },
      "teamTagKey",
      "a Datadog tag key: a letter, then letters, digits, _ - . / or : (e.g. team or kube_team)",
    ],
    [
      "a mapping line without =",
      { namespaceTeams: "payments\nvideo = video" },
      "namespaceTeams",
      'line 1 "payments": expected namespace = team',
    ],
    [
      "an HPA override with a bad state",
      { hpaOverrides: "prod/payments/api = maybe" },
      "hpaOverrides",
      '"prod/payments/api = maybe": expected cluster/namespace/workload = on|off (or cluster/namespace/Kind/workload = on|off)',
    ],
    [
      "a cluster price without its node size",
      { "cluster.0.instanceType": "m5.large", "cluster.0.hourlyUsd": "0.096" },
      "cluster.0.vcpu",
      "enter a number",
    ],
    [
      "one unit price without the other",
      { "defaultPricing.vcpuHourUsd": "0.03" },
      "defaultPricing.vcpuHourUsd",
      "give both vcpuHourUsd and gibHourUsd, or neither (then the hourly price is split)",
    ],
    [
      "a negative node price",
      { "cluster.1.instanceType": "x", "cluster.1.vcpu": "2", "cluster.1.memoryGib": "8", "cluster.1.hourlyUsd": "-1" },
      "cluster.1.hourlyUsd",
      "must be more than 0",
    ],
    ["a fractional floor", { memoryFloorMib: "32.5" }, "memoryFloorMib", "must be a whole number"],
  ])("puts %s next to its field", (_, change, field, message) => {
    const result = toSettingsInput({ ...toForm(), ...change });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[field]).toBe(message);
  });
});

describe("rightsizing settings form, several problems", () => {
  it("reports every bad field at once, not only the first kind", () => {
    const result = toSettingsInput({
      ...toForm(),
      namespaceTeams: "payments",
      idleMemoryMultiplier: "0.5",
      "cluster.1.hourlyUsd": "0.2",
    });
    expect(!result.ok && result.errors).toEqual({
      namespaceTeams: 'line 1 "payments": expected namespace = team',
      idleMemoryMultiplier: "must be at least 1",
      "cluster.1.vcpu": "enter a number",
      "cluster.1.memoryGib": "enter a number",
      "cluster.1.instanceType": "required",
    });
  });

  it("reads a 900 KB line without '=' as one bad line (a linear split: the old regular expression took minutes)", () => {
    // Spaces inside the line made the old /^([^=]+?)\s*=\s*(.+)$/ backtrack quadratically; vitest's 5 s test
    // timeout is thousands of times what the linear split needs and far below what the regex needed.
    const line = `a${" ".repeat(900_000)}b`;
    const result = toSettingsInput({ ...toForm(), namespaceTeams: line });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.namespaceTeams).toBe(`line 1 "a${" ".repeat(59)}…": expected namespace = team`);
  });

  it("splits at the first '=' (a team may contain one) and caps the lines read", () => {
    const ok = toSettingsInput({ ...toForm(), namespaceTeams: "jobs = team=a\n x=y " });
    expect(ok.ok && ok.input.namespaceTeams).toEqual({ jobs: "team=a", x: "y" });
    const many = toSettingsInput({ ...toForm(), namespaceTeams: "a = b\n".repeat(MAX_MAPPING_LINES) });
    expect(!many.ok && many.errors.namespaceTeams).toBe("5,001 lines: at most 5,000 are read");
  });
});
