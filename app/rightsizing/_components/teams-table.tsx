import Link from "next/link";
import type { RightsizingTotals, TeamTotals } from "@/lib/rightsizing";
import type { Scope } from "@/lib/rightsizing/table-query";
import { FLAG_LABELS } from "./flags";
import { formatGib, formatSavings, formatUsd, formatVcpu } from "./format";
import { toHref, toTeamPath } from "./url";
import styles from "./rightsizing.module.css";

// The flags the overview counts: first what needs a raise or a look, then why a row has no or a weaker recommendation.
const OVERVIEW_FLAGS = [
  "under-provisioned",
  "oom",
  "hpa",
  "young",
  "insufficient-data",
  "unmapped-environment",
  "no-request",
] as const;

/** Every team: requests now → recommended, savings (cuts, raises, net), workloads to change, flags. */
export function TeamsTable({ teams, total, scope }: { teams: TeamTotals[]; total: RightsizingTotals; scope: Scope }) {
  return (
    <section className="panel" aria-label="Teams">
      <h2>Teams</h2>
      <div className="table-scroll">
        <table className={`data ${styles.teams}`}>
          <thead>
            <tr>
              <th>Team</th>
              <th className="num">CPU now → recommended</th>
              <th className="num">Memory now → recommended</th>
              <th className="num">Cuts / month</th>
              <th className="num">Raises / month</th>
              <th className="num">Net / month</th>
              <th className="num">Workloads to change</th>
              <th>Flagged rows</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <TeamRow key={t.team} totals={t} name={<Link href={toHref(toTeamPath(t.team), scope)}>{t.team}</Link>} />
            ))}
          </tbody>
          <tfoot>
            <TeamRow totals={total} name={<strong>All teams</strong>} />
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function TeamRow({ totals, name }: { totals: RightsizingTotals; name: React.ReactNode }) {
  const s = totals.savings;
  return (
    <tr>
      <td className={styles.team}>{name}</td>
      <td className="num">
        {formatVcpu(totals.currentCpuMillicores)} → {formatVcpu(totals.recommendedCpuMillicores)}
      </td>
      <td className="num">
        {formatGib(totals.currentMemoryBytes)} → {formatGib(totals.recommendedMemoryBytes)}
      </td>
      <td className={`num ${styles.good}`}>{formatUsd(s.cutsCents)}</td>
      <td className={`num ${styles.bad}`}>{s.raisesCents ? formatUsd(s.raisesCents) : "—"}</td>
      <td className="num">
        <strong>{formatSavings(s.netCents)}</strong>
        {s.excludedHpaNetCents !== 0 ? (
          <div className={`muted ${styles.small}`}>HPA, not counted: {formatUsd(s.excludedHpaNetCents)}</div>
        ) : null}
      </td>
      <td className="num">
        {totals.workloadsToChange} <span className="muted">of {totals.workloads}</span>
      </td>
      <td>
        <div className={styles.badges}>
          {OVERVIEW_FLAGS.filter((f) => totals.flagged[f] > 0).map((f) => (
            <span key={f} className={`badge ${FLAG_LABELS[f].tone}`} title={FLAG_LABELS[f].title}>
              {FLAG_LABELS[f].label} {totals.flagged[f]}
            </span>
          ))}
        </div>
      </td>
    </tr>
  );
}
