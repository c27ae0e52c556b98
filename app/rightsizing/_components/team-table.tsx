import Link from "next/link";
import type { RightsizingRow, Severity } from "@/lib/rightsizing";
import { toRowKey, type DecisionView } from "@/lib/rightsizing/decisions-store";
import { toDecisionCellView } from "./decision-cell";
import type { TablePage, TableQuery } from "@/lib/rightsizing/table-query";
import { COLUMNS, ContainerRows, type ContainerRowView } from "./container-row";
import { formatReplicas, formatSavings, toShownCpu, toShownMemory } from "./format";
import { Pager } from "./pager";
import styles from "./rightsizing.module.css";
import { toHref, toTableParams } from "./url";

const SEVERITY_CLASSES: Record<Severity, string | undefined> = {
  high: styles.sevHigh,
  medium: styles.sevMedium,
  low: styles.sevLow,
  none: styles.sevNone,
};
const toSeverityClass = (severity: Severity) => `${styles.sev} ${SEVERITY_CLASSES[severity]}`;

/**
 * One row per container, grouped by workload, sorted and paged on the server; rows expand to a usage chart. Each
 * row shows its decision; a person who may decide gets a checkbox and an "Accept" button per row (the form around
 * the table is DecisionForm).
 */
export function TeamTable({
  table,
  query,
  path,
  decisions,
  canDecide,
}: {
  table: TablePage;
  query: TableQuery;
  path: string;
  decisions: Record<string, DecisionView>;
  canDecide: boolean;
}) {
  const matching = table.matchingRows;
  const netCents = matching
    .filter((r) => r.recommendation.isInSavingsTotals)
    .reduce((sum, r) => sum + r.savings.monthlyCents, 0);
  return (
    <section className="panel" aria-label="Containers">
      <div className={styles.tableHead}>
        <h2>Containers</h2>
        <span className="muted">
          {matching.length} container{matching.length === 1 ? "" : "s"} match · net {formatSavings(netCents)}/month
        </span>
        <span className={styles.legend} aria-label="Severity colours">
          size of change: <i className={toSeverityClass("high")} /> high <i className={toSeverityClass("medium")} />{" "}
          medium <i className={toSeverityClass("low")} /> low <i className={toSeverityClass("none")} /> none
        </span>
      </div>
      {matching.length === 0 ? (
        <p className="muted">No container matches these filters.</p>
      ) : (
        <div className="table-scroll">
          <table className={`data ${styles.table}`}>
            <thead>
              <tr>
                <th>
                  <span className="visually-hidden">Select</span>
                </th>
                <th>Container</th>
                <th>Decision</th>
                <SortHeader label="CPU req · limit" sort="cpu" query={query} path={path} />
                <th>CPU used</th>
                <SortHeader label="Memory req · limit" sort="memory" query={query} path={path} />
                <th>Memory used</th>
                <SortHeader label="Change" sort="change" query={query} path={path} />
                <SortHeader label="$ / month" sort="savings" query={query} path={path} numeric />
                <th>Flags</th>
                <th>
                  <span className="visually-hidden">Usage chart</span>
                </th>
              </tr>
            </thead>
            {table.groups.map((group, g) => {
              const { cluster, namespace, workloadKind, workload } = group.rows[0]!.usage;
              return (
                <tbody key={group.key}>
                  <GroupHeader rows={group.rows} isContinued={group.isContinued} />
                  <ContainerRows
                    workload={{ cluster, namespace, workloadKind, workload }}
                    rows={group.rows.map((row) => toRowView(row, decisions[toRowKey(row.usage)] ?? null))}
                    chartIdPrefix={`rs-chart-${g}`}
                    canDecide={canDecide}
                  />
                </tbody>
              );
            })}
          </table>
        </div>
      )}
      <Pager
        page={table.page}
        pageCount={table.pageCount}
        rows={matching.length}
        size={query.size}
        query={query}
        path={path}
      />
    </section>
  );
}

function SortHeader({
  label,
  sort,
  query,
  path,
  numeric,
}: {
  label: string;
  sort: TableQuery["sort"];
  query: TableQuery;
  path: string;
  numeric?: boolean;
}) {
  const isActive = query.sort === sort;
  const dir = query.dir ?? "desc";
  const next = isActive && dir === "desc" ? "asc" : "desc";
  return (
    <th
      className={numeric ? "num" : undefined}
      aria-sort={isActive ? (dir === "desc" ? "descending" : "ascending") : undefined}
    >
      <Link href={toHref(path, toTableParams(query), { sort, dir: next, page: undefined })}>
        {label} {isActive ? (dir === "desc" ? "▼" : "▲") : ""}
      </Link>
    </th>
  );
}

function GroupHeader({ rows, isContinued }: { rows: RightsizingRow[]; isContinued: boolean }) {
  const first = rows[0]!.usage;
  const envs = [...new Set(rows.map((r) => r.recommendation.environment.value ?? "no environment"))].join(", ");
  const cents = rows
    .filter((r) => r.recommendation.isInSavingsTotals)
    .reduce((sum, r) => sum + r.savings.monthlyCents, 0);
  return (
    <tr className={styles.group}>
      <th colSpan={COLUMNS} scope="rowgroup">
        <span className={styles.kind}>{first.workloadKind}</span> <strong>{first.workload}</strong>
        <span className="muted">
          {" "}
          · {first.namespace} · {first.cluster} · {envs} · {formatReplicas(first.replicas)} replica
          {first.replicas === 1 ? "" : "s"}
        </span>
        {isContinued ? (
          <span className="muted"> (continued)</span>
        ) : (
          <span className={styles.groupTotal}>{formatSavings(cents)}/month</span>
        )}
      </th>
    </tr>
  );
}

/** The row as the client row gets it: the numbers it formats and shows, its decision's shown fields. */
function toRowView(row: RightsizingRow, decision: DecisionView | null): ContainerRowView {
  const { usage, recommendation: rec, savings } = row;
  const next = rec.recommended;
  return {
    container: usage.container,
    severity: rec.severity,
    direction: rec.direction,
    cpu: [rec.current.cpuRequest, rec.current.cpuLimit, next?.cpuRequest ?? null, next?.cpuLimit ?? null],
    cpuUsed: [toShownCpu(usage.cpu.p95), toShownCpu(usage.cpu.max)],
    memory: [
      rec.current.memoryRequest,
      rec.current.memoryLimit,
      next?.memoryRequest ?? null,
      next?.memoryLimit ?? null,
    ],
    memoryUsed: [toShownMemory(usage.memory.idle), toShownMemory(usage.memory.peak)],
    savingsCents: next === null ? null : savings.monthlyCents,
    reason: rec.reason,
    // Left out when false, empty or open (most rows): the client reads an absent field as such.
    ...(rec.hpa.isScaled ? { isHpa: true as const } : {}),
    ...(rec.flags.length > 0 ? { flags: rec.flags } : {}),
    ...(decision === null ? {} : { decision: toDecisionCellView(decision) }),
  };
}
