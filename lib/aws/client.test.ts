// Every HTTP attempt counted, throttling retried with backoff, and errors a person can act on — through the
// real SDK client against the Cost Explorer emulator.
import { GetCostAndUsageCommand, ListCostAllocationTagsCommand } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { generateSpend } from "@/emulators/demo/spend";
import { parseConfig } from "@/lib/config";
import {
  createCostExplorerClient,
  DEFAULT_RETRY_POLICY,
  isThrottling,
  sendWithRetries,
  toBackoffMs,
  type RetryPolicy,
  type SendOptions,
} from "./client";

const now = new Date("2026-11-26T00:00:00Z");
const credentials = { accessKeyId: "AKIDTEST", secretAccessKey: "test" };
let emulator: CostExplorerEmulator;
let client: ReturnType<typeof createCostExplorerClient>;

beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now, spend: generateSpend({ now }) });
  client = createCostExplorerClient(parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url }).aws, { credentials });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.faults.clear();
  emulator.stats.reset();
});

/** A policy that records the waits instead of waiting. */
function recordingPolicy(overrides: Partial<RetryPolicy> = {}) {
  const waits: number[] = [];
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    random: () => 0.5,
    sleep: async (ms) => void waits.push(ms),
    ...overrides,
  };
  return { waits, policy };
}

function send<T>(attempt: (signal: AbortSignal) => Promise<T>, opts: Partial<SendOptions> & { policy: RetryPolicy }) {
  let counted = 0;
  const result = sendWithRetries(attempt, {
    operation: "ListCostAllocationTags",
    where: "ListCostAllocationTags",
    countRequest: () => counted++,
    signal: new AbortController().signal,
    ...opts,
  });
  return { result, counted: () => counted };
}

const listTags = (abortSignal: AbortSignal) => client.send(new ListCostAllocationTagsCommand({}), { abortSignal });

describe("backoff", () => {
  it.each([
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [4, 4_000],
    [5, 8_000],
    [6, 15_000],
    [7, 15_000], // half of min(30 s, 1 s·2^(n-1))
  ])("attempt %i waits %i ms at random 0.5", (attempt, ms) => {
    expect(toBackoffMs(attempt, { baseDelayMs: 1_000, maxDelayMs: 30_000, random: () => 0.5 })).toBe(ms);
  });

  it.each([
    [{ name: "LimitExceededException" }, true],
    [{ name: "ThrottlingException" }, true],
    [{ name: "Whatever", $metadata: { httpStatusCode: 429 } }, true],
    [{ name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } }, true],
    [{ name: "ValidationException", $metadata: { httpStatusCode: 400 } }, false],
    [{ name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }, false],
  ])("%j is throttling: %s", (err, expected) => {
    expect(isThrottling(err)).toBe(expected);
  });
});

describe("sendWithRetries", () => {
  it("retries throttling with growing jittered waits, counting every attempt as the paid request it is", async () => {
    emulator.faults.set({ throttle: { times: 3 } });
    const { waits, policy } = recordingPolicy();
    const { result, counted } = send(listTags, { policy });
    await expect(result).resolves.toMatchObject({ CostAllocationTags: expect.any(Array) });
    expect(counted()).toBe(4);
    expect(emulator.stats.get()).toMatchObject({ total: 4, errors: { LimitExceededException: 3 } });
    expect(waits).toEqual([500, 1_000, 2_000]);
  });

  it("gives up after maxAttempts with a message saying so", async () => {
    emulator.faults.set({ throttle: { times: 10 } });
    const { waits, policy } = recordingPolicy({ maxAttempts: 3 });
    const { result, counted } = send(listTags, { policy });
    await expect(result).rejects.toThrow(
      /^Cost Explorer kept throttling ListCostAllocationTags \(LimitExceededException\) after 3 attempts over 2 s, each one a paid request/,
    );
    expect([counted(), emulator.stats.get().total, waits.length]).toEqual([3, 3, 2]);
  });

  it("stops waiting when the run is cancelled", async () => {
    emulator.faults.set({ throttle: { times: 10 } });
    const controller = new AbortController();
    const { policy } = recordingPolicy({
      random: () => 0.99,
      baseDelayMs: 3_600_000,
      sleep: (ms, signal) => {
        controller.abort(new Error("SIGINT received"));
        return DEFAULT_RETRY_POLICY.sleep(ms, signal);
      },
    });
    const { result, counted } = send(listTags, { policy, signal: controller.signal });
    await expect(result).rejects.toThrow("SIGINT received");
    expect(counted()).toBe(1);
  });

  it("names the missing permission on AccessDeniedException, and does not retry", async () => {
    emulator.faults.set({ accessDenied: { operations: ["GetCostAndUsage"] } });
    const { result, counted } = send(
      (abortSignal) =>
        client.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: "2026-10-01", End: "2026-10-02" },
            Granularity: "DAILY",
            Metrics: ["UnblendedCost"],
          }),
          { abortSignal },
        ),
      { operation: "GetCostAndUsage", where: "GetCostAndUsage (day)", policy: recordingPolicy().policy },
    );
    await expect(result).rejects.toThrow(
      /^AWS denied ce:GetCostAndUsage to the sync's credentials \(AccessDeniedException: .*\)\. Grant the permission ce:GetCostAndUsage: the README \("AWS Cost Explorer"\) has the least-privilege IAM policy/,
    );
    expect(counted()).toBe(1);
  });

  it("fails on a cut-off answer, saying which request", async () => {
    emulator.faults.set({ cutOff: {} });
    const { result, counted } = send(listTags, {
      where: "ListCostAllocationTags (page 1)",
      policy: recordingPolicy().policy,
    });
    await expect(result).rejects.toThrow(
      /^Cost Explorer's answer to ListCostAllocationTags \(page 1\) was cut off or malformed \(aborted, request id [0-9a-f-]+\)\. Nothing was replaced/,
    );
    expect(counted()).toBe(1);
  });

  it("says when Cost Explorer cannot be reached", async () => {
    const closed = await startCostExplorerEmulator({ now, spend: emulator.spend });
    await closed.close();
    const offline = createCostExplorerClient(parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: closed.url }).aws, {
      credentials,
    });
    const { result } = send((abortSignal) => offline.send(new ListCostAllocationTagsCommand({}), { abortSignal }), {
      policy: recordingPolicy().policy,
    });
    await expect(result).rejects.toThrow(
      /^Cannot reach Cost Explorer for ListCostAllocationTags \(ECONNREFUSED: .*\)\. Check the network, and AWS_ENDPOINT_URL_COST_EXPLORER/,
    );
  });
});
