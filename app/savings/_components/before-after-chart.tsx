"use client";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint, MonthRole } from "@/lib/savings/before-after";
import { formatUsd, formatUsdShort } from "@/lib/money";
import { Swatch } from "@/app/_components/swatch";
import { ChartTable } from "@/app/_components/chart-table";
import { MEANING_COLORS } from "@/lib/palette";
import styles from "./savings.module.css";

export const ROLE_COLORS: Record<MonthRole, string> = {
  before: MEANING_COLORS.before,
  change: MEANING_COLORS.change,
  after: MEANING_COLORS.after,
  "not-counted": MEANING_COLORS.notCounted,
};

const ROLE_TEXT: Record<MonthRole, string> = {
  before: "before (counted)",
  change: "month of the change (left out)",
  after: "after (counted)",
  "not-counted": "not counted",
};

type Props = {
  points: ChartPoint[];
  changeLabel: string;
  /** Averages of the counted months, drawn as dashed lines (display numbers). */
  beforeAverage: number | null;
  afterAverage: number | null;
};

/** The scope's spend month by month, coloured by what the realized saving counted, with the change month marked. */
export function BeforeAfterChart({ points, changeLabel, beforeAverage, afterAverage }: Props) {
  const change = points.find((p) => p.role === "change");
  return (
    <>
      <div
        role="img"
        aria-label={`Monthly spend before and after the change (${changeLabel})`}
        data-testid="before-after-chart"
      >
        {/* recharts copies each data field onto its bar as an attribute: `role` would become an invalid ARIA role. */}
        <BarChart
          responsive
          className={styles.plot}
          data={points.map((p) => ({ label: p.label, value: p.value }))}
          margin={{ top: 22, right: 16, bottom: 4, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e6ec" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => formatUsdShort(v)} tick={{ fontSize: 12 }} width={60} />
          <Tooltip formatter={(value) => formatUsdShort(Number(value))} labelFormatter={(label) => String(label)} />
          {beforeAverage !== null ? <ReferenceLine y={beforeAverage} stroke="#475467" strokeDasharray="6 4" /> : null}
          {afterAverage !== null ? (
            <ReferenceLine y={afterAverage} stroke={MEANING_COLORS.after} strokeDasharray="6 4" />
          ) : null}
          {change ? (
            <ReferenceLine
              x={change.label}
              stroke="#b54708"
              strokeWidth={2}
              label={{ value: changeLabel, position: "top", fill: "#b54708", fontSize: 12 }}
            />
          ) : null}
          <Bar dataKey="value" name="Amortized spend" isAnimationActive={false}>
            {points.map((p) => (
              <Cell key={p.month} fill={ROLE_COLORS[p.role]} fillOpacity={p.isPartial ? 0.45 : 1} />
            ))}
          </Bar>
        </BarChart>
      </div>
      <ChartTable
        caption={`Monthly spend before and after the change (${changeLabel})`}
        rowHeader="Month"
        columns={["Amortized spend", "Counted as"]}
        rows={points.map((p) => ({ label: p.label, values: [formatUsd(p.amount), ROLE_TEXT[p.role]] }))}
      />
    </>
  );
}

export function RoleLegend() {
  const items = Object.entries(ROLE_TEXT) as [MonthRole, string][];
  return (
    <div className={styles.legend}>
      {items.map(([role, label]) => (
        <span key={role}>
          <Swatch color={ROLE_COLORS[role]} className={styles.key} /> {label}
        </span>
      ))}
      <span>- - averages</span>
    </div>
  );
}
