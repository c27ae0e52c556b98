"use client";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint, MonthRole } from "@/lib/savings/before-after";
import { formatUsdShort } from "@/lib/money";
import { Swatch } from "@/app/_components/swatch";
import styles from "./savings.module.css";

export const ROLE_COLORS: Record<MonthRole, string> = {
  before: "#98a2b3",
  change: "#f0b429",
  after: "#13795b",
  "not-counted": "#d0d5dd",
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
    <div
      role="img"
      aria-label={`Monthly spend before and after the change (${changeLabel})`}
      data-testid="before-after-chart"
    >
      <BarChart responsive className={styles.plot} data={points} margin={{ top: 22, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e6ec" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={(v: number) => formatUsdShort(v)} tick={{ fontSize: 12 }} width={60} />
        <Tooltip formatter={(value) => formatUsdShort(Number(value))} labelFormatter={(label) => String(label)} />
        {beforeAverage !== null ? <ReferenceLine y={beforeAverage} stroke="#475467" strokeDasharray="6 4" /> : null}
        {afterAverage !== null ? <ReferenceLine y={afterAverage} stroke="#13795b" strokeDasharray="6 4" /> : null}
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
  );
}

export function RoleLegend() {
  const items: [MonthRole, string][] = [
    ["before", "before (counted)"],
    ["change", "month of the change (left out)"],
    ["after", "after (counted)"],
    ["not-counted", "not counted"],
  ];
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
