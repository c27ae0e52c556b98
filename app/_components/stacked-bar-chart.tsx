"use client";
import { useRef, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartModel } from "@/lib/reports/chart";
import { formatUsdShort } from "@/lib/money";
import { savePng, saveSvg, toStandaloneSvg } from "./chart-save";
import { ChartTable } from "./chart-table";
import styles from "./charts.module.css";

const exact = (v: number) =>
  `${v < 0 ? "−" : ""}$${Math.abs(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

type Props = {
  model: ChartModel;
  /** Heading of the saved image, and the chart's accessible name. */
  title: string;
  /** File name of the saved image, without extension. */
  filename: string;
  /** `compact` for a chart that shares its page with figures and tables (the overview). */
  size?: "regular" | "compact";
  /** Show Save PNG / Save SVG buttons. */
  canSave?: boolean;
};

/** Spend over time, stacked by group (negative credits stack below zero). Dollars as floats: display only. */
export function StackedBarChart({ model, title, filename, size = "regular", canSave = true }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const data = model.points.map((p) => ({ label: p.label, title: p.title, ...p.values }));
  const hasEstimated = model.points.some((p) => p.estimated);
  const save = async (format: "png" | "svg") => {
    setError(null);
    const image = ref.current && toStandaloneSvg(ref.current, title, model.series);
    if (!image) return setError("The chart is not drawn yet; try again in a moment.");
    try {
      if (format === "svg") saveSvg(image, filename);
      else await savePng(image, filename);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <figure className="chart-figure">
        {canSave ? (
          <div className={`panel-head ${styles.saveBar}`}>
            <div className="actions">
              <button type="button" className="button secondary small" onClick={() => void save("png")}>
                Save PNG
              </button>
              <button type="button" className="button secondary small" onClick={() => void save("svg")}>
                Save SVG
              </button>
            </div>
          </div>
        ) : null}
        <div ref={ref} role="img" aria-label={title}>
          <BarChart
            responsive
            className={size === "compact" ? styles.compact : styles.regular}
            data={data}
            stackOffset="sign"
            margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
          >
            <CartesianGrid vertical={false} stroke="#e3e6ec" />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 13, fill: "#5b6272" }}
              tickLine={false}
              axisLine={{ stroke: "#c5cad3" }}
              interval="preserveStartEnd"
              minTickGap={8}
            />
            <YAxis
              ticks={model.yTicks}
              domain={[model.yTicks[0] ?? 0, model.yTicks[model.yTicks.length - 1] ?? "auto"]}
              tickFormatter={(v: number) => formatUsdShort(v)}
              tick={{ fontSize: 13, fill: "#5b6272" }}
              width={64}
              axisLine={false}
              tickLine={false}
            />
            <ReferenceLine y={0} stroke="#98a2b3" />
            <Tooltip
              formatter={(value) => exact(Number(value))}
              labelFormatter={(_, payload) => String(payload?.[0]?.payload?.title ?? "")}
              itemSorter={(item) => -Number(item.value ?? 0)}
              contentStyle={{ fontSize: 13, borderRadius: 8 }}
            />
            <Legend wrapperStyle={{ fontSize: 13, paddingTop: 8 }} iconType="square" itemSorter="dataKey" />
            {model.series.map((s) => (
              <Bar
                key={s.id}
                dataKey={s.id}
                name={s.label}
                stackId="spend"
                fill={s.color}
                isAnimationActive={false}
                maxBarSize={56}
              />
            ))}
          </BarChart>
        </div>
        <figcaption>
          {hasEstimated ? "* Estimated: Cost Explorer may still revise these days. " : ""}
          Bars are rounded for reading; the table and the CSV have exact cents.
          {error ? (
            <span role="alert" className="up">
              {" "}
              {error}
            </span>
          ) : null}
        </figcaption>
      </figure>
      <ChartTable
        caption={title}
        rowHeader="Period"
        columns={model.series.map((s) => s.label)}
        rows={model.points.map((p) => ({
          label: p.title,
          values: model.series.map((s) => exact(p.values[s.id] ?? 0)),
        }))}
      />
    </>
  );
}
