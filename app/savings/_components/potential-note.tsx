import Link from "next/link";
import { formatCentsAsUsd, formatUsd } from "@/lib/money";
import type { Potential } from "@/lib/savings/ledger";
import styles from "./savings.module.css";

/** Rightsizing initiatives: what the rules still recommend, next to what the bill shows was saved. */
export function PotentialNote({ potential }: { potential: Potential }) {
  if (potential.kind === "unavailable") {
    return <div className="notice warn">Potential still on the table: {potential.message}</div>;
  }
  return (
    <div className={styles.potential} data-testid="potential">
      <div className={styles.label}>Potential still on the table</div>
      <div className={styles.value}>{formatUsd(formatCentsAsUsd(potential.annualCents))} a year</div>
      <div className={`muted ${styles.small}`}>
        {formatUsd(formatCentsAsUsd(potential.monthlyCents))} a month recommended, not yet applied (
        {potential.containersToChange} containers to change) · <Link href={potential.href}>Rightsizing →</Link>
      </div>
    </div>
  );
}
