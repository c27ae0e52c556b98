import Link from "next/link";
import type { SourceFreshness } from "@/lib/sync/runs";
import { describeStaleSources } from "@/lib/jobs/freshness";

/**
 * Above every page when a source's last successful sync is older than COSTWISE_STALE_AFTER_DAYS: the numbers
 * below are from then, so a sync that silently stopped is seen by whoever reads them, not only by a probe.
 */
export function StaleNotice({
  sources,
  staleAfterDays,
  canOpenSync,
}: {
  sources: readonly SourceFreshness[];
  staleAfterDays: number;
  canOpenSync: boolean;
}) {
  const lines = describeStaleSources(sources);
  if (lines.length === 0) return null;
  return (
    <div className="notice warn stale-notice" role="note" aria-label="Stale data">
      <strong>
        Stale data: the figures below may be out of date (older than {staleAfterDays} day
        {staleAfterDays === 1 ? "" : "s"}).
      </strong>
      <ul className="problems">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {canOpenSync ? (
        <p>
          <Link href="/sync">Open the sync history</Link> to see why the syncs fail and to sync now.
        </p>
      ) : (
        <p>Ask an admin to look at the sync history (/sync).</p>
      )}
    </div>
  );
}
