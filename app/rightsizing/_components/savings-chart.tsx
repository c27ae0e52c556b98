"use client";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTable } from "@/app/_components/chart-table";
import { MEANING_COLORS } from "@/lib/palette";
import styles from "./rightsizing.module.css";

export type TeamSavingsPoint = { team: string; cuts: number; raises: number; net: number };

const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;

/** Monthly savings by team: cuts up, raises down, net beside them. Dollars as floats: display only. */
export function SavingsChart({ data }: { data: TeamSavingsPoint[] }) {
  const points = data.map((d) => ({ ...d, raises: -d.raises }));
  return (
    <>
      <div className="chart" role="img" aria-label="Monthly savings by team: cuts, raises and net">
        <BarChart
          responsive
          className={styles.savingsPlot}
          data={points}
          margin={{ top: 8, right: 16, bottom: 4, left: 16 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e6ec" />
          <XAxis dataKey="team" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={usd} tick={{ fontSize: 12 }} width={72} />
          <Tooltip formatter={(value) => usd(Number(value))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={0} stroke="#98a2b3" />
          <Bar dataKey="cuts" name="Cuts" fill={MEANING_COLORS.cut} isAnimationActive={false} />
          <Bar dataKey="raises" name="Raises" fill={MEANING_COLORS.raise} isAnimationActive={false} />
          <Bar dataKey="net" name="Net" fill={MEANING_COLORS.net} isAnimationActive={false} />
        </BarChart>
      </div>
      <ChartTable
        caption="Monthly savings by team"
        rowHeader="Team"
        columns={["Cuts", "Raises", "Net"]}
        rows={data.map((d) => ({ label: d.team, values: [usd(d.cuts), usd(d.raises), usd(d.net)] }))}
      />
    </>
  );
}
