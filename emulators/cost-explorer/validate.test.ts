// Requests AWS refuses, refused the same way (ValidationException, HTTP 400) through the real SDK.
import { GetCostAndUsageCommand, type GetCostAndUsageCommandInput } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "./server";
import { createTestClient } from "@/testing/cost-explorer-client";

let emulator: CostExplorerEmulator;
let client: ReturnType<typeof createTestClient>;
beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: new Date("2026-11-26T00:00:00Z") });
  client = createTestClient(emulator.url);
});
afterAll(() => emulator.close());

const valid: GetCostAndUsageCommandInput = {
  TimePeriod: { Start: "2026-10-01", End: "2026-10-03" },
  Granularity: "DAILY",
  Metrics: ["UnblendedCost"],
};
const tag = (Key: string) => ({ Type: "TAG" as const, Key });
const dimension = (Key: string) => ({ Type: "DIMENSION" as const, Key });
const service = { Dimensions: { Key: "SERVICE" as const, Values: ["AWS Lambda"] } };

// Messages in quotes are the ones real AWS answers were seen to carry (README.md "Validation").
const refused: [string, Partial<GetCostAndUsageCommandInput> | Record<string, unknown>, RegExp | string][] = [
  ["three GroupBys", { GroupBy: [tag("department"), tag("project"), tag("environment")] }, /at most 2/],
  [
    "a GroupBy type that does not exist",
    { GroupBy: [{ Type: "SERVICE", Key: "SERVICE" }] },
    "Group Definition type is invalid.",
  ],
  [
    "a GroupBy without key",
    { GroupBy: [{ Type: "TAG", Key: "" }] },
    "Group Definition is invalid. Both type an key need to be set to a non-empty value.",
  ],
  [
    "a GroupBy dimension that does not exist",
    { GroupBy: [dimension("COLOUR")] },
    /Group Definition dimension is invalid/,
  ],
  ["the same GroupBy twice", { GroupBy: [tag("project"), tag("project")] }, /distinct/],
  ["no Metrics", { Metrics: undefined }, /metrics/],
  ["an unknown metric", { Metrics: ["UnblendedCost", "Cost"] }, /Invalid metric name: "Cost"/],
  ["no Granularity", { Granularity: undefined }, /granularity.*must not be null/],
  ["a granularity that does not exist", { Granularity: "WEEKLY" }, /enum value set: \[HOURLY, DAILY, MONTHLY\]/],
  ["a malformed date", { TimePeriod: { Start: "2026/10/01", End: "2026-10-03" } }, /regular expression pattern/],
  ["a date that does not exist", { TimePeriod: { Start: "2026-02-30", End: "2026-03-03" } }, /not a valid date/],
  [
    "Start equal to End",
    { TimePeriod: { Start: "2026-10-01", End: "2026-10-01" } },
    "Start date (and hour) should be before end date (and hour)",
  ],
  [
    "End past the 1st of next month",
    { TimePeriod: { Start: "2026-11-01", End: "2026-12-02" } },
    "end date past the beginning of next month",
  ],
  ["a Start before the history window", { TimePeriod: { Start: "2025-09-01", End: "2025-10-02" } }, /too old/],
  [
    "a filter expression with two roots",
    { Filter: { ...service, Tags: { Key: "project", Values: ["ledger"] } } },
    'Expression has zero or more than one roots. Only one root operator is allowed for each expression: "and", "or", "not", "tag" or "dimensionValue"',
  ],
  ["an empty filter expression", { Filter: {} }, /zero or more than one roots/],
  ["And with one operand", { Filter: { And: [service] } }, "And expression must have at least 2 operands"],
  [
    "a filter dimension the emulator does not serve",
    { Filter: { Dimensions: { Key: "RESOURCE_ID", Values: ["i-1"] } } },
    /Dimension RESOURCE_ID is not allowed/,
  ],
  [
    "ABSENT on a dimension",
    { Filter: { Dimensions: { Key: "SERVICE", Values: ["Tax"], MatchOptions: ["ABSENT"] } } },
    /MatchOptions "ABSENT" is not supported for Dimensions/,
  ],
  ["a tag filter without values", { Filter: { Tags: { Key: "project" } } }, /needs Values/],
  ["cost categories", { GroupBy: [{ Type: "COST_CATEGORY", Key: "team" }] }, /Cost categories/],
];

describe("GetCostAndUsage refuses like AWS", () => {
  it.each(refused)("%s", async (_name, change, message) => {
    const input = { ...valid, ...change } as GetCostAndUsageCommandInput;
    const error = await client.send(new GetCostAndUsageCommand(input)).then(
      () => undefined,
      (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode?: number } },
    );
    expect(error?.name).toBe("ValidationException");
    expect(error?.$metadata.httpStatusCode).toBe(400);
    if (typeof message === "string") expect(error?.message).toBe(message);
    else expect(error?.message).toMatch(message);
  });

  it("accepts the same request when it is valid, with nested And/Or/Not", async () => {
    const filter = {
      And: [
        { Or: [service, { Tags: { Key: "environment", Values: ["Prod", "prod"] } }] },
        { Not: { Tags: { Key: "department", MatchOptions: ["ABSENT" as const] } } },
      ],
    };
    const out = await client.send(new GetCostAndUsageCommand({ ...valid, Filter: filter }));
    expect(Number(out.ResultsByTime?.[0]?.Total?.UnblendedCost?.Amount)).toBeGreaterThan(0);
  });
});
