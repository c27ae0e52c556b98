"use client";
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import { formatUsdShort } from "@/lib/money";
import type { DeckChart } from "@/lib/slides/deck";
import { Swatch } from "@/app/_components/swatch";
import styles from "./slides.module.css";

const usd = (v: unknown) => formatUsdShort(Number(v));

/** 0 and four or five round steps (1, 2, 2.5 or 5 × 10ⁿ) up to the largest stack, like PowerPoint's axis. */
export function toNiceTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const top = max * 1.04; // a little headroom: the tallest bar never touches the top line
  const raw = top / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return Array.from({ length: Math.ceil(top / step) + 1 }, (_, i) => i * step);
}

/**
 * A deck chart at a fixed size in the slide's 1280 × 720 design space (the slide is scaled as a whole), so it
 * renders the same on screen, in full screen and when printed. The legend is plain HTML in the series' order:
 * nothing is measured, so a slide laid out while hidden prints right.
 */
export function SlideChart({ chart, width, height }: { chart: DeckChart; width: number; height: number }) {
  const rows = chart.categories.map((name, i) => ({
    name,
    ...Object.fromEntries(chart.series.map((s, j) => [`s${j}`, s.values[i] ?? 0])),
  }));
  const hasLegend = chart.series.length > 1;
  // Two rows of legend for many series (a department per colour), one otherwise (the sheet has both heights).
  const isTwoRows = chart.series.length > 6;
  const legendHeight = isTwoRows ? 60 : 40;
  const plotHeight = hasLegend ? height - legendHeight : height;
  const legend = hasLegend ? (
    <div className={`${styles.legend} ${isTwoRows ? styles.legendTwoRows : styles.legendOneRow}`}>
      {chart.series.map((s) => (
        <span key={s.name}>
          <Swatch color={`#${s.color}`} className={styles.key} /> {s.name}
        </span>
      ))}
    </div>
  ) : null;
  if (chart.type === "bars") {
    const ticks = toNiceTicks(Math.max(0, ...chart.series.flatMap((s) => s.values)));
    return (
      <div role="img" aria-label={`${chart.valueLabel}: ${chart.categories.join(", ")}`}>
        <BarChart
          width={width}
          height={plotHeight}
          data={rows}
          layout="vertical"
          margin={{ top: 8, right: 70, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} stroke="#e3e6ec" />
          <XAxis
            type="number"
            ticks={ticks}
            domain={[0, ticks[ticks.length - 1] ?? 0]}
            tickFormatter={usd}
            tick={{ fontSize: 15, fill: "#5b6272" }}
          />
          <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 18, fill: "#14171f" }} interval={0} />
          {chart.series.map((s, j) => (
            <Bar
              key={s.name}
              dataKey={`s${j}`}
              name={s.name}
              fill={`#${s.color}`}
              isAnimationActive={false}
              barSize={30}
            >
              <LabelList dataKey={`s${j}`} position="right" formatter={usd} fontSize={16} fill="#14171f" />
            </Bar>
          ))}
        </BarChart>
        {legend}
      </div>
    );
  }
  const stacks = chart.categories.map((_, i) =>
    chart.series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0),
  );
  const ticks = toNiceTicks(Math.max(0, ...stacks));
  return (
    <div
      role="img"
      aria-label={`${chart.valueLabel}, ${chart.categories[0] ?? ""} to ${chart.categories[chart.categories.length - 1] ?? ""}`}
    >
      <BarChart
        width={width}
        height={plotHeight}
        data={rows}
        margin={{ top: 8, right: 8, bottom: 4, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid vertical={false} stroke="#e3e6ec" />
        <XAxis dataKey="name" tick={{ fontSize: 15, fill: "#14171f" }} interval={0} />
        <YAxis
          ticks={ticks}
          domain={[0, ticks[ticks.length - 1] ?? 0]}
          tickFormatter={usd}
          tick={{ fontSize: 15, fill: "#5b6272" }}
          width={70}
        />
        {chart.series.map((s, j) => (
          <Bar
            key={s.name}
            dataKey={`s${j}`}
            name={s.name}
            stackId="a"
            fill={`#${s.color}`}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
      {legend}
    </div>
  );
}
