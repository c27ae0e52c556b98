import type { RightsizingTotals } from "@/lib/rightsizing";
import { formatGib, formatSavings, formatUsd, formatVcpu } from "./format";
import styles from "./rightsizing.module.css";

/** Requests now → recommended, monthly savings (net, cuts, raises), changes and flags of a set of rows. */
export function TotalsCards({ totals, label }: { totals: RightsizingTotals; label: string }) {
  const s = totals.savings;
  return (
    <section className="grid grid-4" aria-label={label}>
      <div className="panel stat">
        <div className="label">Requested CPU (× replicas)</div>
        <div className="value">{formatVcpu(totals.currentCpuMillicores)}</div>
        <div className="sub">recommended {formatVcpu(totals.recommendedCpuMillicores)}</div>
      </div>
      <div className="panel stat">
        <div className="label">Requested memory (× replicas)</div>
        <div className="value">{formatGib(totals.currentMemoryBytes)}</div>
        <div className="sub">recommended {formatGib(totals.recommendedMemoryBytes)}</div>
      </div>
      <div className="panel stat">
        <div className="label">Net savings per month</div>
        <div className={s.netCents < 0 ? `value ${styles.negative}` : "value"} data-testid="net-savings">
          {formatSavings(s.netCents)}
        </div>
        <div className="sub">
          cuts {formatUsd(s.cutsCents)} · raises {formatUsd(s.raisesCents)}
          {s.excludedHpaNetCents !== 0 ? <> · HPA, not counted {formatUsd(s.excludedHpaNetCents)}</> : null}
        </div>
      </div>
      <div className="panel stat">
        <div className="label">To change</div>
        <div className="value">
          {totals.workloadsToChange} <span className={styles.unit}>of {totals.workloads} workloads</span>
        </div>
        <div className="sub">
          {totals.containersToChange} of {totals.containers} containers · {totals.rowsFlagged}{" "}
          {totals.rowsFlagged === 1 ? "row" : "rows"} flagged
        </div>
      </div>
    </section>
  );
}
