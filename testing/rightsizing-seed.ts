// Tests and timing runs only: writes containers and hourly usage straight into the Kubernetes tables,
// the way the Datadog sync leaves them, so reads can be tested without a sync.
import type { Sql } from "@/lib/db/types";
import type { ContainerKey, UsageHour } from "@/lib/rightsizing/read";
import type { ContainerUsage } from "@/lib/rightsizing/types";

const COLUMNS = [
  ["cluster", "text"],
  ["namespace", "text"],
  ["workload_kind", "text"],
  ["workload", "text"],
  ["container", "text"],
  ["env_tag", "text"],
  ["team_tag", "text"],
  ["replicas", "float8"],
  ["cpu_p50", "float8"],
  ["cpu_p95", "float8"],
  ["cpu_p99", "float8"],
  ["cpu_max", "float8"],
  ["cpu_samples", "int4"],
  ["memory_idle", "float8"],
  ["memory_peak", "float8"],
  ["cpu_request", "float8"],
  ["cpu_limit", "float8"],
  ["memory_request", "float8"],
  ["memory_limit", "float8"],
  ["oom_kills", "int4"],
  ["restarts", "int4"],
  ["has_hpa", "bool"],
  ["first_seen", "date"],
  ["data_days", "float8"],
  ["window_start", "date"],
  ["window_days", "int4"],
  ["run_id", "int4"],
] as const;

function toValues(u: ContainerUsage, runId: number): unknown[] {
  return [
    u.cluster,
    u.namespace,
    u.workloadKind,
    u.workload,
    u.container,
    u.envTag,
    u.teamTag,
    u.replicas,
    u.cpu.p50,
    u.cpu.p95,
    u.cpu.p99,
    u.cpu.max,
    u.cpuSamples,
    u.memory.idle,
    u.memory.peak,
    u.requests.cpu,
    u.limits.cpu,
    u.requests.memory,
    u.limits.memory,
    u.oomKills,
    u.restarts,
    u.hasHpa,
    u.firstSeen,
    u.dataDays,
    u.windowStart,
    u.windowDays,
    runId,
  ];
}

/** Inserts containers in batches of 1,000 (one array parameter per column). */
export async function insertContainers(sql: Sql, usages: ContainerUsage[], runId = 1): Promise<void> {
  for (let start = 0; start < usages.length; start += 1000) {
    const batch = usages.slice(start, start + 1000).map((u) => toValues(u, runId));
    const params = COLUMNS.map((_, i) => batch.map((values) => values[i]));
    const names = COLUMNS.map(([name]) => `"${name}"`).join(", ");
    const arrays = COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
    await sql.query(`INSERT INTO k8s_container (${names}) SELECT * FROM unnest(${arrays})`, params);
  }
}

export async function insertUsageHours(sql: Sql, key: ContainerKey, hours: UsageHour[]): Promise<void> {
  await sql.query(
    `INSERT INTO k8s_usage_hourly (cluster, namespace, workload_kind, workload, container, hour, cpu_avg, cpu_max, memory_avg, memory_max)
     SELECT $1, $2, $3, $4, $5, h, ca, cm, ma, mm
       FROM unnest($6::timestamptz[], $7::float8[], $8::float8[], $9::float8[], $10::float8[]) AS t(h, ca, cm, ma, mm)`,
    [
      key.cluster,
      key.namespace,
      key.workloadKind,
      key.workload,
      key.container,
      hours.map((h) => h.hour),
      hours.map((h) => h.cpuAvg),
      hours.map((h) => h.cpuMax),
      hours.map((h) => h.memoryAvg),
      hours.map((h) => h.memoryMax),
    ],
  );
}
