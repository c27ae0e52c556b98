// Reads behind /rightsizing, /rightsizing/[team] and the rightsizing export: the stored usage (one row
// per container, filled by the Datadog sync) → recommendations computed now, with the current settings,
// so a settings change shows everywhere at once without a sync.
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { getRightsizingSettings } from "@/lib/settings/store";
import type { RightsizingSettings } from "@/lib/settings/rightsizing";
import { summarizeRecommendations, toRightsizingRows } from "./summarize";
import type { RightsizingSummary, TeamTotals } from "./summarize";
import { isInScope, toEnvironmentKey, toTablePage } from "./table-query";
import type { Scope, TablePage, TableQuery } from "./table-query";
import type { ContainerUsage, RightsizingRow } from "./types";

type ContainerRecord = {
  cluster: string;
  namespace: string;
  workload_kind: string;
  workload: string;
  container: string;
  env_tag: string | null;
  team_tag: string | null;
  replicas: number;
  cpu_p50: number;
  cpu_p95: number;
  cpu_p99: number;
  cpu_max: number;
  cpu_samples: number;
  memory_idle: number;
  memory_peak: number;
  cpu_request: number | null;
  cpu_limit: number | null;
  memory_request: number | null;
  memory_limit: number | null;
  oom_kills: number;
  restarts: number;
  has_hpa: boolean;
  first_seen: string;
  data_days: number;
  window_start: string;
  window_days: number;
};

function toContainerUsage(r: ContainerRecord): ContainerUsage {
  return {
    cluster: r.cluster,
    namespace: r.namespace,
    workloadKind: r.workload_kind,
    workload: r.workload,
    container: r.container,
    envTag: r.env_tag,
    teamTag: r.team_tag,
    replicas: r.replicas,
    cpu: { p50: r.cpu_p50, p95: r.cpu_p95, p99: r.cpu_p99, max: r.cpu_max },
    cpuSamples: r.cpu_samples,
    memory: { idle: r.memory_idle, peak: r.memory_peak },
    requests: { cpu: r.cpu_request, memory: r.memory_request },
    limits: { cpu: r.cpu_limit, memory: r.memory_limit },
    oomKills: r.oom_kills,
    restarts: r.restarts,
    hasHpa: r.has_hpa,
    firstSeen: r.first_seen,
    dataDays: r.data_days,
    windowStart: r.window_start,
    windowDays: r.window_days,
  };
}

/** Every stored container (optionally of one cluster), in a stable order. */
export async function listContainerUsages(db: Db, opts: { cluster?: string } = {}): Promise<ContainerUsage[]> {
  // One JSON document instead of ~3,000 rows × 26 fields: the embedded database converts values field by
  // field, and this read is on every rightsizing page (large demo: 340 ms as rows, ~130 ms as one JSON
  // text). float8 goes out as its shortest exact form, so the numbers are the same; dates stay YYYY-MM-DD.
  const [result] = await db.sql.query<{ rows: string | null }>(
    `SELECT json_agg(c ORDER BY cluster, namespace, workload_kind, workload, container)::text AS rows
       FROM (SELECT cluster, namespace, workload_kind, workload, container, env_tag, team_tag, replicas,
                    cpu_p50, cpu_p95, cpu_p99, cpu_max, cpu_samples, memory_idle, memory_peak,
                    cpu_request, cpu_limit, memory_request, memory_limit, oom_kills, restarts, has_hpa,
                    first_seen, data_days, window_start, window_days
               FROM k8s_container
              WHERE ($1::text IS NULL OR cluster = $1)) c`,
    [opts.cluster ?? null],
  );
  const records = result?.rows ? (JSON.parse(result.rows) as ContainerRecord[]) : [];
  return records.map(toContainerUsage);
}

export type UsageWindow = { start: string; days: number };

/** What every rightsizing page shows around its table: the settings used, the choices of the filters. */
export type RightsizingContext = {
  settings: RightsizingSettings;
  /** Every row, all teams, no filter: the filters' choices and the known teams come from here. */
  allRows: RightsizingRow[];
  clusters: string[];
  environments: string[];
  teams: string[];
  window: UsageWindow | null;
};

// Reading and recomputing every container costs ~250 ms with the large demo on the embedded database,
// and pages are read far more often than the data or the settings change. So the result is kept per
// database, keyed by what it was computed from: the stored snapshot (its sync run and row count; the
// sync replaces it whole) and the settings document. A sync or a settings change gives a new key and the
// next read recomputes: recommendations stay computed when read, with the settings in force. The Datadog
// sync reads them right after its swap, so in the process that ran it the first page finds them here.
// (Storing the computed rows instead was measured no faster to read back: README, Benchmarks.)
// One cache per process, on globalThis: the Next.js bundle has its own copy of every module (lib/db/process-db.ts),
// and a sync started by the server's scheduler (scripts/serve.ts) runs in the other copy.
const shared = globalThis as typeof globalThis & {
  __costwiseRightsizingContexts?: WeakMap<Db, { key: string; ctx: RightsizingContext }>;
};
const contexts = (shared.__costwiseRightsizingContexts ??= new WeakMap());

export async function getRightsizingContext(db: Db): Promise<RightsizingContext> {
  const [settings, [snapshot]] = await Promise.all([
    getRightsizingSettings(db),
    db.sql.query<{ run: number | null; n: number }>("SELECT max(run_id) AS run, count(*)::int AS n FROM k8s_container"),
  ]);
  const key = JSON.stringify([snapshot?.run ?? null, snapshot?.n ?? 0, settings]);
  const cached = contexts.get(db);
  if (cached?.key === key) return cached.ctx;
  const ctx = toContext(settings, toRightsizingRows(await listContainerUsages(db), settings));
  contexts.set(db, { key, ctx });
  return ctx;
}

function toContext(settings: RightsizingSettings, allRows: RightsizingRow[]): RightsizingContext {
  const distinct = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  const first = allRows[0]?.usage;
  return {
    settings,
    allRows,
    clusters: distinct(allRows.map((r) => r.usage.cluster)),
    environments: distinct(allRows.map(toEnvironmentKey)),
    teams: distinct(allRows.map((r) => r.recommendation.team.value)),
    // The sync writes one window for all containers; the earliest start covers a mixed table too.
    window: first
      ? {
          start: allRows.reduce((min, r) => (r.usage.windowStart < min ? r.usage.windowStart : min), first.windowStart),
          days: allRows.reduce((max, r) => Math.max(max, r.usage.windowDays), first.windowDays),
        }
      : null,
  };
}

/**
 * The context as a person granted only these teams sees it: their rows, and the filter choices those rows
 * give (a cluster with none of their containers is not offered). null = every team.
 */
export function restrictToTeams(ctx: RightsizingContext, teams: string[] | null): RightsizingContext {
  if (teams === null) return ctx;
  return toContext(
    ctx.settings,
    ctx.allRows.filter((row) => teams.includes(row.recommendation.team.value)),
  );
}

// A filter naming a cluster or environment that is not in the data is a mistake (a typo in a shared
// URL or a CLI flag): say so with the choices, instead of showing an empty table as if all were fine.
export function checkScope(scope: Scope, ctx: Pick<RightsizingContext, "clusters" | "environments">): void {
  if (scope.cluster !== undefined && !ctx.clusters.includes(scope.cluster)) {
    throw new AppError(
      "bad-input",
      `No cluster "${scope.cluster}" in the synced data. Clusters: ${ctx.clusters.join(", ") || "none yet"}.`,
    );
  }
  if (scope.environment !== undefined && !ctx.environments.includes(scope.environment.toLowerCase())) {
    throw new AppError(
      "bad-input",
      `No environment "${scope.environment}" in the synced data. Environments: ${ctx.environments.join(", ") || "none yet"}.`,
    );
  }
}

export function checkTeam(team: string, ctx: Pick<RightsizingContext, "teams">): void {
  if (ctx.teams.includes(team)) return;
  throw new AppError(
    "not-found",
    `No team "${team}" in the synced data. Teams: ${ctx.teams.join(", ") || "none yet (run a sync)"}. Team names come from the team tag or the namespace → team mapping in Settings.`,
  );
}

export type UnmappedEnvironment = { cluster: string; value: string | null; containers: number };

export type RightsizingOverview = RightsizingContext & {
  scope: Scope;
  summary: RightsizingSummary;
  /** Environment values on neither list (treated as production), for the page to list. */
  unmapped: UnmappedEnvironment[];
};

/** The overview: every team's totals within the cluster/environment scope, and the grand total. */
export async function getRightsizingOverview(
  db: Db,
  scope: Scope,
  opts: { teams?: string[] | null } = {},
): Promise<RightsizingOverview> {
  const ctx = restrictToTeams(await getRightsizingContext(db), opts.teams ?? null);
  checkScope(scope, ctx);
  const rows = ctx.allRows.filter((row) => isInScope(row, scope));
  const unmapped = new Map<string, UnmappedEnvironment>();
  for (const row of rows) {
    const env = row.recommendation.environment;
    if (!env.isUnmapped) continue;
    const key = `${row.usage.cluster}\u0000${env.value ?? ""}`;
    const entry = unmapped.get(key) ?? { cluster: row.usage.cluster, value: env.value, containers: 0 };
    entry.containers += 1;
    unmapped.set(key, entry);
  }
  return { ...ctx, scope, summary: summarizeRecommendations(rows), unmapped: [...unmapped.values()] };
}

export type TeamRightsizing = RightsizingContext & {
  team: string;
  query: TableQuery;
  /** The team's totals within the cluster/environment scope: the same numbers as its overview row. */
  totals: TeamTotals;
  /** The team's rows within the scope (before the table's own filters). */
  scopedRows: RightsizingRow[];
  table: TablePage;
};

/** One team's table: totals, then its rows filtered, sorted and paged as the query says. */
export async function getTeamRightsizing(
  db: Db,
  team: string,
  query: TableQuery,
  opts: { teams?: string[] | null } = {},
): Promise<TeamRightsizing> {
  const ctx = restrictToTeams(await getRightsizingContext(db), opts.teams ?? null);
  checkTeam(team, ctx);
  checkScope(query, ctx);
  const scopedRows = ctx.allRows.filter((row) => row.recommendation.team.value === team && isInScope(row, query));
  const totals = summarizeRecommendations(scopedRows).teams[0] ?? { team, ...summarizeRecommendations([]).total };
  return { ...ctx, team, query, totals, scopedRows, table: toTablePage(scopedRows, query) };
}

export type ContainerKey = Pick<ContainerUsage, "cluster" | "namespace" | "workloadKind" | "workload" | "container">;
export type UsageHour = {
  hour: string;
  cpuAvg: number | null;
  cpuMax: number | null;
  memoryAvg: number | null;
  memoryMax: number | null;
};

/** One container's hourly usage over the window (≤ 336 points), oldest first, for its usage chart. */
export async function listUsageHours(
  db: Db,
  key: ContainerKey,
  opts: { teams?: string[] | null } = {},
): Promise<UsageHour[]> {
  const teams = opts.teams ?? null;
  if (teams !== null) {
    // A scoped person reads only their teams' containers; another team's container is answered as unknown.
    const ctx = restrictToTeams(await getRightsizingContext(db), teams);
    const same = (row: RightsizingRow) =>
      row.usage.cluster === key.cluster &&
      row.usage.namespace === key.namespace &&
      row.usage.workloadKind === key.workloadKind &&
      row.usage.workload === key.workload &&
      row.usage.container === key.container;
    if (!ctx.allRows.some(same)) return [];
  }
  const records = await db.sql.query<{
    hour: Date;
    cpu_avg: number | null;
    cpu_max: number | null;
    memory_avg: number | null;
    memory_max: number | null;
  }>(
    `SELECT hour, cpu_avg, cpu_max, memory_avg, memory_max
       FROM k8s_usage_hourly
      WHERE cluster = $1 AND namespace = $2 AND workload_kind = $3 AND workload = $4 AND container = $5
      ORDER BY hour`,
    [key.cluster, key.namespace, key.workloadKind, key.workload, key.container],
  );
  return records.map((r) => ({
    hour: new Date(r.hour).toISOString(),
    cpuAvg: r.cpu_avg,
    cpuMax: r.cpu_max,
    memoryAvg: r.memory_avg,
    memoryMax: r.memory_max,
  }));
}

/** The clusters in the synced data, for the per-cluster settings. */
export async function listClusters(db: Db): Promise<string[]> {
  const rows = await db.sql.query<{ cluster: string }>("SELECT DISTINCT cluster FROM k8s_container ORDER BY cluster");
  return rows.map((r) => r.cluster);
}
