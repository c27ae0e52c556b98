"use client";
import { useState } from "react";
import type { Direction, Flag, Severity } from "@/lib/rightsizing";
import type { ContainerKey } from "@/lib/rightsizing/read";
import { toFormKey } from "@/lib/rightsizing/row-key";
import { DecisionCell, type DecisionCellView } from "./decision-cell";
import { FLAG_LABELS } from "./flags";
import { formatCpu, formatDelta, formatMemory, formatPct, formatSavings } from "./format";
import { UsageChart } from "./usage-chart";
import styles from "./rightsizing.module.css";

/** One resource's requests and limits as numbers (millicores or bytes; null = none set, or no recommendation). */
export type ResourceValues = [
  request: number | null,
  limit: number | null,
  next: number | null,
  nextLimit: number | null,
];

/**
 * A container row as the server sends it: numbers, formatted here. The rows of a workload are one client
 * component, because a server-rendered row travels twice (as HTML and again as the RSC payload that describes
 * every element); as one, the payload carries only these values, the workload's identity once per group, and
 * no text the client can build (formatted figures, the form keys, the labels).
 */
export type ContainerRowView = {
  container: string;
  severity: Severity;
  direction: Direction;
  cpu: ResourceValues;
  /** p95 and max of the window, millicores. */
  cpuUsed: [p95: number | null, max: number | null];
  memory: ResourceValues;
  /** idle and peak of the window, bytes. */
  memoryUsed: [idle: number | null, peak: number | null];
  /** Monthly savings in cents (negative: a raise); null = no recommendation. */
  savingsCents: number | null;
  /** Absent when false, as flags when none and decision when open: absent fields cost no bytes in the payload. */
  isHpa?: true;
  flags?: Flag[];
  reason: string;
  /** Absent: nobody decided yet (open). */
  decision?: DecisionCellView;
};

/** What the rows of one workload share. */
export type WorkloadId = Omit<ContainerKey, "container">;

export const COLUMNS = 11;

const SEVERITY_CLASSES: Record<Severity, string | undefined> = {
  high: styles.sevHigh,
  medium: styles.sevMedium,
  low: styles.sevLow,
  none: styles.sevNone,
};

/** The container rows of one workload group; a person who may decide gets a checkbox and "Accept" per row. */
export function ContainerRows({
  workload,
  rows,
  chartIdPrefix,
  canDecide,
}: {
  workload: WorkloadId;
  rows: ContainerRowView[];
  /** Each row's chart row gets this id and its index. */
  chartIdPrefix: string;
  canDecide: boolean;
}) {
  return rows.map((row, i) => (
    <ContainerRow
      key={row.container}
      id={{ ...workload, container: row.container }}
      row={row}
      chartRowId={`${chartIdPrefix}-${i}`}
      canDecide={canDecide && row.savingsCents !== null}
    />
  ));
}

/** The row, the reason under it, and, once asked for, the usage chart under that. */
function ContainerRow({
  id,
  row,
  chartRowId,
  canDecide,
}: {
  id: ContainerKey;
  row: ContainerRowView;
  chartRowId: string;
  /** The row has a recommendation and the person may decide on it. */
  canDecide: boolean;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const key = toFormKey(id);
  const name = `${id.workload} ${id.container}`;
  const status = row.decision?.status ?? "open";
  const [cpuRequest, cpuLimit, cpuNext] = row.cpu;
  const [memoryRequest, memoryLimit, memoryNext] = row.memory;
  return (
    <>
      {/* The severity colour is set once here; the reason row below takes it with `+ tr` in the CSS. */}
      <tr
        className={`${styles.row} ${SEVERITY_CLASSES[row.severity]}`}
        data-status={status}
        data-container={`${id.cluster}/${id.namespace}/${id.workload}/${id.container}`}
      >
        {/* The cells are styled by their column (rightsizing.module.css): no class name repeated in every row. */}
        <td>{canDecide ? <input type="checkbox" name="row" value={key} aria-label={`Select ${name}`} /> : null}</td>
        <td>
          <span className="mono">{row.container}</span>
        </td>
        <td>
          <DecisionCell decision={row.decision ?? null} />
          {canDecide && status === "open" ? (
            <button type="submit" name="only" value={key} className="button small" aria-label={`Accept ${name}`}>
              Accept
            </button>
          ) : null}
        </td>
        <td>
          <Resource values={row.cpu} format={formatCpu} hasNext={row.savingsCents !== null} />
        </td>
        <td>
          {`p95 ${formatCpu(row.cpuUsed[0])}`}
          <small>{`max ${formatCpu(row.cpuUsed[1])}`}</small>
        </td>
        <td>
          <Resource values={row.memory} format={formatMemory} hasNext={row.savingsCents !== null} />
        </td>
        <td>
          {`idle ${formatMemory(row.memoryUsed[0])}`}
          <small>{`peak ${formatMemory(row.memoryUsed[1])}`}</small>
        </td>
        <td>
          <span className={styles.sevLabel}>
            {row.severity === "none" ? "none" : `${row.severity} ${row.direction}`}
          </span>
        </td>
        <td className="num">
          {row.savingsCents === null ? (
            <span className="muted">—</span>
          ) : (
            <strong className={row.savingsCents < 0 ? styles.bad : undefined}>{formatSavings(row.savingsCents)}</strong>
          )}
          {row.isHpa ? <small>HPA, not in totals</small> : null}
        </td>
        <td>
          {row.flags?.length ? (
            <div className={styles.badges}>
              {row.flags.map((f) => (
                <span key={f} className={`badge ${FLAG_LABELS[f].tone}`} title={FLAG_LABELS[f].title}>
                  {FLAG_LABELS[f].label}
                </span>
              ))}
            </div>
          ) : null}
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
            {isOpen ? "▾ usage" : "▸ usage"}
          </button>
        </td>
      </tr>
      <tr>
        <td colSpan={COLUMNS}>{row.reason}</td>
      </tr>
      <tr className={styles.chartRow} id={chartRowId} hidden={!isOpen}>
        <td colSpan={COLUMNS}>
          {isOpen ? (
            <UsageChart
              id={id}
              cpu={{ request: cpuRequest, limit: cpuLimit, recommended: cpuNext }}
              memory={{ request: memoryRequest, limit: memoryLimit, recommended: memoryNext }}
            />
          ) : null}
        </td>
      </tr>
    </>
  );
}

/** Request now → next, its change, and the limit now → next. */
function Resource({
  values,
  format,
  hasNext,
}: {
  values: ResourceValues;
  format: (value: number | null) => string;
  /** The row has a recommendation (else next and nextLimit are null and not shown). */
  hasNext: boolean;
}) {
  const [request, limit, next, nextLimit] = values;
  const text = (v: number | null) => (v === null ? "none" : format(v));
  const now = format(request);
  const nextText = hasNext ? format(next) : null;
  // The change as the rule computes it: a missing request counts as 0; no percentage without a request.
  const delta = hasNext ? (next ?? 0) - (request ?? 0) : null;
  const pct = delta !== null && request !== null && request > 0 ? (delta / request) * 100 : null;
  return (
    <>
      {nextText === null || nextText === now ? (
        <span className="mono">{now}</span>
      ) : (
        <span className="mono">
          <s>{now}</s> → <strong>{nextText}</strong>
        </span>
      )}
      {delta === null ? null : <small>{`${formatDelta(delta, format)} (${formatPct(pct)})`}</small>}
      {/* One text node per run of text (a template string): React separates adjacent ones with a comment. */}
      {!hasNext || format(nextLimit) === format(limit) ? (
        <small>{`limit ${text(limit)}`}</small>
      ) : (
        <small>
          {`limit ${text(limit)} → `}
          <strong>{text(nextLimit)}</strong>
        </small>
      )}
    </>
  );
}
