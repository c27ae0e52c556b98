"use client";
import { useEffect, useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { SHORT_MONTH_NAMES } from "@/lib/labels";
import type { ContainerKey, UsageHour } from "@/lib/rightsizing/read";
import { MEANING_COLORS } from "@/lib/palette";
import styles from "./rightsizing.module.css";

type Lines = { request: number | null; limit: number | null; recommended: number | null };
export type UsageChartProps = { id: ContainerKey; cpu: Lines; memory: Lines };

const MIB = 1024 * 1024;
type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; hours: UsageHour[] };

/**
 * The picture behind the number: hourly usage over the window, with the current request and the
 * recommendation drawn as lines (and the limit when there is one).
 */
export function UsageChart({ id, cpu, memory }: UsageChartProps) {
  const [state, setState] = useState<State>({ status: "loading" });
  const url = `/api/rightsizing/usage?${new URLSearchParams({ ...id })}`;
  useEffect(() => {
    let isCurrent = true;
    fetch(url)
      .then(async (res) => {
        const body = await res.json();
        if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
        if (isCurrent) setState({ status: "ready", hours: body.hours as UsageHour[] });
      })
      .catch(
        (err: Error) => isCurrent && setState({ status: "error", message: `Could not load the usage: ${err.message}` }),
      );
    return () => {
      isCurrent = false;
    };
  }, [url]);

  if (state.status === "loading") return <p className="muted">Loading usage…</p>;
  if (state.status === "error") return <p className={styles.bad}>{state.message}</p>;
  if (state.hours.length === 0) return <p className="muted">No hourly usage stored for this container.</p>;
  const data = state.hours.map((h) => ({
    hour: h.hour,
    cpuAvg: h.cpuAvg,
    cpuMax: h.cpuMax,
    memoryAvg: h.memoryAvg === null ? null : h.memoryAvg / MIB,
    memoryMax: h.memoryMax === null ? null : h.memoryMax / MIB,
  }));
  const mib = (v: number | null) => (v === null ? null : v / MIB);
  return (
    <div className={styles.usage} aria-label={`Usage of ${id.container}`}>
      <Panel title="CPU (millicores per replica)" data={data} avg="cpuAvg" max="cpuMax" lines={cpu} unit="m" />
      <Panel
        title="Memory working set (MiB per replica)"
        data={data}
        avg="memoryAvg"
        max="memoryMax"
        lines={{ request: mib(memory.request), limit: mib(memory.limit), recommended: mib(memory.recommended) }}
        unit="Mi"
      />
    </div>
  );
}

type Point = Record<string, number | string | null>;

function Panel({
  title,
  data,
  avg,
  max,
  lines,
  unit,
}: {
  title: string;
  data: Point[];
  avg: string;
  max: string;
  lines: Lines;
  unit: string;
}) {
  const peak = Math.max(0, ...data.map((d) => Number(d[max] ?? d[avg] ?? 0)));
  const base = Math.max(peak, lines.request ?? 0, lines.recommended ?? 0);
  // A limit far above usage would squash the picture: it is drawn only when within 2× of the rest.
  const isLimitDrawn = lines.limit !== null && lines.limit <= 2 * base;
  const top = toNiceCeiling(Math.max(base, isLimitDrawn ? (lines.limit ?? 0) : 0) * 1.05);
  const round = (v: number) => `${Math.round(v)}${unit}`;
  const series = [
    { label: "hourly avg", color: COLORS.avg, dash: "" },
    { label: "hourly max", color: COLORS.max, dash: "" },
    lines.request !== null
      ? { label: `current request ${round(lines.request)}`, color: COLORS.request, dash: "6 4" }
      : { label: "no request", color: COLORS.request, dash: "6 4" },
    lines.recommended !== null
      ? { label: `recommended ${round(lines.recommended)}`, color: COLORS.recommended, dash: "" }
      : null,
    lines.limit === null
      ? null
      : {
          label: `limit ${round(lines.limit)}${isLimitDrawn ? "" : " (above the chart)"}`,
          color: COLORS.limit,
          dash: "2 3",
        },
  ].filter((x) => x !== null);
  const avgPeak = Math.max(0, ...data.map((d) => Number(d[avg] ?? 0)));
  // What the picture shows, in words: the chart's name for screen readers.
  const summary = `${title}: over ${data.length} hours the hourly average reached ${round(avgPeak)} and the hourly max ${round(peak)}; ${series
    .slice(2)
    .map((s) => s.label)
    .join("; ")}.`;
  return (
    <figure>
      <figcaption>{title}</figcaption>
      <div role="img" aria-label={summary}>
        <LineChart
          responsive
          className={styles.usagePlot}
          data={data}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ec" />
          <XAxis dataKey="hour" tickFormatter={toDayLabel} minTickGap={40} tick={{ fontSize: 11 }} />
          <YAxis
            domain={[0, top]}
            ticks={[0, top / 4, top / 2, (top * 3) / 4, top]}
            tickFormatter={round}
            tick={{ fontSize: 11 }}
            width={64}
            allowDataOverflow
          />
          <Tooltip
            labelFormatter={(h) => `${String(h).slice(0, 16).replace("T", " ")} UTC`}
            formatter={(v) => round(Number(v))}
          />
          <Line
            dataKey={max}
            name="hourly max"
            stroke={COLORS.max}
            dot={false}
            strokeWidth={1}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            dataKey={avg}
            name="hourly avg"
            stroke={COLORS.avg}
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
            connectNulls
          />
          {lines.request !== null ? (
            <ReferenceLine y={lines.request} stroke={COLORS.request} strokeDasharray="6 4" strokeWidth={1.5} />
          ) : null}
          {lines.recommended !== null ? (
            <ReferenceLine y={lines.recommended} stroke={COLORS.recommended} strokeWidth={2} />
          ) : null}
          {isLimitDrawn ? <ReferenceLine y={lines.limit ?? 0} stroke={COLORS.limit} strokeDasharray="2 3" /> : null}
        </LineChart>
      </div>
      <ul className={styles.chartLegend}>
        {series.map((item) => (
          <li key={item.label}>
            <svg width="22" height="8" aria-hidden>
              <line
                x1="0"
                y1="4"
                x2="22"
                y2="4"
                stroke={item.color}
                strokeWidth="2"
                strokeDasharray={item.dash || undefined}
              />
            </svg>
            {item.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

const COLORS = {
  avg: MEANING_COLORS.usageAverage,
  max: MEANING_COLORS.usagePeak,
  request: MEANING_COLORS.request,
  recommended: MEANING_COLORS.recommended,
  limit: MEANING_COLORS.limit,
};

function toDayLabel(hour: string): string {
  return `${SHORT_MONTH_NAMES[Number(hour.slice(5, 7)) - 1] ?? ""} ${Number(hour.slice(8, 10))}`;
}

// The axis top rounded up to 1, 2, 4 or 8 × a power of ten, so its quarter ticks are round numbers.
function toNiceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 4, 8, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}
