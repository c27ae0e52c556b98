import { formatPercent, formatUsd, formatUsdChange } from "@/lib/money";

/** Exact cents; the full stored precision on hover (what the CSV has). */
export function Money({ amount }: { amount: string }) {
  return <span title={`${amount} USD`}>{formatUsd(amount)}</span>;
}

/** A change in spend: more is red, less is green (finance reads cost, not revenue). */
export function Change({
  change,
  compact = false,
}: {
  change: { amount: string; ratio: number | null } | null;
  compact?: boolean;
}) {
  if (!change || (change.ratio === null && /^-?[0.]+$/.test(change.amount))) return <span className="muted">—</span>;
  const sign = change.amount.startsWith("-") ? "down" : /^[0.]+$/.test(change.amount) ? "" : "up";
  // No spend in the earlier period: a percentage would be infinite.
  const ratio = change.ratio === null ? "new" : `${change.ratio > 0 ? "+" : ""}${formatPercent(change.ratio)}`;
  return (
    <span className={sign} title={`${change.amount} USD`}>
      {compact ? ratio : `${formatUsdChange(change.amount)} (${ratio})`}
    </span>
  );
}
