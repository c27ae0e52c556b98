"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent, formatUsdShort } from "@/lib/money";
import { ChartTable } from "@/app/_components/chart-table";
import { MEANING_COLORS } from "@/lib/palette";
import styles from "./tags.module.css";

export type TrendPoint = {
  label: string;
  compliant: number;
  notAllowed: number;
  missing: number;
  compliantShare: number;
};

// Dark → light in greyscale; blue and orange, never red vs green (lib/palette.ts).
const COLORS = {
  compliant: MEANING_COLORS.compliant,
  notAllowed: MEANING_COLORS.notAllowed,
  missing: MEANING_COLORS.missing,
  share: MEANING_COLORS.net,
};

/** Monthly spend by compliance status (stacked) and the compliant share (line): is it getting better? Floats: display only. */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  return (
    <>
      <div role="img" aria-label="Monthly spend by tag compliance, with the compliant share">
        <ComposedChart
          responsive
          className={styles.trendPlot}
          data={points}
          margin={{ top: 8, right: 8, bottom: 4, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e6ec" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="usd" tickFormatter={formatUsdShort} tick={{ fontSize: 12 }} width={64} />
          <YAxis
            yAxisId="share"
            orientation="right"
            domain={[0, 1]}
            tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
            tick={{ fontSize: 12 }}
            width={44}
          />
          <Tooltip
            formatter={(value, name) =>
              name === "Compliant share" ? formatPercent(Number(value)) : formatUsdShort(Number(value))
            }
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            yAxisId="usd"
            dataKey="compliant"
            name="Compliant"
            stackId="s"
            fill={COLORS.compliant}
            isAnimationActive={false}
          />
          <Bar
            yAxisId="usd"
            dataKey="notAllowed"
            name="Not allowed"
            stackId="s"
            fill={COLORS.notAllowed}
            isAnimationActive={false}
          />
          <Bar
            yAxisId="usd"
            dataKey="missing"
            name="Missing a tag"
            stackId="s"
            fill={COLORS.missing}
            isAnimationActive={false}
          />
          <Line
            yAxisId="share"
            dataKey="compliantShare"
            name="Compliant share"
            stroke={COLORS.share}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </div>
      <ChartTable
        caption="Monthly spend by tag compliance"
        rowHeader="Month"
        columns={["Compliant", "Not allowed", "Missing a tag", "Compliant share"]}
        rows={points.map((p) => ({
          label: p.label,
          values: [
            formatUsdShort(p.compliant),
            formatUsdShort(p.notAllowed),
            formatUsdShort(p.missing),
            formatPercent(p.compliantShare),
          ],
        }))}
      />
    </>
  );
}
