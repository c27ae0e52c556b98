"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./commitments.module.css";

export type TrendSeries = { key: string; name: string; color: string };
export type TrendRow = { label: string } & Record<string, number | string | null>;

/** Percentages by month (coverage or utilization), one line per series; the tables beside it hold the exact figures. */
export function PercentTrendChart({ rows, series, label }: { rows: TrendRow[]; series: TrendSeries[]; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <LineChart responsive className={styles.plot} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e6ec" />
        <XAxis dataKey="label" tick={{ fontSize: 13 }} />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 13 }} width={48} />
        <Tooltip formatter={(value) => `${Number(value).toFixed(1)}%`} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}
