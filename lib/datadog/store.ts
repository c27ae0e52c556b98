// Stores one Datadog sync as a whole snapshot: rows go to the staging tables under the run's id, in
// bulk (one array parameter per column, unnest), then one short transaction replaces the previous
// snapshot with them. A failed or killed run never touches the previous snapshot; the same answers
// stored twice give the same tables.
import type { Db, Sql } from "@/lib/db/types";
import { checkMovedRows, holdSwapLock } from "@/lib/sync/lock";
import type { ContainerUsage } from "@/lib/rightsizing";
import type { ContainerHours } from "./build-usage";

const CONTAINER_COLUMNS = [
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
const KEY_COLUMNS = ["cluster", "namespace", "workload_kind", "workload", "container"] as const;
const HOUR_COLUMNS = [...KEY_COLUMNS, "hour", "cpu_avg", "cpu_max", "memory_avg", "memory_max"] as const;

const CONTAINER_BATCH = 1000;
/** Hourly rows per statement: 30 containers × 336 hours ≈ 10,000 rows. */
const HOURS_BATCH_CONTAINERS = 30;

function toContainerValues(u: ContainerUsage, runId: number): unknown[] {
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

/**
 * Removes staging rows left by runs that were killed or failed. Only the sync uses the staging tables
 * and the sync lock keeps runs apart, so TRUNCATE's exclusive lock bothers no one.
 */
/**
 * Empties staging of what runs left, only ever by run id (a second run that started while this one still runs
 * must not empty its rows): at the start of a run, rows of runs no longer running; at its end, its own.
 */
export async function clearStaging(db: Db, only?: { runId: number }): Promise<void> {
  const where = only
    ? { sql: "run_id = $1", params: [only.runId] }
    : { sql: "run_id NOT IN (SELECT id FROM sync_run WHERE status = 'running')", params: [] };
  await db.sql.query(`DELETE FROM k8s_usage_hourly_staging WHERE ${where.sql}`, where.params);
  await db.sql.query(`DELETE FROM k8s_container_staging WHERE ${where.sql}`, where.params);
}

export async function stageContainers(sql: Sql, runId: number, usages: readonly ContainerUsage[]): Promise<void> {
  const names = CONTAINER_COLUMNS.map(([name]) => `"${name}"`).join(", ");
  const arrays = CONTAINER_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  for (let start = 0; start < usages.length; start += CONTAINER_BATCH) {
    const rows = usages.slice(start, start + CONTAINER_BATCH).map((u) => toContainerValues(u, runId));
    await sql.query(
      `INSERT INTO k8s_container_staging (${names}) SELECT * FROM unnest(${arrays})`,
      CONTAINER_COLUMNS.map((_, i) => rows.map((r) => r[i])),
    );
  }
}

/**
 * Hourly rows of each container (slots without any value are left out). The container keys are sent
 * once per batch and joined by position, not repeated on each of its ≤ 336 rows.
 */
export async function stageUsageHours(
  sql: Sql,
  runId: number,
  usages: readonly ContainerUsage[],
  hours: readonly ContainerHours[],
  window: { fromSec: number; slotSeconds: number },
): Promise<number> {
  let written = 0;
  for (let start = 0; start < usages.length; start += HOURS_BATCH_CONTAINERS) {
    const keys = usages.slice(start, start + HOURS_BATCH_CONTAINERS);
    const cols = {
      i: [] as number[],
      hour: [] as number[],
      cpuAvg: [] as string[],
      cpuMax: [] as string[],
      memoryAvg: [] as string[],
      memoryMax: [] as string[],
    };
    keys.forEach((_, k) => {
      const h = hours[start + k]!;
      for (let slot = 0; slot < h.cpuAvg.length; slot++) {
        const [ca, cm, ma, mm] = [h.cpuAvg[slot]!, h.cpuMax[slot]!, h.memoryAvg[slot]!, h.memoryMax[slot]!];
        if (ca !== ca && cm !== cm && ma !== ma && mm !== mm) continue;
        cols.i.push(k + 1);
        cols.hour.push(window.fromSec + slot * window.slotSeconds);
        // Chart precision: 0.001 millicores, whole bytes (shorter text to send and parse).
        cols.cpuAvg.push(toNumberText(ca, 1000));
        cols.cpuMax.push(toNumberText(cm, 1000));
        cols.memoryAvg.push(toNumberText(ma, 1));
        cols.memoryMax.push(toNumberText(mm, 1));
      }
    });
    if (cols.i.length === 0) continue;
    // Number arrays are sent as array literals: node-postgres' own array encoding is ~5× slower here.
    const literal = (texts: (string | number)[]) => `{${texts.join(",")}}`;
    await sql.query(
      `INSERT INTO k8s_usage_hourly_staging (${HOUR_COLUMNS.join(", ")}, run_id)
       SELECT k.cluster, k.namespace, k.workload_kind, k.workload, k.container, to_timestamp(h.hour), h.cpu_avg, h.cpu_max, h.memory_avg, h.memory_max, $12
         FROM unnest($1::int4[], $2::int8[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS h(i, hour, cpu_avg, cpu_max, memory_avg, memory_max)
         JOIN unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) WITH ORDINALITY AS k(cluster, namespace, workload_kind, workload, container, i)
           ON k.i = h.i`,
      [
        literal(cols.i),
        literal(cols.hour),
        literal(cols.cpuAvg),
        literal(cols.cpuMax),
        literal(cols.memoryAvg),
        literal(cols.memoryMax),
        keys.map((u) => u.cluster),
        keys.map((u) => u.namespace),
        keys.map((u) => u.workloadKind),
        keys.map((u) => u.workload),
        keys.map((u) => u.container),
        runId,
      ],
    );
    written += cols.i.length;
  }
  return written;
}

/** One short transaction: the run's staged rows become the snapshot; returns the rows now stored. */
export async function swapSnapshot(
  db: Db,
  runId: number,
  staged: { containers: number; hours: number },
): Promise<{ containers: number; hours: number }> {
  return db.transaction(async (tx) => {
    await holdSwapLock(tx);
    // k8s_container: DELETE, so pages reading during the swap keep seeing the previous snapshot (MVCC).
    // k8s_usage_hourly (~1M rows for 3,000 containers): TRUNCATE, because inserting into a key index
    // full of just-deleted entries measured about 2× slower; a usage chart read during the swap waits
    // for it (seconds) instead. Rows go in primary-key order: appending to the wide key index (5 text
    // columns + hour) is faster than inserting at random places.
    await tx.query("TRUNCATE k8s_usage_hourly");
    await tx.query("DELETE FROM k8s_container");
    const names = CONTAINER_COLUMNS.map(([name]) => `"${name}"`).join(", ");
    const [c] = await tx.query<{ n: number }>(
      `WITH moved AS (INSERT INTO k8s_container (${names}) SELECT ${names} FROM k8s_container_staging WHERE run_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [runId],
    );
    const hourNames = HOUR_COLUMNS.join(", ");
    const [h] = await tx.query<{ n: number }>(
      `WITH moved AS (INSERT INTO k8s_usage_hourly (${hourNames}) SELECT ${hourNames} FROM k8s_usage_hourly_staging WHERE run_id = $1
                          ORDER BY ${[...KEY_COLUMNS, "hour"].join(", ")} RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [runId],
    );
    checkMovedRows("containers", c?.n ?? 0, staged.containers);
    checkMovedRows("hourly usage rows", h?.n ?? 0, staged.hours);
    await tx.query("DELETE FROM k8s_usage_hourly_staging WHERE run_id = $1", [runId]);
    await tx.query("DELETE FROM k8s_container_staging WHERE run_id = $1", [runId]);
    return { containers: c?.n ?? 0, hours: h?.n ?? 0 };
  });
}

function toNumberText(value: number, scale: number): string {
  return value === value ? String(Math.round(value * scale) / scale) : "NULL";
}

/** Best effort after a failure: the run's staged rows are useless (the next run would clear them too). */
export async function dropStaged(db: Db, runId: number): Promise<void> {
  await clearStaging(db, { runId }).catch(() => {});
}
