import Link from "next/link";
import { FLEXIBILITY, PROGRAM_LABELS, type CommitmentFigures, type SideBySide } from "@/lib/commitments/math";
import { PAYMENT_LABELS, TERM_LABELS } from "@/lib/commitments/params";
import { formatUsd } from "@/lib/money";
import styles from "./commitments.module.css";
import { formatPercentText, toRecordHref } from "./format";

const ROWS: { label: string; value: (f: CommitmentFigures) => string }[] = [
  { label: "Estimated monthly savings", value: (f) => formatUsd(f.monthlySavings) },
  { label: "Savings", value: (f) => formatPercentText(f.savingsPercent) },
  { label: "Upfront", value: (f) => formatUsd(f.upfront) },
  { label: "Recurring monthly commitment", value: (f) => formatUsd(f.recurringMonthly) },
  { label: "Break-even", value: (f) => `${Number(f.breakEvenMonths).toFixed(1)} months` },
  { label: "On-demand cost covered a month", value: (f) => formatUsd(f.onDemandCoveredMonthly) },
  { label: "Net over the term", value: (f) => formatUsd(f.netOverTerm) },
];

const keyOf = (o: SideBySide["options"][number]) =>
  o.recommendation.program === "reserved-instances" ? "reserved-instances" : o.recommendation.planType;

/** Reserved Instances against both Savings Plans for one term and payment: the figures, the winner, the trade-off. */
export function SideBySidePanel({ data, today }: { data: SideBySide; today: string }) {
  const when = `${TERM_LABELS[data.term]}, ${PAYMENT_LABELS[data.payment].toLowerCase()}`;
  if (data.options.length === 0) {
    return (
      <section className="panel" aria-label="Reserved Instances versus Savings Plans">
        <h2>Reserved Instances versus Savings Plans ({when})</h2>
        <p className="muted">Cost Explorer recommends nothing to buy for EC2 at this term and payment.</p>
      </section>
    );
  }
  const best = data.best;
  const runnerUp = data.options.find((o) => o !== best && o.figures.monthlySavings !== best?.figures.monthlySavings);
  return (
    <section className="panel" aria-label="Reserved Instances versus Savings Plans">
      <h2>Reserved Instances versus Savings Plans ({when})</h2>
      {best ? (
        <p className={styles.verdict} data-testid="commitments-verdict">
          <strong>{best.label}</strong> nets the most: {formatUsd(best.figures.monthlySavings)} a month,{" "}
          {formatUsd(best.figures.netOverTerm)} over the term
          {data.leadMonthly && runnerUp ? `, ${formatUsd(data.leadMonthly)} a month more than the next option` : ""}.
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">For EC2 compute</th>
              {data.options.map((o) => (
                <th key={o.label} scope="col" className={`num ${o === best ? styles.best : ""}`}>
                  {o.label}
                  {o === best ? <span className="badge good"> nets most</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">What to buy</th>
              {data.options.map((o) => (
                <td key={o.label} className={`num ${o === best ? styles.best : ""}`}>
                  {o.recommendation.program === "reserved-instances"
                    ? `${o.recommendation.quantity} × ${o.recommendation.instance}`
                    : `$${o.recommendation.hourlyCommitment}/hour${o.recommendation.instance ? ` (${o.recommendation.instance})` : ""}`}
                </td>
              ))}
            </tr>
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {data.options.map((o) => (
                  <td key={o.label} className={`num ${o === best ? styles.best : ""}`}>
                    {row.value(o.figures)}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">Record it</th>
              {data.options.map((o) => (
                <td key={o.label} className="num">
                  <Link
                    href={toRecordHref({
                      name: `${o.label} (${when})`,
                      description: `Bought: ${formatUsd(o.figures.monthlySavings)} a month estimated by Cost Explorer.`,
                      service: o.recommendation.service,
                      changeDate: today,
                    })}
                  >
                    Record as initiative
                  </Link>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <h3>What each one gives up</h3>
      <ul className={styles.flexibility}>
        {data.options.map((o) => (
          <li key={o.label}>
            <strong>{PROGRAM_LABELS[keyOf(o)] ?? o.label}:</strong> {FLEXIBILITY[keyOf(o)]}
          </li>
        ))}
      </ul>
    </section>
  );
}
