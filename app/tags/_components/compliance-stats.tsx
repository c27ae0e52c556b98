import { cssVars, toPercent } from "@/app/_components/css-vars";
import { formatPercent, formatUsd, isZeroMoney, subtractMoney, toRatio } from "@/lib/money";
import type { ComplianceReport } from "@/lib/tags/compliance-report";
import styles from "./tags.module.css";

/** The dollar split of the range: compliant, missing a tag, not allowed, and the total against the bill. */
export function ComplianceStats({ report }: { report: ComplianceReport }) {
  const { overall, billTotal } = report;
  const share = (part: string) => toRatio(part, overall.total) ?? 0;
  const billGap = billTotal === null ? null : subtractMoney(overall.total, billTotal);
  const matchesBill = billGap !== null && isZeroMoney(billGap);
  return (
    <section className="panel" aria-label="Compliance in dollars">
      <div className="grid grid-4">
        <Stat
          label="Compliant"
          value={formatUsd(overall.compliant)}
          sub={`${formatPercent(share(overall.compliant))} of spend: all three tags, allowed values`}
        />
        <Stat
          label="Missing a tag"
          value={formatUsd(overall.missing)}
          sub={`${formatPercent(share(overall.missing))} of spend: no department, project or environment`}
        />
        <Stat
          label="Not allowed"
          value={formatUsd(overall.notAllowed)}
          sub={
            isZeroMoney(overall.aliased)
              ? `${formatPercent(share(overall.notAllowed))} of spend: a value outside the allowed lists`
              : `${formatPercent(share(overall.notAllowed))} of spend; ${formatUsd(overall.aliased)} of it aliased, so reports already group it right`
          }
        />
        <Stat
          label="Total"
          value={formatUsd(overall.total)}
          sub={
            billTotal === null || billGap === null
              ? "Your departments' spend in the range"
              : matchesBill
                ? "Equals the Cost Explorer total to the cent"
                : `Differs from the Cost Explorer total (${formatUsd(billTotal)}) by ${formatUsd(billGap)}: run a sync`
          }
        />
      </div>
      <div
        className={`${styles.splitBar} ${styles.spaced}`}
        role="img"
        aria-label={`Compliant ${formatPercent(share(overall.compliant))}, not allowed ${formatPercent(share(overall.notAllowed))}, missing ${formatPercent(share(overall.missing))}`}
      >
        <span className={styles.compliant} style={cssVars({ "--share": toPercent(share(overall.compliant)) })} />
        <span className={styles.notAllowed} style={cssVars({ "--share": toPercent(share(overall.notAllowed)) })} />
        <span className={styles.missing} style={cssVars({ "--share": toPercent(share(overall.missing)) })} />
      </div>
      <div className={styles.legend}>
        <span>
          <i className={`${styles.swatch} ${styles.compliant}`} />
          Compliant
        </span>
        <span>
          <i className={`${styles.swatch} ${styles.notAllowed}`} />
          Not allowed (a value outside the lists, aliased or not)
        </span>
        <span>
          <i className={`${styles.swatch} ${styles.missing}`} />
          Missing a tag
        </span>
      </div>
    </section>
  );
}

function Stat({ label, value, sub }: { label: string; value: string; sub: string }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      <div className="sub">{sub}</div>
    </div>
  );
}
