// GetTags, GetDimensionValues and ListCostAllocationTags through the real SDK.
import {
  GetCostAndUsageCommand,
  GetDimensionValuesCommand,
  GetTagsCommand,
  ListCostAllocationTagsCommand,
} from "@aws-sdk/client-cost-explorer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateSpend } from "@/emulators/demo/spend";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "./server";
import { createTestClient } from "@/testing/cost-explorer-client";

const now = new Date("2026-11-26T00:00:00Z");
const spend = generateSpend({ now });
const october = { Start: "2026-10-01", End: "2026-11-01" };
let emulator: CostExplorerEmulator;
let client: ReturnType<typeof createTestClient>;

beforeEach(async () => {
  emulator = await startCostExplorerEmulator({ now, spend });
  client = createTestClient(emulator.url);
});
afterEach(() => emulator.close());

describe("GetTags", () => {
  it("lists the raw values of a tag key, outside-the-list values included, untagged left out", async () => {
    const out = await client.send(new GetTagsCommand({ TimePeriod: october, TagKey: "environment" }));
    expect(out.Tags).toEqual(["Prod", "Production ", "dev", "development", "prod", "production", "shared", "staging"]);
    expect(out.ReturnSize).toBe(8);
    expect(out.TotalSize).toBe(8);
    expect(out.NextPageToken).toBeUndefined();
  });

  it("lists the activated tag keys that carry spend when no TagKey is given", async () => {
    const out = await client.send(new GetTagsCommand({ TimePeriod: october }));
    expect(out.Tags).toEqual(["department", "environment", "project"]);
  });

  it("searches case-insensitively and pages with MaxResults", async () => {
    // The catalog has two projects with "api" in their name: payments-api and analytics-api.
    const first = await client.send(
      new GetTagsCommand({ TimePeriod: october, TagKey: "project", SearchString: "API", MaxResults: 1 }),
    );
    expect(first.Tags).toEqual(["analytics-api"]);
    expect(first.TotalSize).toBe(2);
    expect(first.NextPageToken).toBeDefined();
    const second = await client.send(
      new GetTagsCommand({
        TimePeriod: october,
        TagKey: "project",
        SearchString: "API",
        MaxResults: 1,
        NextPageToken: first.NextPageToken,
      }),
    );
    expect(second.Tags).toEqual(["payments-api"]);
    expect(second.ReturnSize).toBe(1);
    expect(second.NextPageToken).toBeUndefined();
  });

  it("refuses a token replayed with other parameters, and a token it never issued", async () => {
    const first = await client.send(new GetTagsCommand({ TimePeriod: october, TagKey: "project", MaxResults: 2 }));
    await expect(
      client.send(
        new GetTagsCommand({
          TimePeriod: october,
          TagKey: "department",
          MaxResults: 2,
          NextPageToken: first.NextPageToken,
        }),
      ),
    ).rejects.toMatchObject({ name: "RequestChangedException" });
    await expect(
      client.send(new GetTagsCommand({ TimePeriod: october, TagKey: "project", NextPageToken: "bm90LWEtdG9rZW4=" })),
    ).rejects.toMatchObject({
      name: "InvalidNextTokenException",
    });
  });

  it("lists a project that stopped spending only for periods when it still spent", async () => {
    const before = await client.send(
      new GetTagsCommand({
        TimePeriod: { Start: "2026-04-01", End: "2026-05-01" },
        TagKey: "project",
        SearchString: "legacy",
      }),
    );
    const after = await client.send(
      new GetTagsCommand({
        TimePeriod: { Start: "2026-06-01", End: "2026-07-01" },
        TagKey: "project",
        SearchString: "legacy",
      }),
    );
    expect(before.Tags).toEqual(["legacy-monitoring"]);
    expect(after.Tags).toEqual([]);
  });
});

describe("GetDimensionValues", () => {
  it("lists services biggest first with empty Attributes, filtered by SearchString", async () => {
    const out = await client.send(
      new GetDimensionValuesCommand({ TimePeriod: october, Dimension: "SERVICE", SearchString: "elastic" }),
    );
    expect(out.DimensionValues?.map((v) => v.Value).sort()).toEqual([
      "Amazon ElastiCache",
      "Amazon Elastic Compute Cloud - Compute",
      "Amazon Elastic Kubernetes Service",
      "Amazon Elastic Load Balancing",
    ]);
    expect(out.DimensionValues?.[0]).toEqual({ Value: "Amazon Elastic Compute Cloud - Compute", Attributes: {} });
  });

  it("names linked accounts in Attributes.description", async () => {
    const out = await client.send(new GetDimensionValuesCommand({ TimePeriod: october, Dimension: "LINKED_ACCOUNT" }));
    expect(out.DimensionValues?.find((v) => v.Value === "333333333333")).toEqual({
      Value: "333333333333",
      Attributes: { description: "costwise-shared" },
    });
    expect(out.TotalSize).toBe(3);
  });

  it("refuses dimensions the emulator has no data for, saying so", async () => {
    await expect(
      client.send(new GetDimensionValuesCommand({ TimePeriod: october, Dimension: "REGION" })),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("Dimension REGION is not allowed"),
    });
  });
});

describe("ListCostAllocationTags", () => {
  it("reports department, project and environment Active, team and owner Inactive", async () => {
    const active = await client.send(new ListCostAllocationTagsCommand({ Status: "Active" }));
    expect(active.CostAllocationTags?.map((t) => t.TagKey)).toEqual(["department", "project", "environment"]);
    const inactive = await client.send(new ListCostAllocationTagsCommand({ Status: "Inactive", Type: "UserDefined" }));
    expect(inactive.CostAllocationTags?.map((t) => t.TagKey)).toEqual(["team", "owner"]);
    expect(inactive.CostAllocationTags?.[0]).toMatchObject({
      Type: "UserDefined",
      Status: "Inactive",
      LastUsedDate: "2026-11-25T00:00:00Z",
    });
  });

  it("treats a deactivated key as absent everywhere (a test can deactivate one)", async () => {
    emulator.setCostAllocationTagStatus("project", "Inactive");
    const tags = await client.send(new ListCostAllocationTagsCommand({ TagKeys: ["project"] }));
    expect(tags.CostAllocationTags?.[0]?.Status).toBe("Inactive");
    const grouped = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: october,
        Granularity: "MONTHLY",
        Metrics: ["UnblendedCost"],
        GroupBy: [{ Type: "TAG", Key: "project" }],
      }),
    );
    expect(grouped.ResultsByTime?.[0]?.Groups?.map((g) => g.Keys)).toEqual([["project$"]]);
    expect((await client.send(new GetTagsCommand({ TimePeriod: october, TagKey: "project" }))).Tags).toEqual([]);
  });

  it("pages with MaxResults and NextToken", async () => {
    const first = await client.send(new ListCostAllocationTagsCommand({ MaxResults: 4 }));
    expect(first.CostAllocationTags).toHaveLength(4);
    const second = await client.send(new ListCostAllocationTagsCommand({ MaxResults: 4, NextToken: first.NextToken }));
    expect(second.CostAllocationTags?.map((t) => t.TagKey)).toEqual(["owner", "aws:createdBy"]);
    expect(second.NextToken).toBeUndefined();
  });
});
