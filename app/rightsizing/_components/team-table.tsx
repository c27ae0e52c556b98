import Link from "next/link";
import type { RightsizingRow, Severity } from "@/lib/rightsizing";
import { toRowKey, type DecisionView } from "@/lib/rightsizing/decisions-store";
import { DecisionCell } from "./decision-cell";
import type { TablePage, TableQuery } from "@/lib/rightsizing/table-query";
import { UsageToggle } from "./usage-toggle";
import { FLAG_LABELS } from "./flags";
import { formatCpu, formatDelta, formatMemory, formatPct, formatReplicas, formatSavings } from "./format";
import { Pager } from "./pager";
import styles from "./rightsizing.module.css";
import { toHref, toTableParams } from "./url";

const COLUMNS = 11;

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
  const { usage, recommendation: rec, savings } = row;
  const next = rec.recommended;
  const change = rec.change;
  const key = toRowKey(usage);
  const name = `${usage.workload} ${usage.container}`;
  const canDecideRow = canDecide && next !== null;
  const cells = (
    <>
      <td className={styles.select}>
        {canDecideRow ? <input type="checkbox" name="row" value={key} aria-label={`Select ${name}`} /> : null}
      </td>
      <td className={styles.container}>
        <span className="mono">{usage.container}</span>
      </td>
      <td className={styles.decision}>
        <DecisionCell decision={decision} />
        {canDecideRow && (decision === null || decision.status === "open") ? (
          <button type="submit" name="only" value={key} className="button small" aria-label={`Accept ${name}`}>
            Accept
          </button>
        ) : null}
      </td>
      <td>
        <Transition now={formatCpu(rec.current.cpuRequest)} next={next ? formatCpu(next.cpuRequest) : null} />
        {change ? (
          <div className={`muted ${styles.small}`}>
            {formatDelta(change.cpuMillicores, formatCpu)} ({formatPct(change.cpuPct)})
          </div>
        ) : null}
        <Limit now={formatCpu(rec.current.cpuLimit)} next={next ? formatCpu(next.cpuLimit) : null} />
      </td>
      <td className={`mono ${styles.small}`}>
        <div>p95 {formatCpu(usage.cpu.p95)}</div>
        <div className="muted">max {formatCpu(usage.cpu.max)}</div>
      </td>
      <td>
        <Transition
          now={formatMemory(rec.current.memoryRequest)}
          next={next ? formatMemory(next.memoryRequest) : null}
        />
        {change ? (
          <div className={`muted ${styles.small}`}>
            {formatDelta(change.memoryBytes, formatMemory)} ({formatPct(change.memoryPct)})
          </div>
        ) : null}
        <Limit now={formatMemory(rec.current.memoryLimit)} next={next ? formatMemory(next.memoryLimit) : null} />
      </td>
      <td className={`mono ${styles.small}`}>
        <div>idle {formatMemory(usage.memory.idle)}</div>
        <div className="muted">peak {formatMemory(usage.memory.peak)}</div>
      </td>
      <td>
        <span className={`${styles.sevLabel} ${toSeverityClass(rec.severity)}`}>
          {rec.severity === "none" ? "none" : `${rec.severity} ${rec.direction}`}
        </span>
      </td>
      <td className="num">
        {next === null ? (
          <span className="muted">—</span>
        ) : (
          <strong className={savings.monthlyCents < 0 ? styles.bad : undefined}>
            {formatSavings(savings.monthlyCents)}
          </strong>
        )}
        {rec.hpa.isScaled ? <div className={`muted ${styles.small}`}>HPA, not in totals</div> : null}
      </td>
      <td>
        <div className={styles.badges}>
          {rec.flags.map((f) => (
            <span key={f} className={`badge ${FLAG_LABELS[f].tone}`} title={FLAG_LABELS[f].title}>
              {FLAG_LABELS[f].label}
            </span>
          ))}
        </div>
      </td>
    </>
  );
  // Rows are server-rendered; only the toggle is a client component, which draws the chart into the
  // hidden row below it (keeps the cells out of the client payload: ~4 KB less per row).
  return (
    <>
      <tr
        className={`${styles.row} ${toSeverityClass(rec.severity)}`}
        data-status={decision?.status ?? "open"}
        data-container={`${usage.cluster}/${usage.namespace}/${usage.workload}/${usage.container}`}
      >
        {cells}
        <td>
          <UsageToggle
            chartRowId={chartRowId}
            label={`${usage.namespace}/${usage.workload} ${usage.container}`}
            chart={{
              id: {
                cluster: usage.cluster,
                namespace: usage.namespace,
                workloadKind: usage.workloadKind,
                workload: usage.workload,
                container: usage.container,
              },
              cpu: {
                request: rec.current.cpuRequest,
                limit: rec.current.cpuLimit,
                recommended: next?.cpuRequest ?? null,
              },
              memory: {
                request: rec.current.memoryRequest,
                limit: rec.current.memoryLimit,
                recommended: next?.memoryRequest ?? null,
              },
            }}
          />
        </td>
      </tr>
      <tr className={`${styles.reason} ${toSeverityClass(rec.severity)}`}>
        <td colSpan={COLUMNS}>{rec.reason}</td>
      </tr>
      <tr className={styles.chartRow} id={chartRowId} hidden>
        <td colSpan={COLUMNS} />
      </tr>
    </>
  );
}

function Transition({ now, next }: { now: string; next: string | null }) {
  if (next === null || next === now) return <span className="mono">{now}</span>;
  return (
    <span className="mono">
      <span className={styles.was}>{now}</span> → <strong>{next}</strong>
    </span>
  );
}

function Limit({ now, next }: { now: string; next: string | null }) {
  const text = (v: string) => (v === "—" ? "none" : v);
  return (
    <div className={`muted ${styles.small}`}>
      limit{" "}
      {next === null || next === now ? (
        text(now)
      ) : (
        <>
          {text(now)} → <strong>{text(next)}</strong>
        </>
      )}
    </div>
  );
}
