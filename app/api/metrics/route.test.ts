import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { setProcessDb } from "@/lib/db/process-db";
import { listConfiguredSources } from "@/lib/jobs/sources";
import { runSync } from "@/lib/sync/run-sync";
import type { SyncRunResult } from "@/lib/sync/types";
import { getRightsizingOverview } from "@/lib/rightsizing/read";
import { startDemoWorld, type DemoWorld } from "@/scripts/demo-world";
import { testDatabases, type TestDb } from "@/testing/databases";

// Read before the route first reads its config (parsed once per process).
const TOKEN = "metrics-test-token-0123456789";
process.env.COSTWISE_METRICS_TOKEN = TOKEN;
const { GET } = await import("./route");

const NOW = new Date("2026-11-26T12:00:00Z");

/** name{labels} → value, from the text format. */
function parse(text: string): Map<string, string> {
  const samples = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), line.slice(at + 1));
  }
  return samples;
}

const scrape = async () => {
  const res = await GET(new Request("http://x/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parse(await res.text());
};

describe.each(testDatabases())("GET /api/metrics on $name", ({ create }) => {
  let db: TestDb;
  let world: DemoWorld;
  let synced: SyncRunResult;
  beforeAll(async () => {
    db = await create();
    setProcessDb(Promise.resolve(db));
    world = await startDemoWorld({ now: NOW, db, log: () => {} });
    Object.assign(process.env, world.env); // the AWS SDK reads its credentials from the environment
    const config = parseConfig(world.env);
    synced = await runSync({ sources: await listConfiguredSources(config), db, now: NOW, trigger: "test" });
    expect(synced.status, synced.error ?? "").toBe("succeeded");
  }, 240_000);
  afterAll(async () => {
    setProcessDb(undefined);
    await world?.close();
    await db?.drop();
  });

  it("answers only with the bearer token when one is set", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      const res = await GET(new Request("http://x/api/metrics", { headers }));
      expect(res.status, authorization).toBe(401);
      expect(await res.text()).not.toContain("costwise_");
    }
  });

  it("says when each source last synced, what the requests cost, and how many rows the sync wrote", async () => {
    const m = await scrape();
    const [run] = await db.sql.query<{ finished_at: Date }>(`SELECT finished_at FROM sync_run WHERE id = $1`, [
      synced.runId,
    ]);
    for (const source of ["aws", "datadog"]) {
      const r = synced.sources[source]!;
      expect(Number(m.get(`costwise_sync_last_success_timestamp_seconds{source="${source}"}`))).toBe(
        run!.finished_at.getTime() / 1000,
      );
      expect(m.get(`costwise_source_requests_total{source="${source}"}`)).toBe(String(r.requests));
      expect(m.get(`costwise_sync_rows_written_total{source="${source}"}`)).toBe(String(r.rowsWritten));
      expect(m.get(`costwise_sync_source_runs_total{source="${source}",status="succeeded"}`)).toBe("1");
    }
    expect(synced.sources.aws!.requests).toBeGreaterThan(0);
    // Cost Explorer bills $0.01 a request: the dollars are the requests, in cents, exactly.
    const dollars = m.get('costwise_source_request_cost_dollars_total{source="aws"}') ?? "";
    expect(dollars).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(Math.round(Number(dollars) * 100)).toBe(synced.sources.aws!.requests);
    expect(m.get('costwise_sync_runs_total{status="succeeded"}')).toBe("1");
    expect(Number(m.get('costwise_sync_run_duration_seconds_total{status="succeeded"}'))).toBeGreaterThanOrEqual(0);
    expect(m.get("costwise_sync_running")).toBe("0");
    const [daily] = await db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM cost_daily`);
    expect(Number(daily!.n)).toBeGreaterThan(0);
    expect(m.get('costwise_rows_stored{table="cost_daily"}')).toBe(daily!.n);
  });

  it("gives each team's rightsizing savings, adding up to the cent to the total on /rightsizing", async () => {
    const m = await scrape();
    const teams = [...m].filter(([k]) => k.startsWith("costwise_rightsizing_savings_dollars_per_month{"));
    expect(teams.length).toBeGreaterThan(1);
    const cents = teams.reduce((sum, [, v]) => sum + Math.round(Number(v) * 100), 0);
    const { summary } = await getRightsizingOverview(db, {});
    expect(cents).toBe(summary.total.savings.netCents);
    expect(summary.total.savings.netCents).toBeGreaterThan(0);
  });

  it("counts a failed run of a source apart, and keeps its last success", async () => {
    const before = await scrape();
    const endpoint = world.env.AWS_ENDPOINT_URL_COST_EXPLORER!;
    const armed = await fetch(`${endpoint}/__emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ accessDenied: { operations: ["GetCostAndUsage", "ListCostAllocationTags"] } }),
    });
    expect(armed.ok).toBe(true);
    const config = parseConfig(world.env);
    const failed = await runSync({
      sources: await listConfiguredSources(config, "aws"),
      db,
      now: NOW,
      trigger: "test",
    });
    await fetch(`${endpoint}/__emulator/faults`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(failed.status).toBe("failed");
    const after = await scrape();
    expect(after.get('costwise_sync_source_runs_total{source="aws",status="failed"}')).toBe("1");
    expect(after.get('costwise_sync_runs_total{status="failed"}')).toBe("1");
    expect(after.get('costwise_sync_last_success_timestamp_seconds{source="aws"}')).toBe(
      before.get('costwise_sync_last_success_timestamp_seconds{source="aws"}'),
    );
  });
});
