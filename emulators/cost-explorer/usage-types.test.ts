// Usage types and UsageQuantity through the real SDK: usage × rate = cost for every S3 and RDS usage type,
// groups by usage type still add up to the daily totals, region prefixes, and the demo's cold and hot projects.
import { GetCostAndUsageCommand, type GetCostAndUsageCommandInput } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSpend } from "@/emulators/demo/spend";
import { stripRegionPrefix, USAGE_TYPE_RATES } from "@/emulators/demo/usage-types";
import { createTestClient, toUnits } from "@/testing/cost-explorer-client";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "./server";

const now = new Date("2026-11-26T00:00:00Z");
const spend = generateSpend({ now });
let emulator: CostExplorerEmulator;
let client: ReturnType<typeof createTestClient>;

beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now, spend });
  client = createTestClient(emulator.url);
});
afterAll(() => emulator.close());

const S3 = "Amazon Simple Storage Service";
const RDS = "Amazon Relational Database Service";

async function fetchGroups(input: GetCostAndUsageCommandInput) {
  const groups: { start: string; keys: string[]; cost: string; quantity: string }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
    for (const result of page.ResultsByTime ?? [])
      for (const group of result.Groups ?? [])
        groups.push({
          start: result.TimePeriod?.Start ?? "",
          keys: group.Keys ?? [],
          cost: group.Metrics?.UnblendedCost?.Amount ?? "",
          quantity: group.Metrics?.UsageQuantity?.Amount ?? "",
        });
    token = page.NextPageToken;
  } while (token);
  return groups;
}

const october = { Start: "2026-10-01", End: "2026-11-01" };

describe("usage types", () => {
  it.each([S3, RDS])("%s: usage × rate = cost for every usage type and project", async (service) => {
    const groups = await fetchGroups({
      TimePeriod: october,
      Granularity: "MONTHLY",
      Metrics: ["UnblendedCost", "UsageQuantity"],
      GroupBy: [
        { Type: "DIMENSION", Key: "USAGE_TYPE" },
        { Type: "TAG", Key: "project" },
      ],
      Filter: { Dimensions: { Key: "SERVICE", Values: [service] } },
    });
    expect(groups.length).toBeGreaterThan(20);
    for (const group of groups) {
      const rate = USAGE_TYPE_RATES[stripRegionPrefix(group.keys[0] ?? "")];
      expect(rate, group.keys[0]).toBeDefined();
      const expected = Number(group.quantity) * (rate?.usdPerUnit ?? 0);
      expect(Math.abs(expected - Number(group.cost)), group.keys.join(" ")).toBeLessThan(
        1e-6 * Number(group.cost) + 1e-6,
      );
    }
  });

  it("groups by usage type add up exactly to the ungrouped daily totals", async () => {
    const range = { Start: "2026-10-30", End: "2026-11-03" };
    const grouped = await fetchGroups({
      TimePeriod: range,
      Granularity: "DAILY",
      Metrics: ["UnblendedCost"],
      GroupBy: [{ Type: "DIMENSION", Key: "USAGE_TYPE" }],
    });
    const totals = await client.send(
      new GetCostAndUsageCommand({ TimePeriod: range, Granularity: "DAILY", Metrics: ["UnblendedCost"] }),
    );
    for (const result of totals.ResultsByTime ?? []) {
      const start = result.TimePeriod?.Start ?? "";
      const sum = grouped.filter((g) => g.start === start).reduce((acc, g) => acc + toUnits(g.cost), 0n);
      expect(sum, start).toBe(toUnits(result.Total?.UnblendedCost?.Amount ?? ""));
    }
    expect(grouped.some((g) => g.keys[0] === "NoUsageType")).toBe(true); // tax and credits on the 1st
  });

  it("prefixes usage types with the region code, except in us-east-1", async () => {
    const groups = await fetchGroups({
      TimePeriod: october,
      Granularity: "MONTHLY",
      Metrics: ["UnblendedCost"],
      GroupBy: [
        { Type: "DIMENSION", Key: "USAGE_TYPE" },
        { Type: "TAG", Key: "project" },
      ],
      Filter: { Dimensions: { Key: "SERVICE", Values: [S3] } },
    });
    const usageTypesOf = (project: string) =>
      groups.filter((g) => g.keys[1] === `project$${project}`).map((g) => g.keys[0]);
    expect(usageTypesOf("data-lake")).toContain("USE2-TimedStorage-ByteHrs"); // us-east-2
    expect(usageTypesOf("siem")).toContain("EU-TimedStorage-ByteHrs"); // eu-west-1
    expect(usageTypesOf("checkout-web")).toContain("TimedStorage-ByteHrs"); // us-east-1: no prefix
    expect(usageTypesOf("video-recordings")).toContain("TimedStorage-GIR-ByteHrs"); // moved five months ago
  });

  it("has cold projects (few GETs per GB stored) and hot ones (many)", async () => {
    const groups = await fetchGroups({
      TimePeriod: october,
      Granularity: "MONTHLY",
      Metrics: ["UsageQuantity"],
      GroupBy: [
        { Type: "DIMENSION", Key: "USAGE_TYPE" },
        { Type: "TAG", Key: "project" },
      ],
      Filter: { Dimensions: { Key: "SERVICE", Values: [S3] } },
    });
    const quantity = (project: string, usageType: string) =>
      groups
        .filter((g) => g.keys[1] === `project$${project}` && stripRegionPrefix(g.keys[0] ?? "") === usageType)
        .reduce((acc, g) => acc + Number(g.quantity), 0);
    const getsPerGb = (project: string) =>
      quantity(project, "Requests-Tier2") / quantity(project, "TimedStorage-ByteHrs");
    expect(getsPerGb("data-lake")).toBeLessThan(500);
    expect(getsPerGb("checkout-web")).toBeGreaterThan(10_000);
  });
});
