import Link from "next/link";
import { formatCentsAsUsd, formatUsd } from "@/lib/money";
import type { Candidates } from "@/lib/savings/read-candidates";
import { formatMonth } from "@/lib/savings/realized";
import styles from "./savings.module.css";

/** What the data suggests recording next: projects whose spend stopped, and the teams with the most to cut. */
export function CandidatesPanel({ candidates }: { candidates: Candidates }) {
  const { abandoned, teams, realized } = candidates;
  return (
    <>
      {realized.length > 0 ? <RealizedPanel realized={realized} /> : null}
      <section className="grid grid-2" aria-label="Candidates">
        <div className="panel">
          <h2>Projects whose spend stopped</h2>
          <p className={`muted ${styles.small}`}>
            Busiest month at least $1,000, last full month at most 5% of it.{" "}
            <Link href={candidates.spendHref}>All projects on Spend →</Link>
          </p>
          {abandoned.length === 0 ? (
            <p className="muted">
              No project stopped or fell to near zero in the last 13 months, or each one already has an initiative.
            </p>
          ) : (
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th>Project</th>
                    <th>Stopped</th>
                    <th className="num">Busiest month</th>
                    <th className="num">Would save a year</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {abandoned.map((c) => (
                    <tr key={c.project}>
                      <td>
                        <Link href={c.href}>{c.project}</Link>
                      </td>
                      <td>{formatMonth(c.stoppedMonth)}</td>
                      <td className="num">
                        {formatUsd(c.peakAmount)} <span className="muted">({formatMonth(c.peakMonth)})</span>
                      </td>
                      <td className="num">
                        {c.annualSaving ? formatUsd(c.annualSaving) : <span className="muted">not yet measurable</span>}
                      </td>
                      <td>
                        <Link
                          href={`/savings?${new URLSearchParams({ new: "1", name: `${c.project} shut down`, project: c.project, changeDate: c.stoppedMonth })}#initiative-form`}
                        >
                          Record
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <div className="panel">
          <h2>Largest rightsizing savings by team</h2>
          <p className={`muted ${styles.small}`}>Net monthly savings the rules recommend and nobody has applied yet.</p>
          {teams.length === 0 ? (
            <p className="muted">No team has requests to lower — or no Kubernetes usage is synced yet.</p>
          ) : (
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th>Team</th>
                    <th className="num">Containers to change</th>
                    <th className="num">A month</th>
                    <th className="num">A year</th>
                  </tr>
                </thead>
                <tbody>
                  {teams.map((t) => (
                    <tr key={t.team}>
                      <td>
                        <Link href={t.href}>{t.team}</Link>
                      </td>
                      <td className="num">{t.containersToChange}</td>
                      <td className="num">{formatUsd(formatCentsAsUsd(t.monthlyCents))}</td>
                      <td className="num">{formatUsd(formatCentsAsUsd(t.monthlyCents * 12))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </section>
    </>
  );
}

/** Rightsizing the syncs saw applied, per team: a rightsizing initiative to record, so the deck shows what was done. */
function RealizedPanel({ realized }: { realized: Candidates["realized"] }) {
  return (
    <section className="panel" aria-label="Rightsizing applied">
      <h2>Rightsizing applied, by team</h2>
      <p className={`muted ${styles.small}`}>
        Accepted recommendations whose requests the Datadog syncs saw applied, priced from the requests before to the
        requests after (the rightsizing table&apos;s prices, 730 hours a month).
      </p>
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th>Team</th>
              <th className="num">Containers applied</th>
              <th>First seen applied</th>
              <th className="num">A month</th>
              <th className="num">A year</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {realized.map((r) => (
              <tr key={r.team}>
                <td>
                  <Link href={`/rightsizing/${encodeURIComponent(r.team)}`}>{r.team}</Link>
                </td>
                <td className="num">{r.applied}</td>
                <td>{r.firstAppliedDay}</td>
                <td className="num" data-testid={`realized-${r.team}`}>
                  {formatUsd(formatCentsAsUsd(r.realizedCents))}
                </td>
                <td className="num">{formatUsd(formatCentsAsUsd(r.realizedCents * 12))}</td>
                <td>
                  {r.isRecorded ? (
                    <span className="muted">recorded</span>
                  ) : (
                    <Link href={r.recordHref} aria-label={`Record team ${r.team}'s rightsizing as an initiative`}>
                      Record as initiative
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
