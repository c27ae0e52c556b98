import Link from "next/link";
import type { RightsizingRow, Severity } from "@/lib/rightsizing";
import { toRowKey, type DecisionView } from "@/lib/rightsizing/decisions-store";
import { DecisionCell } from "./decision-cell";
import type { TablePage, TableQuery } from "@/lib/rightsizing/table-query";
import { COLUMNS, ContainerRow, type ContainerRowView } from "./container-row";
import { formatCpu, formatDelta, formatMemory, formatPct, formatReplicas, formatSavings } from "./format";
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
            {table.groups.map((group, g) => (
              <tbody key={group.key}>
                <GroupHeader rows={group.rows} isContinued={group.isContinued} />
                {group.rows.map((row, i) => (
                  <Row
                    key={row.usage.container}
                    row={row}
                    chartRowId={`rs-chart-${g}-${i}`}
                    decision={decisions[toRowKey(row.usage)] ?? null}
                    canDecide={canDecide}
                  />
                ))}
              </tbody>
            ))}
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

/** The row's figures as the page shows them: the client row gets texts, not the whole recommendation. */
function toRowView(row: RightsizingRow): ContainerRowView {
  const { usage, recommendation: rec, savings } = row;
  const next = rec.recommended;
  const change = rec.change;
  return {
    container: usage.container,
    severity: rec.severity,
    change: rec.severity === "none" ? "none" : `${rec.severity} ${rec.direction}`,
    cpu: {
      now: formatCpu(rec.current.cpuRequest),
      next: next ? formatCpu(next.cpuRequest) : null,
      delta: change ? `${formatDelta(change.cpuMillicores, formatCpu)} (${formatPct(change.cpuPct)})` : null,
      limit: formatCpu(rec.current.cpuLimit),
      nextLimit: next ? formatCpu(next.cpuLimit) : null,
    },
    cpuUsed: [formatCpu(usage.cpu.p95), formatCpu(usage.cpu.max)],
    memory: {
      now: formatMemory(rec.current.memoryRequest),
      next: next ? formatMemory(next.memoryRequest) : null,
      delta: change ? `${formatDelta(change.memoryBytes, formatMemory)} (${formatPct(change.memoryPct)})` : null,
      limit: formatMemory(rec.current.memoryLimit),
      nextLimit: next ? formatMemory(next.memoryLimit) : null,
    },
    memoryUsed: [formatMemory(usage.memory.idle), formatMemory(usage.memory.peak)],
    savings: next === null ? null : formatSavings(savings.monthlyCents),
    isRaise: savings.monthlyCents < 0,
    isHpa: rec.hpa.isScaled,
    flags: rec.flags,
    reason: rec.reason,
    chart: {
      id: {
        cluster: usage.cluster,
        namespace: usage.namespace,
        workloadKind: usage.workloadKind,
        workload: usage.workload,
        container: usage.container,
      },
      cpu: { request: rec.current.cpuRequest, limit: rec.current.cpuLimit, recommended: next?.cpuRequest ?? null },
      memory: {
        request: rec.current.memoryRequest,
        limit: rec.current.memoryLimit,
        recommended: next?.memoryRequest ?? null,
      },
    },
  };
}

/** A row with its decision: the checkbox and the Accept button are server-rendered into the client row. */
function Row({
  row,
  chartRowId,
  decision,
  canDecide,
}: {
  row: RightsizingRow;
  chartRowId: string;
  decision: DecisionView | null;
  canDecide: boolean;
}) {
  const { usage } = row;
  const key = toRowKey(usage);
  const name = `${usage.workload} ${usage.container}`;
  const canDecideRow = canDecide && row.recommendation.recommended !== null;
  return (
    <ContainerRow
      row={toRowView(row)}
      chartRowId={chartRowId}
      status={decision?.status ?? "open"}
      containerPath={`${usage.cluster}/${usage.namespace}/${usage.workload}/${usage.container}`}
      select={canDecideRow ? <input type="checkbox" name="row" value={key} aria-label={`Select ${name}`} /> : null}
      decision={
        <>
          <DecisionCell decision={decision} />
          {canDecideRow && (decision === null || decision.status === "open") ? (
            <button type="submit" name="only" value={key} className="button small" aria-label={`Accept ${name}`}>
              Accept
            </button>
          ) : null}
        </>
      }
    />
  );
}
