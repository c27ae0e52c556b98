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

  it("retries an answer cut off half-way, counting both attempts", async () => {
    emulator.faults.set({ cutOff: {} });
    const { waits, policy } = recordingPolicy();
    const { result, counted } = send(listTags, { where: "ListCostAllocationTags (page 1)", policy });
    await expect(result).resolves.toMatchObject({ CostAllocationTags: expect.any(Array) });
    expect([counted(), waits.length, emulator.stats.get().total]).toEqual([2, 1, 2]);
  });

  it("gives up on answers cut off maxErrorAttempts times, saying which request", async () => {
    emulator.faults.set({ cutOff: { times: 10 } });
    const { result, counted } = send(listTags, {
      where: "ListCostAllocationTags (page 1)",
      policy: recordingPolicy({ maxErrorAttempts: 3 }).policy,
    });
    await expect(result).rejects.toThrow(
      /^Cost Explorer failed ListCostAllocationTags \(page 1\) 3 times \(last: .*aborted.*\), each attempt a paid request\. Nothing was replaced/,
    );
    expect(counted()).toBe(3);
  });

  it("retries a 500 from AWS with jittered backoff, and gives up after maxErrorAttempts", async () => {
    emulator.faults.set({ serverError: { times: 2 } });
    const { waits, policy } = recordingPolicy();
    const once = send(listTags, { policy });
    await expect(once.result).resolves.toBeDefined();
    expect([once.counted(), waits]).toEqual([3, [500, 1000]]);

    emulator.faults.set({ serverError: { times: 10, status: 502 } });
    const { result, counted } = send(listTags, { policy: recordingPolicy({ maxErrorAttempts: 4 }).policy });
    await expect(result).rejects.toThrow(
      /^Cost Explorer failed ListCostAllocationTags 4 times \(last: InternalFailure: .*\(HTTP 502\)\)/,
    );
    expect(counted()).toBe(4);
    expect(emulator.stats.get().errors).toEqual({ InternalFailure: 6 });
  });

  it("times out a stalled answer (COSTWISE_REQUEST_TIMEOUT_S) and retries it", async () => {
    const quick = createCostExplorerClient(parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url }).aws, {
      credentials,
      requestTimeoutMs: 150,
    });
    const quickTags = (abortSignal: AbortSignal) => quick.send(new ListCostAllocationTagsCommand({}), { abortSignal });
    emulator.faults.set({ slow: { delayMs: 2_000 } });
    const { result, counted } = send(quickTags, { policy: recordingPolicy().policy, timeoutMs: 150 });
    await expect(result).resolves.toBeDefined();
    expect(counted()).toBe(2);

    emulator.faults.set({ slow: { delayMs: 2_000, times: 3 } });
    const stalled = send(quickTags, { policy: recordingPolicy({ maxErrorAttempts: 3 }).policy, timeoutMs: 150 });
    await expect(stalled.result).rejects.toThrow(
      /^Cost Explorer failed ListCostAllocationTags 3 times \(last: (no complete answer within 0\.15 s|TimeoutError: .*)\)/,
    );
    expect(stalled.counted()).toBe(3);
  });

  it("refuses an answer larger than maxAnswerBytes as it streams in", async () => {
    const small = createCostExplorerClient(parseConfig({ AWS_ENDPOINT_URL_COST_EXPLORER: emulator.url }).aws, {
      credentials,
      maxAnswerBytes: 2_000,
    });
    const { result, counted } = send(
      (abortSignal) =>
        small.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: "2026-10-01", End: "2026-10-08" },
            Granularity: "DAILY",
            Metrics: ["UnblendedCost"],
            GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
          }),
          { abortSignal },
        ),
      { operation: "GetCostAndUsage", where: "GetCostAndUsage (service)", policy: recordingPolicy().policy },
    );
    await expect(result).rejects.toThrow(
      /^Cost Explorer's answer to GetCostAndUsage \(service\): the answer is larger than 0 MB \(\d+\+ bytes\), refused/,
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
