// Cost Explorer answers → rows: every real published answer the sync's parser handles, served through the real
// SDK client (so the SDK's deserializer runs too), and each kind of malformed answer refused with a message.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { CostExplorerClient, GetCostAndUsageCommand } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COST_EXPLORER_FIXTURES } from "@/testing/fixtures";
import {
  parseCostAndUsagePage,
  toDailyTotals,
  toGroupRows,
  toGroupValue,
  listAccountNames,
  type CostAndUsagePage,
  type Grouping,
} from "./reshape";

const FIXTURES = COST_EXPLORER_FIXTURES;
const readFixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

// A one-answer server: whatever the SDK asks, it gets `body` back as Cost Explorer would send it.
let body = "{}";
let server: Server;
let client: CostExplorerClient;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume().on("end", () => res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  client = new CostExplorerClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    maxAttempts: 1,
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function throughSdk(text: string): Promise<CostAndUsagePage> {
  body = text;
  const out = await client.send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: "2017-09-01", End: "2017-10-01" },
      Granularity: "DAILY",
      Metrics: ["UnblendedCost"],
    }),
  );
  return parseCostAndUsagePage(out, "GetCostAndUsage (fixture)");
}

const SERVICE: Grouping = { Type: "DIMENSION", Key: "SERVICE" };
const ENVIRONMENT: Grouping = { Type: "TAG", Key: "Environment" };

describe("real Cost Explorer answers", () => {
  it("AWS API reference example: SERVICE × TAG Environment, tagged values without the key$ prefix, amounts untouched", async () => {
    const page = await throughSdk(readFixture("aws-apiref-example-gcau-groupby-service-and-tag-environment.json"));
    const rows = toGroupRows(page, "fixture", {
      metrics: ["UnblendedCost", "BlendedCost"],
      granularity: "MONTHLY",
      groupBy: [SERVICE, ENVIRONMENT],
    });
    expect(rows).toEqual({
      count: 2,
      days: ["2017-09-01", "2017-09-01"],
      values: [
        ["Amazon Simple Storage Service", "Amazon Simple Storage Service"],
        ["Prod", "Test"],
      ],
      amounts: [
        ["39.1603300457", "0.1337464807"],
        ["39.1603300457", "0.1337464807"],
      ],
    });
  });

  it("AWS CLI example: the untagged bucket Environment$ becomes the empty value", async () => {
    const page = await throughSdk(readFixture("awscli-example-gcau-groupby-service-and-tag-environment.json"));
    const rows = toGroupRows(page, "fixture", {
      metrics: ["UnblendedCost"],
      granularity: "MONTHLY",
      groupBy: [SERVICE, ENVIRONMENT],
    });
    expect(rows.values[1]).toEqual(["", "Dev"]);
    expect(rows.amounts[0]).toEqual(["40.3543773134", "0.2682364644"]);
  });

  it("a real account's months: all untagged, the open month Estimated and cut at an exclusive End", async () => {
    const page = await throughSdk(readFixture("gcau-monthly-groupby-service-and-tag-untagged-estimated.json"));
    const rows = toGroupRows(page, "fixture", {
      metrics: ["UnblendedCost"],
      granularity: "MONTHLY",
      groupBy: [SERVICE, ENVIRONMENT],
    });
    expect(rows.count).toBe(6);
    expect(new Set(rows.values[1])).toEqual(new Set([""]));
    expect(page.ResultsByTime.map((r) => r.Estimated)).toEqual([false, false, false, false, false, true]);
    expect(page.ResultsByTime.at(-1)?.TimePeriod).toEqual({ Start: "2022-06-01", End: "2022-06-30" });
    expect(listAccountNames(page).size).toBe(0);
  });

  it("six months by SERVICE: 23+26+27+31+27+26 groups, tiny and zero amounts kept as sent", async () => {
    const page = await throughSdk(readFixture("gcau-monthly-groupby-service-6months.json"));
    const rows = toGroupRows(page, "fixture", {
      metrics: ["UnblendedCost"],
      granularity: "MONTHLY",
      groupBy: [SERVICE],
    });
    expect(rows.count).toBe(160);
    expect(rows.amounts[0]).toContain("0.0000000282");
    expect(rows.amounts[0]).toContain("0");
  });

  it("86 DAILY days by SERVICE (the ResultsByTime array, wrapped): the open month's 26 days Estimated, Tax as a service", async () => {
    const page = await throughSdk(
      `{"ResultsByTime":${readFixture("gcau-daily-groupby-service-resultsbytime-array-86days.json")}}`,
    );
    const rows = toGroupRows(page, "fixture", { metrics: ["UnblendedCost"], granularity: "DAILY", groupBy: [SERVICE] });
    expect(rows.count).toBe(945);
    expect(page.ResultsByTime).toHaveLength(86);
    expect(page.ResultsByTime.filter((r) => r.Estimated).map((r) => r.TimePeriod.Start)).toEqual(
      Array.from({ length: 26 }, (_, i) => `2024-04-${String(i + 1).padStart(2, "0")}`),
    );
    const tax = rows.values[0]!.flatMap((service, i) =>
      service === "Tax" ? [[rows.days[i], rows.amounts[0]![i]]] : [],
    );
    expect(tax).toContainEqual(["2024-02-01", "3.3"]);
  });
});

describe("toGroupValue", () => {
  const department: Grouping = { Type: "TAG", Key: "department" };
  it.each([
    ["department$finance", department, "finance"],
    ["department$", department, ""],
    ["department$Production ", department, "Production "], // raw, trailing space and all
    ["department$a$b", department, "a$b"],
    ["111111111111", { Type: "DIMENSION", Key: "LINKED_ACCOUNT" } as Grouping, "111111111111"],
  ])("%j → %j", (key, grouping, value) => {
    expect(toGroupValue(key, grouping, "w", "at")).toBe(value);
  });
});

// A small good DAILY page of department × SERVICE, then one thing wrong at a time.
const METRICS = ["UnblendedCost", "AmortizedCost", "NetAmortizedCost"];
const GROUP_BY: Grouping[] = [{ Type: "TAG", Key: "department" }, SERVICE];
const usd = (amount: string) => ({ Amount: amount, Unit: "USD" });
function goodPage() {
  return {
    GroupDefinitions: [
      { Type: "TAG", Key: "department" },
      { Type: "DIMENSION", Key: "SERVICE" },
    ],
    ResultsByTime: [
      {
        TimePeriod: { Start: "2026-10-01", End: "2026-10-02" },
        Total: {},
        Estimated: false,
        Groups: [
          {
            Keys: ["department$video", "Amazon Simple Storage Service"],
            Metrics: { UnblendedCost: usd("12.5"), AmortizedCost: usd("12.5"), NetAmortizedCost: usd("12") },
          },
        ],
      },
    ],
  };
}
type Page = ReturnType<typeof goodPage>;
const group = (p: Page) => p.ResultsByTime[0]!.Groups[0]!;

describe("malformed answers fail with what was wrong", () => {
  it("accepts the good page", () => {
    expect(
      toGroupRows(parseCostAndUsagePage(goodPage(), "w"), "w", {
        metrics: METRICS,
        granularity: "DAILY",
        groupBy: GROUP_BY,
      }).count,
    ).toBe(1);
  });

  it.each<[string, (p: Page) => void, RegExp]>([
    [
      "an amount that is not a decimal",
      (p) => (group(p).Metrics.UnblendedCost.Amount = "12,50"),
      /Metrics\.UnblendedCost\.Amount: expected a decimal amount/,
    ],
    [
      "a missing metric",
      (p) => delete (group(p).Metrics as Partial<Page["ResultsByTime"][0]["Groups"][0]["Metrics"]>).AmortizedCost,
      /Metrics\.AmortizedCost is missing/,
    ],
    [
      "another currency",
      (p) => (group(p).Metrics.NetAmortizedCost.Unit = "EUR"),
      /NetAmortizedCost is in EUR, not USD/,
    ],
    ["one key where two were asked for", (p) => (group(p).Keys = ["department$video"]), /Keys has 1 keys, expected 2/],
    [
      "a tag key without its prefix",
      (p) => (group(p).Keys[0] = "video"),
      /Keys\[0\] is "video", expected a key starting with "department\$"/,
    ],
    [
      "a period that is not one day",
      (p) => (p.ResultsByTime[0]!.TimePeriod.End = "2026-10-03"),
      /2026-10-01\.\.2026-10-03 is not one day/,
    ],
    [
      "no Estimated flag",
      (p) => delete (p.ResultsByTime[0] as Partial<Page["ResultsByTime"][0]>).Estimated,
      /ResultsByTime\.0\.Estimated/,
    ],
    ["no ResultsByTime (a cut-off or empty answer)", (p) => delete (p as Partial<Page>).ResultsByTime, /ResultsByTime/],
    [
      "other GroupDefinitions",
      (p) => (p.GroupDefinitions[1]!.Key = "LINKED_ACCOUNT"),
      /GroupDefinitions .* differ from the GroupBy asked for/,
    ],
  ])("%s", (_, spoil, message) => {
    const page = goodPage();
    spoil(page);
    const run = () =>
      toGroupRows(parseCostAndUsagePage(page, "GetCostAndUsage (x, page 2)"), "GetCostAndUsage (x, page 2)", {
        metrics: METRICS,
        granularity: "DAILY",
        groupBy: GROUP_BY,
      });
    expect(run).toThrow(message);
    expect(run).toThrow(
      /^Cost Explorer sent a malformed answer to GetCostAndUsage \(x, page 2\): .*Nothing was replaced/,
    );
  });

  it("daily totals need every metric in Total, and no Groups", () => {
    const total: Record<string, { Amount: string; Unit: string }> = {
      UnblendedCost: usd("1"),
      AmortizedCost: usd("1"),
    };
    const ungrouped = {
      ResultsByTime: [
        { TimePeriod: { Start: "2026-10-01", End: "2026-10-02" }, Total: total, Groups: [], Estimated: true },
      ],
    };
    expect(() =>
      toDailyTotals(parseCostAndUsagePage(ungrouped, "w"), "w", { metrics: METRICS, granularity: "DAILY" }),
    ).toThrow(/Total\.NetAmortizedCost is missing/);
    ungrouped.ResultsByTime[0]!.Total = {
      UnblendedCost: usd("1"),
      AmortizedCost: usd("0.9"),
      NetAmortizedCost: usd("0.8"),
    };
    expect(
      toDailyTotals(parseCostAndUsagePage(ungrouped, "w"), "w", { metrics: METRICS, granularity: "DAILY" }),
    ).toEqual({
      days: ["2026-10-01"],
      estimated: [true],
      amounts: [["1"], ["0.9"], ["0.8"]],
    });
    expect(() =>
      toDailyTotals(parseCostAndUsagePage(goodPage(), "w"), "w", { metrics: METRICS, granularity: "DAILY" }),
    ).toThrow(/has Groups in an ungrouped answer/);
  });
});
