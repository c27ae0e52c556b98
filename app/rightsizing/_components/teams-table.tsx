import Link from "next/link";
import type { RightsizingTotals, TeamTotals } from "@/lib/rightsizing";
import type { TeamReview } from "@/lib/rightsizing/decisions-store";
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

type ReviewSums = Pick<TeamReview, "openCents" | "declinedCents" | "realizedCents"> & {
  applied: number;
  declined: number;
};

const toSums = (r: TeamReview | undefined): ReviewSums => ({
  openCents: r?.openCents ?? 0,
  declinedCents: r?.declinedCents ?? 0,
  realizedCents: r?.realizedCents ?? 0,
  applied: r?.counts.applied ?? 0,
  declined: r?.counts.declined ?? 0,
});

/**
 * Every team: requests now → recommended, savings (cuts, raises, net; then what is still open after the team's
 * decisions and what its applied changes realized), workloads to change, flags.
 */
export function TeamsTable({
  teams,
  total,
  scope,
  reviews,
}: {
  teams: TeamTotals[];
  total: RightsizingTotals;
  scope: Scope;
  reviews: TeamReview[];
}) {
  const byTeam = new Map(reviews.map((r) => [r.team, r]));
  const sums = teams.map((t) => toSums(byTeam.get(t.team)));
  const all = sums.reduce(
    (a, b) => ({
      openCents: a.openCents + b.openCents,
      declinedCents: a.declinedCents + b.declinedCents,
      realizedCents: a.realizedCents + b.realizedCents,
      applied: a.applied + b.applied,
      declined: a.declined + b.declined,
    }),
    toSums(undefined),
  );
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
              <th className="num">Open / month</th>
              <th className="num">Realized / month</th>
              <th className="num">Workloads to change</th>
              <th>Flagged rows</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t, i) => (
              <TeamRow
                key={t.team}
                totals={t}
                review={sums[i]!}
                name={<Link href={toHref(toTeamPath(t.team), scope)}>{t.team}</Link>}
              />
            ))}
          </tbody>
          <tfoot>
            <TeamRow totals={total} review={all} name={<strong>All teams</strong>} />
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function TeamRow({ totals, review, name }: { totals: RightsizingTotals; review: ReviewSums; name: React.ReactNode }) {
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
        {formatSavings(review.openCents)}
        {review.declined > 0 ? (
          <div className={`muted ${styles.small}`}>
            declined {review.declined}: {formatUsd(review.declinedCents)}
          </div>
        ) : null}
      </td>
      <td className="num">
        {review.realizedCents !== 0 ? <strong>{formatSavings(review.realizedCents)}</strong> : "—"}
        {review.applied > 0 ? <div className={`muted ${styles.small}`}>{review.applied} applied</div> : null}
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
