// GetCostAndUsage through the real SDK: totals vs groups, paging, untagged keys, filters, Estimated,
// the history window and late-arriving usage.
import {
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type ResultByTime,
} from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSpend } from "@/emulators/demo/spend";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "./server";
import { createTestClient, toUnits } from "@/testing/cost-explorer-client";

const now = new Date("2026-11-26T00:00:00Z");
const spend = generateSpend({ now });
let emulator: CostExplorerEmulator;
let client: ReturnType<typeof createTestClient>;

beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now, spend });
  client = createTestClient(emulator.url);
});
afterAll(() => emulator.close());

/** Follows NextPageToken; returns every page's ResultsByTime. */
async function fetchPages(input: GetCostAndUsageCommandInput, target = client) {
  const pages: ResultByTime[][] = [];
  let token: string | undefined;
  do {
    const page = await target.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
    pages.push(page.ResultsByTime ?? []);
    token = page.NextPageToken;
  } while (token);
  return pages;
}

/** Groups of all pages merged per period start: "key1|key2" → UnblendedCost amount. */
function mergeGroups(pages: ResultByTime[][], metric = "UnblendedCost") {
  const merged = new Map<string, Map<string, string>>();
  for (const result of pages.flat()) {
    const start = result.TimePeriod?.Start ?? "";
    const groups = merged.get(start) ?? new Map<string, string>();
    for (const group of result.Groups ?? []) {
      const key = (group.Keys ?? []).join("|");
      expect(groups.has(key), `${start} ${key} twice`).toBe(false);
      groups.set(key, group.Metrics?.[metric]?.Amount ?? "");
    }
    merged.set(start, groups);
  }
  return merged;
}

const costMetrics = ["AmortizedCost", "BlendedCost", "NetAmortizedCost", "NetUnblendedCost", "UnblendedCost"];
const day = (start: string, end: string) => ({ Start: start, End: end });

describe("GetCostAndUsage", () => {
  it("fills Total and leaves Groups empty without GroupBy", async () => {
    const out = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: day("2026-10-01", "2026-10-03"),
        Granularity: "DAILY",
        Metrics: ["UnblendedCost"],
      }),
    );
    expect(out.GroupDefinitions).toBeUndefined();
    expect(out.DimensionValueAttributes).toEqual([]);
    expect(out.ResultsByTime?.map((r) => r.TimePeriod)).toEqual([
      day("2026-10-01", "2026-10-02"),
      day("2026-10-02", "2026-10-03"),
    ]);
    for (const result of out.ResultsByTime ?? []) {
      expect(result.Groups).toEqual([]);
      expect(Number(result.Total?.UnblendedCost?.Amount)).toBeGreaterThan(5000);
      expect(result.Total?.UnblendedCost?.Unit).toBe("USD");
    }
  });

  it("fills Groups and leaves Total empty with GroupBy; per day the groups add up exactly to the Total, for every cost metric", async () => {
    const input = { TimePeriod: day("2026-10-29", "2026-11-04"), Granularity: "DAILY" as const, Metrics: costMetrics };
    const totals = await client.send(new GetCostAndUsageCommand(input));
    const pages = await fetchPages({
      ...input,
      GroupBy: [
        { Type: "TAG", Key: "department" },
        { Type: "DIMENSION", Key: "SERVICE" },
      ],
    });
    for (const metric of costMetrics) {
      const merged = mergeGroups(pages, metric);
      for (const result of totals.ResultsByTime ?? []) {
        const start = result.TimePeriod?.Start ?? "";
        const sum = [...(merged.get(start)?.values() ?? [])].reduce((a, amount) => a + toUnits(amount), 0n);
        expect(sum, `${metric} ${start}`).toBe(toUnits(result.Total?.[metric]?.Amount));
      }
    }
    for (const result of pages.flat()) expect(result.Total).toEqual({});
  });

  it("pages at 1,000 groups and continues a day's groups on the next page under the same TimePeriod", async () => {
    const input: GetCostAndUsageCommandInput = {
      TimePeriod: day("2026-10-01", "2026-11-01"),
      Granularity: "DAILY",
      Metrics: ["UnblendedCost"],
      GroupBy: [
        { Type: "TAG", Key: "project" },
        { Type: "DIMENSION", Key: "SERVICE" },
      ],
    };
    const pages = await fetchPages(input);
    expect(pages.length).toBeGreaterThan(3);
    const [first, second] = pages;
    expect(first?.reduce((n, r) => n + (r.Groups?.length ?? 0), 0)).toBe(1000);
    const split = first?.at(-1);
    expect(second?.[0]?.TimePeriod).toEqual(split?.TimePeriod);
    // The merged pages equal one unpaged answer (an emulator with a page size larger than the result).
    const unpaged = await startCostExplorerEmulator({ now, spend, pageSize: 1_000_000 });
    try {
      const whole = await fetchPages(input, createTestClient(unpaged.url));
      expect(whole).toHaveLength(1);
      expect(mergeGroups(pages)).toEqual(mergeGroups(whole));
    } finally {
      await unpaged.close();
    }
  });

  it("keys tags as key$value, untagged spend as key$, raw values outside the allowed list kept as sent", async () => {
    const out = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: day("2026-10-01", "2026-11-01"),
        Granularity: "MONTHLY",
        Metrics: ["UnblendedCost"],
        GroupBy: [{ Type: "TAG", Key: "department" }],
      }),
    );
    expect(out.GroupDefinitions).toEqual([{ Type: "TAG", Key: "department" }]);
    const keys = out.ResultsByTime?.[0]?.Groups?.map((g) => g.Keys?.[0]);
    expect(keys).toContain("department$");
    expect(keys).toContain("department$fin");
    expect(keys).toContain("department$Platform");
    expect(keys?.every((key) => key?.startsWith("department$"))).toBe(true);
  });

  it("selects untagged spend with MatchOptions ABSENT, and ABSENT + NOT ABSENT = everything", async () => {
    const input = {
      TimePeriod: day("2026-10-01", "2026-11-01"),
      Granularity: "MONTHLY" as const,
      Metrics: ["UnblendedCost"],
    };
    const absent = { Tags: { Key: "project", MatchOptions: ["ABSENT" as const] } };
    const amountOf = async (extra: Partial<GetCostAndUsageCommandInput>) =>
      (await client.send(new GetCostAndUsageCommand({ ...input, ...extra }))).ResultsByTime?.[0];
    const untagged = toUnits((await amountOf({ Filter: absent }))?.Total?.UnblendedCost?.Amount);
    const tagged = toUnits((await amountOf({ Filter: { Not: absent } }))?.Total?.UnblendedCost?.Amount);
    const all = toUnits((await amountOf({}))?.Total?.UnblendedCost?.Amount);
    expect(untagged).toBeGreaterThan(0n);
    expect(untagged + tagged).toBe(all);
    const grouped = await amountOf({ GroupBy: [{ Type: "TAG", Key: "project" }] });
    expect(toUnits(grouped?.Groups?.find((g) => g.Keys?.[0] === "project$")?.Metrics?.UnblendedCost?.Amount)).toBe(
      untagged,
    );
  });

  it("names linked accounts in DimensionValueAttributes", async () => {
    const out = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: day("2026-10-01", "2026-10-02"),
        Granularity: "DAILY",
        Metrics: ["UnblendedCost"],
        GroupBy: [{ Type: "DIMENSION", Key: "LINKED_ACCOUNT" }],
      }),
    );
    expect(out.DimensionValueAttributes).toEqual([
      { Value: "111111111111", Attributes: { description: "costwise-prod" } },
      { Value: "222222222222", Attributes: { description: "costwise-staging" } },
      { Value: "333333333333", Attributes: { description: "costwise-shared" } },
    ]);
  });

  it("shows savings-plan, tax and credit records, untagged where AWS leaves them untagged", async () => {
    const out = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: day("2026-10-01", "2026-10-02"),
        Granularity: "DAILY",
        Metrics: ["UnblendedCost", "AmortizedCost"],
        GroupBy: [
          { Type: "DIMENSION", Key: "RECORD_TYPE" },
          { Type: "TAG", Key: "department" },
        ],
      }),
    );
    const groups = out.ResultsByTime?.[0]?.Groups ?? [];
    const recordTypes = new Set(groups.map((g) => g.Keys?.[0]));
    expect([...recordTypes].sort()).toEqual([
      "Credit",
      "SavingsPlanCoveredUsage",
      "SavingsPlanNegation",
      "SavingsPlanRecurringFee",
      "Tax",
      "Usage",
    ]);
    for (const group of groups.filter((g) =>
      ["Credit", "Tax", "SavingsPlanRecurringFee"].includes(g.Keys?.[0] ?? ""),
    )) {
      expect(group.Keys?.[1]).toBe("department$");
    }
    const covered = groups.filter((g) => g.Keys?.[0] === "SavingsPlanCoveredUsage");
    for (const g of covered)
      expect(toUnits(g.Metrics?.AmortizedCost?.Amount)).toBeLessThan(toUnits(g.Metrics?.UnblendedCost?.Amount));
    const credit = groups.find((g) => g.Keys?.[0] === "Credit");
    expect(toUnits(credit?.Metrics?.UnblendedCost?.Amount)).toBeLessThan(0n);
  });
});

describe("the clock", () => {
  const estimatedOf = async (clock: string, start: string, end: string, granularity: "DAILY" | "MONTHLY" = "DAILY") => {
    const emu = await startCostExplorerEmulator({ now: new Date(`${clock}T00:00:00Z`), spend });
    try {
      const out = await createTestClient(emu.url).send(
        new GetCostAndUsageCommand({
          TimePeriod: day(start, end),
          Granularity: granularity,
          Metrics: ["UnblendedCost"],
        }),
      );
      return out.ResultsByTime?.map((r) => r.Estimated);
    } finally {
      await emu.close();
    }
  };

  it.each([
    ["2026-11-26", "2026-10-31", "2026-11-02", [false, true]], // open month only
    ["2026-12-02", "2026-11-30", "2026-12-01", [true]], // previous month while the new one is in its first 3 days
    ["2026-12-03", "2026-11-30", "2026-12-01", [true]],
    ["2026-12-04", "2026-11-30", "2026-12-02", [false, true]], // final from the 4th
  ])("on %s marks days %s…%s Estimated %j", async (clock, start, end, expected) => {
    expect(await estimatedOf(clock, start, end)).toEqual(expected);
  });

  it("marks a month Estimated when any of its days is", async () => {
    expect(await estimatedOf("2026-11-26", "2026-10-01", "2026-12-01", "MONTHLY")).toEqual([false, true]);
  });

  it("serves from the 1st of the month 13 months back and refuses earlier starts; historyStart overrides for benchmarks", async () => {
    const ask = (start: string) =>
      client.send(
        new GetCostAndUsageCommand({
          TimePeriod: day(start, "2025-10-03"),
          Granularity: "DAILY",
          Metrics: ["UnblendedCost"],
        }),
      );
    await expect(ask("2025-10-01")).resolves.toBeDefined();
    await expect(ask("2025-09-30")).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringMatching(/too old.*2025-10-01/),
    });
    const bench = await startCostExplorerEmulator({ now, historyStart: "2024-01-01" });
    try {
      const out = await createTestClient(bench.url).send(
        new GetCostAndUsageCommand({
          TimePeriod: day("2024-01-01", "2024-01-02"),
          Granularity: "DAILY",
          Metrics: ["UnblendedCost"],
        }),
      );
      expect(Number(out.ResultsByTime?.[0]?.Total?.UnblendedCost?.Amount)).toBeGreaterThan(0);
    } finally {
      await bench.close();
    }
  });

  it("accepts End up to the 1st of next month (days from today are Estimated zeros) and refuses later", async () => {
    const ask = (end: string) =>
      client.send(
        new GetCostAndUsageCommand({
          TimePeriod: day("2026-11-25", end),
          Granularity: "DAILY",
          Metrics: ["UnblendedCost"],
        }),
      );
    const out = await ask("2026-12-01");
    expect(out.ResultsByTime).toHaveLength(6);
    expect(out.ResultsByTime?.slice(1).map((r) => r.Total?.UnblendedCost?.Amount)).toEqual(["0", "0", "0", "0", "0"]);
    expect(out.ResultsByTime?.every((r) => r.Estimated)).toBe(true);
    await expect(ask("2026-12-02")).rejects.toMatchObject({
      name: "ValidationException",
      message: "end date past the beginning of next month",
    });
  });

  it("revises open days as usage arrives: yesterday grows when the clock moves on, closed days stay", async () => {
    const emu = await startCostExplorerEmulator({ now, spend });
    const totals = async () => {
      const out = await createTestClient(emu.url).send(
        new GetCostAndUsageCommand({
          TimePeriod: day("2026-11-20", "2026-11-27"),
          Granularity: "DAILY",
          Metrics: ["UnblendedCost"],
        }),
      );
      return Object.fromEntries(
        out.ResultsByTime?.map((r) => [r.TimePeriod?.Start, toUnits(r.Total?.UnblendedCost?.Amount)]) ?? [],
      );
    };
    try {
      const before = await totals();
      emu.setNow(new Date("2026-11-27T00:00:00Z"));
      const after = await totals();
      expect(after["2026-11-20"]).toBe(before["2026-11-20"]);
      expect(after["2026-11-25"]).toBeGreaterThan(before["2026-11-25"] ?? 0n);
      expect(before["2026-11-26"]).toBe(0n);
      expect(after["2026-11-26"]).toBeGreaterThan(0n);
    } finally {
      await emu.close();
    }
  });
});
