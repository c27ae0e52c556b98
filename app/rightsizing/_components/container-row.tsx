"use client";
import { useState, type ReactNode } from "react";
import type { Severity } from "@/lib/rightsizing";
import { UsageChart, type UsageChartProps } from "./usage-chart";

/** One container: its cells, its reason in words, and on demand its usage over the window. */
export function ContainerRow({
  cells,
  reason,
  severity,
  columns,
  label,
  chart,
}: {
  cells: ReactNode;
  reason: string;
  severity: Severity;
  columns: number;
  label: string;
  chart: UsageChartProps;
}) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <tr className={`rs-row rs-sev rs-sev-${severity}`}>
        {cells}
        <td>
          <button
            type="button"
            className="rs-expand"
            aria-expanded={isOpen}
            aria-label={`${isOpen ? "Hide" : "Show"} usage of ${label}`}
            onClick={() => setOpen(!isOpen)}
          >
            {isOpen ? "▾" : "▸"} usage
          </button>
        </td>
      </tr>
      <tr className={`rs-reason rs-sev rs-sev-${severity}`}>
        <td colSpan={columns}>{reason}</td>
      </tr>
      {isOpen ? (
        <tr className="rs-chart">
          <td colSpan={columns}>
            <UsageChart {...chart} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
