// The emulator's wire answers against real Cost Explorer answers (testing/fixtures/cost-explorer/, provenance in testing/fixtures/SOURCES.md):
// same keys in the same order, same amount format, same group order, same Estimated pattern.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDay } from "@/emulators/demo/spend-days";
import { isEstimated } from "./calendar";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "./server";
import { postRaw } from "@/testing/cost-explorer-client";
import { COST_EXPLORER_FIXTURES } from "@/testing/fixtures";

type Json = Record<string, unknown>;
const readFixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(COST_EXPLORER_FIXTURES, name), "utf8"));
const apiReference = readFixture("aws-apiref-example-gcau-groupby-service-and-tag-environment.json") as Json;
const cliUntagged = readFixture("awscli-example-gcau-groupby-service-and-tag-environment.json") as Json;
const monthly = readFixture("gcau-monthly-groupby-service-6months.json") as {
  ResultsByTime: { Groups: { Keys: string[] }[] }[];
};
const daily = readFixture("gcau-daily-groupby-service-resultsbytime-array-86days.json") as {
  TimePeriod: { Start: string };
  Estimated: boolean;
  Groups: { Keys: string[]; Metrics: Record<string, { Amount: string }> }[];
}[];

/** Keys in order, recursively (arrays by their first element): the "shape" two answers share. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value && typeof value === "object") return Object.entries(value).map(([key, child]) => [key, shapeOf(child)]);
  return typeof value;
}

let emulator: CostExplorerEmulator;
beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: new Date("2026-11-26T00:00:00Z") });
});
afterAll(() => emulator.close());

const ask = async (operation: string, body: unknown) =>
  JSON.parse((await postRaw(emulator.url, operation, body)).text) as Json;
// The API reference example's request: MONTHLY, SERVICE + TAG Environment, three metrics.
const sampleRequest = (tagKey: string) => ({
  TimePeriod: { Start: "2026-10-01", End: "2026-11-01" },
  Granularity: "MONTHLY",
  Metrics: ["BlendedCost", "UnblendedCost", "UsageQuantity"],
  GroupBy: [
    { Type: "DIMENSION", Key: "SERVICE" },
    { Type: "TAG", Key: tagKey },
  ],
});
const AMOUNT = /^-?\d+(\.\d*[1-9])?$/; // no trailing zeros, "0" for zero: every amount in the fixtures

describe("answers shaped like real Cost Explorer answers", () => {
  it("GetCostAndUsage grouped: the API reference example's keys, in its (alphabetical, wire) order", async () => {
    const ours = await ask("GetCostAndUsage", sampleRequest("environment"));
    expect(Object.keys(ours)).toEqual(["DimensionValueAttributes", ...Object.keys(apiReference)]);
    const [ourResult] = ours.ResultsByTime as unknown[];
    const [realResult] = apiReference.ResultsByTime as unknown[];
    expect(shapeOf(ourResult)).toEqual(shapeOf(realResult));
    expect(shapeOf(ours.GroupDefinitions)).toEqual(shapeOf(apiReference.GroupDefinitions));
    const group = (ourResult as { Groups: { Metrics: { UsageQuantity: { Unit: string } } }[] }).Groups[0];
    expect(group?.Metrics.UsageQuantity.Unit).toBe("N/A");
  });

  it("writes untagged spend as key$ like the CLI example's Environment$", async () => {
    const realKeys = (cliUntagged.ResultsByTime as { Groups: { Keys: string[] }[] }[])[0]?.Groups.map((g) => g.Keys[1]);
    expect(realKeys).toContain("Environment$");
    const ours = await ask("GetCostAndUsage", sampleRequest("environment"));
    const ourKeys = (ours.ResultsByTime as { Groups: { Keys: string[] }[] }[])[0]?.Groups.map((g) => g.Keys[1]);
    expect(ourKeys).toContain("environment$");
  });

  it("formats amounts like the fixtures: no trailing zeros, at most 10 decimals", async () => {
    const realAmounts = daily.flatMap((r) => r.Groups.flatMap((g) => Object.values(g.Metrics).map((m) => m.Amount)));
    expect(realAmounts.every((a) => AMOUNT.test(a))).toBe(true);
    const ours = JSON.stringify(await ask("GetCostAndUsage", { ...sampleRequest("project"), Granularity: "DAILY" }));
    const ourAmounts = [...ours.matchAll(/"Amount":"([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(ourAmounts.length).toBeGreaterThan(100);
    expect(ourAmounts.filter((a) => !AMOUNT.test(a) || (a.split(".")[1]?.length ?? 0) > 10)).toEqual([]);
  });

  it("orders groups as the real answers do (ordinal, with EC2 - Other among the Amazon E…)", async () => {
    const ours = await ask("GetCostAndUsage", {
      ...sampleRequest("environment"),
      GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
    });
    const ourOrder =
      (ours.ResultsByTime as { Groups: { Keys: string[] }[] }[])[0]?.Groups.map((g) => g.Keys[0] ?? "") ?? [];
    const realOrders = [monthly.ResultsByTime[0]?.Groups ?? [], ...daily.slice(0, 30).map((r) => r.Groups)].map(
      (groups) => groups.map((g) => g.Keys[0] ?? ""),
    );
    let comparedEc2 = 0;
    for (const realOrder of realOrders) {
      const common = realOrder.filter((name) => ourOrder.includes(name));
      expect(common.length).toBeGreaterThanOrEqual(3);
      expect(ourOrder.filter((name) => common.includes(name))).toEqual(common);
      if (common.includes("EC2 - Other") && common.includes("Amazon Elastic Compute Cloud - Compute")) comparedEc2++;
    }
    expect(comparedEc2).toBeGreaterThan(10);
  });

  it("marks Estimated like the recorded daily answer (open month estimated, closed months final)", () => {
    const lastStart = parseDay(daily.at(-1)?.TimePeriod.Start ?? "") ?? 0;
    const clock = lastStart + 1; // recorded the day after its last day
    for (const result of daily)
      expect(isEstimated(parseDay(result.TimePeriod.Start) ?? 0, clock), result.TimePeriod.Start).toBe(
        result.Estimated,
      );
  });

  it("GetTags and GetDimensionValues: the CLI examples' keys", async () => {
    const realTags = readFixture("awscli-example-get-tags.json") as Json;
    const ourTags = await ask("GetTags", { TimePeriod: { Start: "2026-10-01", End: "2026-11-01" }, TagKey: "project" });
    expect(Object.keys(ourTags)).toEqual(Object.keys(realTags));
    const realValues = readFixture("awscli-example-get-dimension-values-service.json") as Json;
    const ourValues = await ask("GetDimensionValues", {
      TimePeriod: { Start: "2026-10-01", End: "2026-11-01" },
      Dimension: "SERVICE",
      SearchString: "Elastic",
    });
    expect(Object.keys(ourValues).sort()).toEqual(Object.keys(realValues).sort());
    expect(shapeOf((ourValues.DimensionValues as unknown[])[0])).toEqual(
      shapeOf((realValues.DimensionValues as unknown[])[0]),
    );
  });
});
