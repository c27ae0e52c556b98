// The Datadog sync when Datadog refuses, throttles or breaks: the real client against the emulator's
// switchable faults. Waits are recorded by a fake sleep, never waited for.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { startDatadogEmulator } from "@/emulators/datadog/server";
import type { DatadogEmulator } from "@/emulators/datadog/server";
import { HAND_MADE_DATASET, NOW } from "@/testing/datadog-dataset";
import { createFakeTime, readSnapshot, syncFromEmulator } from "@/testing/datadog";

let emulator: DatadogEmulator;
beforeAll(async () => {
  emulator = await startDatadogEmulator({ now: NOW, dataset: HAND_MADE_DATASET });
});
afterAll(() => emulator.close());

describe.each(testDatabases())("Datadog sync faults on $name", ({ create }) => {
  // One database per file and kind (creating one takes seconds); each test starts from empty tables.
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(() => db.sql.exec("DELETE FROM k8s_usage_hourly; DELETE FROM k8s_container"));
  afterEach(() => {
    emulator.faults.clear();
    emulator.faults.releaseHeld();
    emulator.resetStats();
  });

  it("403: says which keys and scope to check, after one request, and stores nothing", async () => {
    const { result } = await syncFromEmulator(db, emulator, { now: NOW, keys: { appKey: "not-the-key" } });
    expect(result.status).toBe("failed");
    expect(result.sources.datadog?.requests).toBe(1);
    expect(result.error).toMatch(
      /refused \(403: Forbidden\) by http:\/\/127\.0\.0\.1:\d+: check DD_API_KEY and DD_APP_KEY/,
    );
    expect(result.error).toContain("timeseries_query scope");
    expect((await readSnapshot(db)).containers).toEqual([]);
  });

  it("429: waits X-RateLimit-Reset seconds, as told, then goes on; the retry is counted", async () => {
    emulator.faults.add({ kind: "rate-limit", resetSeconds: 7 });
    const { result, sleeps, logs } = await syncFromEmulator(db, emulator, { now: NOW });
    expect(result.status).toBe("succeeded");
    expect(sleeps).toEqual([7_000]);
    expect(result.sources.datadog?.requests).toBe(13);
    expect(emulator.stats.byStatus).toEqual({ 200: 12, 429: 1 });
    expect(logs.join("\n")).toMatch(/Datadog answered 429; retrying in 7 s \(attempt 2 of 5\)/);
  });

  it("429 with a reset of an hour: fails at once with the reason instead of holding the sync lock for an hour", async () => {
    emulator.faults.add({ kind: "rate-limit", resetSeconds: 3600 });
    const { result, sleeps } = await syncFromEmulator(db, emulator, { now: NOW });
    expect(result.status).toBe("failed");
    expect(sleeps).toEqual([]);
    expect(result.sources.datadog?.requests).toBe(1);
    expect(result.error).toMatch(
      /kubernetes\.cpu\.usage\.total: Datadog's rate limit resets in 3600 s, longer than the 120 s a sync waits for it .*run the sync again after the reset/,
    );
    expect((await readSnapshot(db)).containers).toEqual([]);
  });

  it("an answer larger than the cap: refused as it streams in, the run fails and stores nothing", async () => {
    const { result } = await syncFromEmulator(db, emulator, { now: NOW, source: { maxAnswerBytes: 1_000 } });
    expect(result.status).toBe("failed");
    expect(result.sources.datadog?.requests).toBe(1);
    expect(result.error).toMatch(
      /kubernetes\.cpu\.usage\.total: the answer is larger than 0 MB \(\d+\+ bytes\), refused/,
    );
    expect((await readSnapshot(db)).containers).toEqual([]);
  });

  it("503 once: backs off 2 s and retries; five times: fails after 5 attempts", async () => {
    emulator.faults.add({ kind: "error", status: 503 });
    const once = await syncFromEmulator(db, emulator, { now: NOW });
    expect([once.result.status, once.result.sources.datadog?.requests, once.sleeps]).toEqual([
      "succeeded",
      13,
      [2_000],
    ]);

    emulator.faults.add({ kind: "error", status: 503, times: 5 });
    const always = await syncFromEmulator(db, emulator, { now: NOW });
    expect(always.result.status).toBe("failed");
    expect(always.sleeps).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(always.result.sources.datadog?.requests).toBe(5);
    expect(always.result.error).toMatch(
      /kubernetes\.cpu\.usage\.total failed with HTTP 503: Service Unavailable after 5 attempts/,
    );
  });

  it.each([
    [
      "malformed-json",
      /the answer was cut off or is not valid JSON \(the answer is not valid JSON: Unexpected "<" at .*position "60"/,
    ],
    ["truncated-body", /the answer was cut off or is not valid JSON \(.*[Pp]remature close/],
  ] as const)("%s: fails the run with a message", async (kind, message) => {
    emulator.faults.add({ kind });
    const { result } = await syncFromEmulator(db, emulator, { now: NOW });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(message);
  });

  it("an answer that never completes: fails after the request timeout", async () => {
    emulator.faults.add({ kind: "slow", delayMs: 60_000 });
    const { result } = await syncFromEmulator(db, emulator, { now: NOW, source: { timeoutMs: 50 } });
    expect(result.error).toMatch(/kubernetes\.cpu\.usage\.total: no complete answer within 0\.05 s/);
  });

  it("slows down before a 429: at 2 requests left it waits for the period to reset", async () => {
    // 5 requests per 60 s period; the emulator's rate limiter reads the fake clock the sync sleeps on.
    const fake = createFakeTime();
    const paced = await startDatadogEmulator({
      now: NOW,
      dataset: HAND_MADE_DATASET,
      rateLimit: { limit: 5, periodSeconds: 60 },
      wallClock: fake.clock,
    });
    try {
      const { result, sleeps } = await syncFromEmulator(db, paced, { now: NOW, fake });
      expect(result.status).toBe("succeeded");
      expect(paced.stats.byStatus).toEqual({ 200: 12 }); // never a 429
      // 3 requests per period (5 minus a reserve of 2), the clock at a period start: 12 requests, 3 waits of 60 s
      expect(sleeps).toEqual([60_000, 60_000, 60_000]);
    } finally {
      await paced.close();
    }
  });
});
