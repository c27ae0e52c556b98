import Link from "next/link";
import type { CommitmentFigures } from "@/lib/commitments/math";
import { PAYMENT_LABELS, TERM_LABELS } from "@/lib/commitments/params";
import type { HeldCommitment, Recommendation } from "@/lib/commitments/read";
import { formatUsd } from "@/lib/money";
import { formatPercentText, toRecordHref } from "./format";

/** Commitments held, the ones ending in the next 90 days first: renew, resize or let them lapse on purpose. */
export function ExpiringPanel({ held }: { held: HeldCommitment[] }) {
  const expiring = held.filter((h) => h.isExpiringSoon);
  return (
    <section className="panel" aria-label="Expiring commitments">
      <h2>Expiring in the next 90 days</h2>
      {expiring.length === 0 ? (
        <p className="muted">Nothing ends in the next 90 days{held.length ? ` (${held.length} held)` : ""}.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Commitment</th>
              <th scope="col">Ends</th>
              <th scope="col" className="num">
                Hourly commitment
              </th>
              <th scope="col">Id</th>
            </tr>
          </thead>
          <tbody>
            {expiring.map((h) => (
              <tr key={h.id}>
                <th scope="row">{h.description}</th>
                <td>
                  <span className="badge warn">{h.endDate}</span>
                </td>
                <td className="num">{h.hourlyCommitment ? `$${h.hourlyCommitment}/hour` : "—"}</td>
                <td className="mono">{h.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Other = { recommendation: Recommendation; figures: CommitmentFigures };

/** Reservations Cost Explorer recommends for services Savings Plans do not cover (databases, caches, search). */
export function OtherReservationsPanel({ rows, today }: { rows: Other[]; today: string }) {
  return (
    <section className="panel" aria-label="Reservations for other services">
      <h2>Reservations for other services</h2>
      <p className="muted">Savings Plans do not cover these services: a reservation is the only commitment discount.</p>
      {rows.length === 0 ? (
        <p>Nothing recommended at this term and payment.</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Buy</th>
                <th scope="col" className="num">
                  Monthly savings
                </th>
                <th scope="col" className="num">
                  Savings
                </th>
                <th scope="col" className="num">
                  Upfront
                </th>
                <th scope="col" className="num">
                  Recurring monthly
                </th>
                <th scope="col" className="num">
                  Break-even
                </th>
                <th scope="col" className="num">
                  On demand covered
                </th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {rows.map(({ recommendation: r, figures: f }) => (
                <tr key={r.id}>
                  <th scope="row">{r.service}</th>
                  <td>{`${r.quantity} × ${r.instance}`}</td>
                  <td className="num">{formatUsd(f.monthlySavings)}</td>
                  <td className="num">{formatPercentText(f.savingsPercent)}</td>
                  <td className="num">{formatUsd(f.upfront)}</td>
                  <td className="num">{formatUsd(f.recurringMonthly)}</td>
                  <td className="num">{Number(f.breakEvenMonths).toFixed(1)} months</td>
                  <td className="num">{formatUsd(f.onDemandCoveredMonthly)}</td>
                  <td>
                    <Link
                      href={toRecordHref({
                        name: `${r.instance} reservations (${TERM_LABELS[r.term]}, ${PAYMENT_LABELS[r.payment].toLowerCase()})`,
                        description: `Bought ${r.quantity} × ${r.instance}: ${formatUsd(f.monthlySavings)} a month estimated by Cost Explorer.`,
                        service: r.service,
                        changeDate: today,
                      })}
                    >
                      Record as initiative
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
