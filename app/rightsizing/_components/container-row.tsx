"use client";
import { useState, type ReactNode } from "react";
import type { Flag, Severity } from "@/lib/rightsizing";
import { FLAG_LABELS } from "./flags";
import { UsageChart, type UsageChartProps } from "./usage-chart";
import styles from "./rightsizing.module.css";

/** One resource of a row, formatted on the server: "250m" now, "100m" next, "−150m (−60%)", the limits. */
export type ResourceView = {
  now: string;
  next: string | null;
  delta: string | null;
  limit: string;
  nextLimit: string | null;
};

/**
 * A container row as the table shows it, every figure already formatted on the server. The row is a client
 * component because a server-rendered row travels twice (as HTML and again as the RSC payload that
 * describes every element): as one, the payload carries only these texts (the large demo's biggest team: 4.9 → 2.7 KB a row).
 */
export type ContainerRowView = {
  container: string;
  severity: Severity;
  /** "high cut", "medium raise", "none". */
  change: string;
  cpu: ResourceView;
  /** p95 and max of the window. */
  cpuUsed: [string, string];
  memory: ResourceView;
  /** idle and peak of the window. */
  memoryUsed: [string, string];
  /** "+$12.00" / "−$3.00"; null = no recommendation. */
  savings: string | null;
  isRaise: boolean;
  isHpa: boolean;
  flags: Flag[];
  reason: string;
  chart: UsageChartProps;
};

export const COLUMNS = 11;

const SEVERITY_CLASSES: Record<Severity, string | undefined> = {
  high: styles.sevHigh,
  medium: styles.sevMedium,
  low: styles.sevLow,
  none: styles.sevNone,
};

/** The row, the reason under it, and, once asked for, the usage chart under that. */
export function ContainerRow({
  row,
  chartRowId,
  status,
  containerPath,
  select,
  decision,
}: {
  row: ContainerRowView;
  chartRowId: string;
  /** The decision's status (open, accepted, applied…), for the tests and the styles. */
  status: string;
  /** cluster/namespace/workload/container. */
  containerPath: string;
  /** The selection checkbox and the decision cell, rendered on the server. */
  select: ReactNode;
  decision: ReactNode;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const { id } = row.chart;
  return (
    <>
      {/* The severity colour is set once here; the reason row below takes it with `+ tr` in the CSS. */}
      <tr
        className={`${styles.row} ${SEVERITY_CLASSES[row.severity]}`}
        data-status={status}
        data-container={containerPath}
      >
        <td className={styles.select}>{select}</td>
        <td className={styles.container}>
          <span className="mono">{row.container}</span>
        </td>
        <td className={styles.decision}>{decision}</td>
        <td>
          <Resource value={row.cpu} />
        </td>
        <td className={styles.used}>
          p95 {row.cpuUsed[0]}
          <small>max {row.cpuUsed[1]}</small>
        </td>
        <td>
          <Resource value={row.memory} />
        </td>
        <td className={styles.used}>
          idle {row.memoryUsed[0]}
          <small>peak {row.memoryUsed[1]}</small>
        </td>
        <td>
          <span className={styles.sevLabel}>{row.change}</span>
        </td>
        <td className="num">
          {row.savings === null ? (
            <span className="muted">—</span>
          ) : (
            <strong className={row.isRaise ? styles.bad : undefined}>{row.savings}</strong>
          )}
          {row.isHpa ? <small>HPA, not in totals</small> : null}
        </td>
        <td>
          <div className={styles.badges}>
            {row.flags.map((f) => (
              <span key={f} className={`badge ${FLAG_LABELS[f].tone}`} title={FLAG_LABELS[f].title}>
                {FLAG_LABELS[f].label}
              </span>
            ))}
          </div>
        </td>
        <td>
          <button
            type="button"
            className={styles.expand}
            aria-expanded={isOpen}
            aria-controls={chartRowId}
            aria-label={`${isOpen ? "Hide" : "Show"} usage of ${id.namespace}/${id.workload} ${id.container}`}
            onClick={() => setIsOpen(!isOpen)}
          >
            {isOpen ? "▾" : "▸"} usage
          </button>
        </td>
      </tr>
      <tr>
        <td colSpan={COLUMNS}>{row.reason}</td>
      </tr>
      <tr className={styles.chartRow} id={chartRowId} hidden={!isOpen}>
        <td colSpan={COLUMNS}>{isOpen ? <UsageChart {...row.chart} /> : null}</td>
      </tr>
    </>
  );
}

/** Request now → next, its change, and the limit now → next. */
function Resource({ value }: { value: ResourceView }) {
  const text = (v: string) => (v === "—" ? "none" : v);
  return (
    <>
      {value.next === null || value.next === value.now ? (
        <span className="mono">{value.now}</span>
      ) : (
        <span className="mono">
          <s>{value.now}</s> → <strong>{value.next}</strong>
        </span>
      )}
      {value.delta === null ? null : <small>{value.delta}</small>}
      <small>
        limit{" "}
        {value.nextLimit === null || value.nextLimit === value.limit ? (
          text(value.limit)
        ) : (
          <>
            {text(value.limit)} → <strong>{text(value.nextLimit)}</strong>
          </>
        )}
      </small>
    </>
  );
}
