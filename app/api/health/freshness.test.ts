// Stale data per source: a deployment syncing Cost Explorer and Datadog, where Datadog kept failing after one
// success. /api/health says which source is stale and since when, and still answers 200 (liveness holds).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setProcessDb } from "@/lib/db/process-db";
import { testDatabases, type TestDb } from "@/testing/databases";
import { runSync } from "@/lib/sync/run-sync";
import type { SyncSource } from "@/lib/sync/types";
import { GET } from "./route";

const source = (name: string, fails = false): SyncSource => ({
  name,
  label: name,
  requestCostCents: 0,
  run: async () => {
    if (fails) throw new Error(`${name} is down`);
    return { range: null };
  },
});

beforeAll(() => {
  // Both sources on, as configured in production (the config is read on the first request).
  vi.stubEnv("COSTWISE_AWS", "true");
  vi.stubEnv("DD_API_KEY", "test-api-key");
  vi.stubEnv("DD_APP_KEY", "test-app-key");
});

describe.each(testDatabases())("stale data per source in /api/health on $name", ({ create }) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    setProcessDb(undefined);
    await db?.drop();
    db = undefined;
  });

  it("names the stale source and its last success, while runs that failed only for it keep spend fresh", async () => {
    db = await create();
    setProcessDb(Promise.resolve(db));
    const never = await (await GET()).json();
    expect(never.data.stale).toBe(true);
    expect(never.data.sources).toEqual([
      { source: "aws", label: "AWS Cost Explorer", lastSuccess: null, stale: true },
      { source: "datadog", label: "Datadog", lastSuccess: null, stale: true },
    ]);

    await runSync({ db, now: new Date(), sources: [source("aws"), source("datadog")] });
    await db.sql.query("UPDATE sync_run SET finished_at = now() - interval '5 days'");
    // Since then every run failed for Datadog only: the runs are `failed`, yet Cost Explorer's data is fresh.
    const failed = await runSync({ db, now: new Date(), sources: [source("aws"), source("datadog", true)] });
    expect(failed.status).toBe("failed");

    const res = await GET();
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.stale).toBe(true);
    expect(data.sources).toMatchObject([
      { source: "aws", stale: false },
      { source: "datadog", stale: true, lastSuccess: expect.any(String) },
    ]);
    expect(Date.now() - Date.parse(data.sources[1].lastSuccess)).toBeGreaterThan(5 * 86_400_000 - 60_000);
    expect(data.message).toMatch(
      /^Stale data\. Datadog: last successful sync \d{4}-\d\d-\d\d \d\d:\d\d UTC, 5 days ago\.$/,
    );
  });
});
