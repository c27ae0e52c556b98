// The one read behind /api/metrics: what an SRE alerts on (is the data fresh, do syncs fail, what do they cost)
// and what the dashboard is for (the savings per team), as Prometheus metric families.
import type { Db } from "@/lib/db/types";
import { addMoney, formatCentsAsUsd } from "@/lib/money";
import type { MetricFamily } from "@/lib/prometheus";
import { getRightsizingOverview } from "@/lib/rightsizing/read";

/** The tables a sync fills, and the initiatives people enter: their row counts are "rows stored". */
const STORED_TABLES = [
  "cost_daily",
  "cost_day",
  "cost_monthly",
  "k8s_container",
  "k8s_usage_hourly",
  "savings_initiative",
];

export async function getMetrics(db: Db): Promise<MetricFamily[]> {
  const perSource = await db.sql.query<{
    source: string;
    status: string;
    runs: number;
    requests: number;
    cost: string;
    rows: string;
    last_success: Date | null;
  }>(
    `SELECT d.key AS source, d.value->>'status' AS status, count(*)::int AS runs,
            coalesce(sum((d.value->>'requests')::int), 0)::int AS requests,
            coalesce(sum((d.value->>'requestCostUsd')::numeric), 0)::text AS cost,
            coalesce(sum((d.value->>'rowsWritten')::bigint), 0)::text AS rows,
            max(r.finished_at) FILTER (WHERE d.value->>'status' = 'succeeded') AS last_success
       FROM sync_run r CROSS JOIN LATERAL jsonb_each(r.details) d
      WHERE r.details IS NOT NULL AND jsonb_typeof(r.details) = 'object'
      GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const runs = await db.sql.query<{ status: string; runs: number; seconds: number }>(
    `SELECT status, count(*)::int AS runs,
            coalesce(sum(extract(epoch FROM finished_at - started_at)), 0)::float8 AS seconds
       FROM sync_run WHERE finished_at IS NOT NULL GROUP BY status ORDER BY status`,
  );
  const [running] = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sync_run WHERE status = 'running'`,
  );
  const stored: { table: string; rows: string }[] = [];
  for (const table of STORED_TABLES) {
    const [row] = await db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    stored.push({ table, rows: row?.n ?? "0" });
  }
  const rightsizing = await getRightsizingOverview(db, {});

  const sources = [...new Set(perSource.map((r) => r.source))];
  const sumBy = <K extends "requests" | "cost" | "rows">(source: string, key: K) =>
    perSource.filter((r) => r.source === source).map((r) => r[key]);
  const lastSuccess = (source: string) => {
    const times = perSource.filter((r) => r.source === source && r.last_success).map((r) => r.last_success!.getTime());
    return times.length ? Math.max(...times) / 1000 : 0;
  };
  return [
    {
      name: "costwise_sync_last_success_timestamp_seconds",
      help: "When each source last synced successfully (Unix time; 0 = never). Alert when it falls behind.",
      type: "gauge",
      samples: sources.map((source) => ({ labels: { source }, value: lastSuccess(source) })),
    },
    {
      name: "costwise_sync_source_runs_total",
      help: "Sync runs per source and how that source ended (succeeded, failed, interrupted).",
      type: "counter",
      samples: perSource.map((r) => ({ labels: { source: r.source, status: r.status }, value: r.runs })),
    },
    {
      name: "costwise_sync_runs_total",
      help: "Finished sync runs by outcome.",
      type: "counter",
      samples: runs.map((r) => ({ labels: { status: r.status }, value: r.runs })),
    },
    {
      name: "costwise_sync_run_duration_seconds_total",
      help: "Time spent in finished sync runs by outcome; divided by costwise_sync_runs_total, the mean duration.",
      type: "counter",
      samples: runs.map((r) => ({ labels: { status: r.status }, value: r.seconds })),
    },
    {
      name: "costwise_sync_running",
      help: "Sync runs in progress (0 or 1: the database's sync lock allows one).",
      type: "gauge",
      samples: [{ value: running?.n ?? 0 }],
    },
    {
      name: "costwise_source_requests_total",
      help: "API requests the syncs made, per source (aws = Cost Explorer, datadog = Datadog).",
      type: "counter",
      samples: sources.map((source) => ({
        labels: { source },
        value: sumBy(source, "requests").reduce((a, b) => a + b, 0),
      })),
    },
    {
      name: "costwise_source_request_cost_dollars_total",
      help: "What the syncs' API requests cost, per source, in US dollars (Cost Explorer bills $0.01 a request).",
      type: "counter",
      samples: sources.map((source) => ({ labels: { source }, value: addMoney("0", ...sumBy(source, "cost")) })),
    },
    {
      name: "costwise_sync_rows_written_total",
      help: "Rows the syncs wrote, per source.",
      type: "counter",
      samples: sources.map((source) => ({
        labels: { source },
        value: sumBy(source, "rows")
          .reduce((a, b) => a + BigInt(b), 0n)
          .toString(),
      })),
    },
    {
      name: "costwise_rows_stored",
      help: "Rows stored, per table.",
      type: "gauge",
      samples: stored.map((s) => ({ labels: { table: s.table }, value: s.rows })),
    },
    {
      name: "costwise_rightsizing_savings_dollars_per_month",
      help: "Net monthly savings of the rightsizing recommendations, per team, in US dollars (HPA-scaled workloads apart).",
      type: "gauge",
      samples: rightsizing.summary.teams.map((t) => ({
        labels: { team: t.team },
        value: formatCentsAsUsd(t.savings.netCents),
      })),
    },
  ];
}
