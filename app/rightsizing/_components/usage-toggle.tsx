"use client";
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { UsageChart, type UsageChartProps } from "./usage-chart";
import styles from "./rightsizing.module.css";

/**
 * The "usage" button of a container row: shows the row's usage chart in the hidden table row the server
 * rendered under it (`chartRowId`), and hides it again.
 */
export function UsageToggle({
  chartRowId,
  label,
  chart,
}: {
  chartRowId: string;
  label: string;
  chart: UsageChartProps;
}) {
  const [cell, setCell] = useState<HTMLTableCellElement | null>(null);
  const isOpen = cell !== null;
  useEffect(() => {
    const row = document.getElementById(chartRowId);
    if (row) row.hidden = !isOpen;
  }, [chartRowId, isOpen]);
  const toggle = () => {
    if (isOpen) return setCell(null);
    setCell(document.getElementById(chartRowId)?.querySelector("td") ?? null);
  };
  return (
    <>
      <button
        type="button"
        className={styles.expand}
        aria-expanded={isOpen}
        aria-controls={chartRowId}
        aria-label={`${isOpen ? "Hide" : "Show"} usage of ${label}`}
        onClick={toggle}
      >
        {isOpen ? "▾" : "▸"} usage
      </button>
      {cell ? createPortal(<UsageChart {...chart} />, cell) : null}
    </>
  );
}
