// Each fault through the real SDK, switched in-process and over HTTP; request counters; signatures.
import {
  GetCostAndUsageCommand,
  GetTagsCommand,
  type GetCostAndUsageCommandInput,
} from "@aws-sdk/client-cost-explorer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateSpend } from "@/emulators/demo/spend";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "./server";
import { createTestClient, postRaw } from "@/testing/cost-explorer-client";

const now = new Date("2026-11-26T00:00:00Z");
const spend = generateSpend({ now });
const tags = new GetTagsCommand({ TimePeriod: { Start: "2026-10-01", End: "2026-11-01" } });
const paged: GetCostAndUsageCommandInput = {
  TimePeriod: { Start: "2026-10-01", End: "2026-10-11" },
  Granularity: "DAILY",
  Metrics: ["UnblendedCost"],
  GroupBy: [
    { Type: "TAG", Key: "project" },
    { Type: "DIMENSION", Key: "SERVICE" },
  ],
};
let emulator: CostExplorerEmulator;
let client: ReturnType<typeof createTestClient>;

beforeEach(async () => {
  emulator = await startCostExplorerEmulator({ now, spend });
  client = createTestClient(emulator.url);
});
afterEach(() => emulator.close());

async function countGroups(input: GetCostAndUsageCommandInput) {
  let groups = 0;
  let pages = 0;
  let token: string | undefined;
  do {
    const page = await client.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
    groups += page.ResultsByTime?.reduce((n, r) => n + (r.Groups?.length ?? 0), 0) ?? 0;
    pages++;
    token = page.NextPageToken;
  } while (token);
  return { groups, pages };
}

describe("faults", () => {
  it("throttles the next N requests with LimitExceededException (HTTP 400), then answers", async () => {
    emulator.faults.set({ throttle: { times: 2 } });
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(client.send(tags)).rejects.toMatchObject({
        name: "LimitExceededException",
        message: "Rate limit exceeded",
        $metadata: { httpStatusCode: 400 },
      });
    }
    await expect(client.send(tags)).resolves.toMatchObject({ TotalSize: 3 });
    expect(emulator.stats.get()).toMatchObject({
      total: 3,
      byOperation: { GetTags: 3 },
      errors: { LimitExceededException: 2 },
      faults: { throttle: 2 },
    });
  });

  it("drops a page: it arrives with its NextPageToken but without its groups", async () => {
    const whole = await countGroups(paged);
    expect(whole.pages).toBeGreaterThan(2);
    emulator.faults.set({ dropPage: { skip: 1 } });
    const dropped = await countGroups(paged);
    expect(dropped.pages).toBe(whole.pages);
    expect(dropped.groups).toBe(whole.groups - 1000);
    expect(emulator.faults.get()).toEqual({});
  });

  it("cuts an answer off half-way: the SDK gets no parsable answer, the next request is fine", async () => {
    emulator.faults.set({ cutOff: { operations: ["GetCostAndUsage"] } });
    await expect(client.send(tags)).resolves.toBeDefined(); // other operations unaffected
    await expect(client.send(new GetCostAndUsageCommand(paged))).rejects.toThrow();
    await expect(client.send(new GetCostAndUsageCommand(paged))).resolves.toBeDefined();
    expect(emulator.stats.get().faults).toEqual({ cutOff: 1 });
  });

  it("answers slowly: a client with a shorter timeout gives up, the answer after the delay is complete", async () => {
    emulator.faults.set({ slow: { delayMs: 25, times: 2 } });
    await expect(createTestClient(emulator.url, { requestTimeout: 5 }).send(tags)).rejects.toMatchObject({
      name: "TimeoutError",
    });
    const started = performance.now();
    await expect(client.send(tags)).resolves.toMatchObject({ TotalSize: 3 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(20);
  });

  it("denies an operation with AccessDeniedException naming the missing permission", async () => {
    emulator.faults.set({ accessDenied: { operations: ["GetCostAndUsage"] } });
    await expect(client.send(new GetCostAndUsageCommand(paged))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining("not authorized to perform: ce:GetCostAndUsage"),
    });
    await expect(client.send(tags)).resolves.toBeDefined();
    emulator.faults.clear();
    await expect(client.send(new GetCostAndUsageCommand(paged))).resolves.toBeDefined();
  });

  it("is switched and read over HTTP by another process", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${emulator.url}${path}`, { method: "POST", body: JSON.stringify(body) });
    expect((await post("/__emulator/faults", { throttle: { times: 1, operations: ["GetTags"] } })).status).toBe(200);
    await expect(client.send(tags)).rejects.toMatchObject({ name: "LimitExceededException" });
    const stats = await (await fetch(`${emulator.url}/__emulator/stats`)).json();
    expect(stats).toMatchObject({ total: 1, byOperation: { GetTags: 1 }, faults: { throttle: 1 } });
    await post("/__emulator/stats/reset", {});
    expect(emulator.stats.get().total).toBe(0);
    const refused = await post("/__emulator/faults", { throttle: { times: 0 } });
    expect(refused.status).toBe(400);
    expect((await post("/__emulator/clock", { now: "2026-11-27" })).status).toBe(200);
    expect((await post("/__emulator/cost-allocation-tags", { TagKey: "team", Status: "Active" })).status).toBe(200);
  });
});

describe("the wire protocol", () => {
  it("requires a SigV4 Authorization header, any credentials", async () => {
    const unsigned = await postRaw(emulator.url, "GetTags", {}, { authorization: "" });
    expect(unsigned.status).toBe(403);
    expect(JSON.parse(unsigned.text)).toEqual({
      __type: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    const basic = await postRaw(emulator.url, "GetTags", {}, { authorization: "Basic dXNlcjpwYXNz" });
    expect(basic.status).toBe(403);
    expect(basic.headers.get("x-amzn-errortype")).toBe("IncompleteSignatureException");
  });

  it("answers errors as JSON with __type and the x-amzn-ErrorType header", async () => {
    const answer = await postRaw(emulator.url, "GetCostAndUsage", {
      TimePeriod: { Start: "2026-10-01", End: "2026-10-02" },
      Granularity: "DAILY",
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(answer.headers.get("x-amzn-errortype")).toBe("ValidationException");
    expect(JSON.parse(answer.text)).toMatchObject({
      __type: "ValidationException",
      message: expect.stringContaining("metrics"),
    });
    const unknown = await postRaw(emulator.url, "GetCostForecast", {});
    expect(JSON.parse(unknown.text).__type).toBe("UnknownOperationException");
    const garbage = await postRaw(emulator.url, "GetTags", "{not json");
    expect(JSON.parse(garbage.text).__type).toBe("SerializationException");
  });
});
