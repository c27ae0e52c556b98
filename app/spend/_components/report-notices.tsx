import Link from "next/link";
import { formatPercent, formatUsd, toCents, toRatio } from "@/lib/money";
import { formatPeriod } from "@/lib/reports/periods";
import type { SpendReport } from "@/lib/reports/spend-report";
import type { TagSettings } from "@/lib/settings/tags";

/** What a finance reader must know before trusting the numbers: reconciliation, aliases, Estimated and missing days. */
export function ReportNotices({ report, settings }: { report: SpendReport; settings: TagSettings }) {
  const label = (i: number) => {
    const p = report.periods[i];
    return p ? formatPeriod(p, report.view.granularity) : "";
  };
  const estimated = report.periods.flatMap((p, i) => (p.estimated ? [label(i)] : []));
  const missing = report.periods.flatMap((p, i) => (p.daysWithData === 0 ? [label(i)] : []));
  const partial = report.periods.flatMap((p, i) =>
    p.daysWithData > 0 && p.daysWithData < p.days ? [`${label(i)}: ${p.daysWithData} of ${p.days} days`] : [],
  );
  const aliasTargets = new Map(
    [...settings.aliases.department, ...settings.aliases.environment].map((a) => [a.raw, a.value]),
  );
  const aliased = [...report.aliasedFrom.department, ...report.aliasedFrom.environment];
  const bill = report.billTotal;
  return (
    <div>
      {report.isUnfiltered && bill !== null ? (
        toCents(bill) === toCents(report.total) ? (
          <p className="notice info">
            ✓ The total, {formatUsd(report.total)}, matches Cost Explorer&apos;s ungrouped total for these days to the
            cent.
          </p>
        ) : (
          <p className="notice error">
            The total, {formatUsd(report.total)}, differs from Cost Explorer&apos;s ungrouped total ({formatUsd(bill)}):
            run a sync; if it stays, report it.
          </p>
        )
      ) : null}
      {!report.isUnfiltered && bill !== null ? (
        <p className="notice info">
          Filtered: {formatUsd(report.total)} of {formatUsd(bill)} in these days (
          {formatPercent(toRatio(report.total, bill) ?? 0)}).
        </p>
      ) : null}
      {report.aliasedAmount && aliased.length > 0 && toCents(report.aliasedAmount) !== 0n ? (
        <p className="notice warn">
          Aliases moved {formatUsd(report.aliasedAmount)} in this view:{" "}
          {aliased.map((raw) => `“${raw}” → ${aliasTargets.get(raw) ?? "?"}`).join(", ")}. The resources still carry the
          raw values; the aliases are set on <Link href="/settings">Settings</Link>.
        </p>
      ) : null}
      {estimated.length > 0 ? (
        <p className="note">
          Estimated: {estimated.join(", ")} — Cost Explorer may still revise these days until the month is final.
        </p>
      ) : null}
      {partial.length > 0 ? <p className="note">Partly synced: {partial.join("; ")}.</p> : null}
      {missing.length > 0 ? <p className="note">Not synced: {missing.join(", ")} — shown as “—”, not as $0.</p> : null}
    </div>
  );
}
