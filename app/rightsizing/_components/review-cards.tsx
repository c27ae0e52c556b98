import Link from "next/link";
import type { TeamReview } from "@/lib/rightsizing/decisions-store";
import { formatSavings, formatUsd } from "./format";

/** The team review loop in four numbers: still open, realized, declined and snoozed, with the rows behind each. */
export function ReviewCards({ review, recordHref }: { review: TeamReview; recordHref: string | null }) {
  const c = review.counts;
  return (
    <section className="grid grid-4" aria-label={`Team ${review.team} review`}>
      <div className="panel stat">
        <div className="label">Open savings per month</div>
        <div className="value" data-testid="open-savings">
          {formatSavings(review.openCents)}
        </div>
        <div className="sub">
          {c.open} open · {c.accepted} accepted, not applied yet
          {c.changed > 0 ? <> · {c.changed} changed otherwise</> : null}
        </div>
      </div>
      <div className="panel stat">
        <div className="label">Realized by rightsizing per month</div>
        <div className="value" data-testid="realized-savings">
          {formatSavings(review.realizedCents)}
        </div>
        <div className="sub">
          {c.applied} applied{review.firstAppliedDay ? <> since {review.firstAppliedDay}</> : null}
          {c.drifted > 0 ? <> · {c.drifted} drifted back</> : null}
          {recordHref && review.realizedCents > 0 ? (
            <>
              {" "}
              · <Link href={recordHref}>Record in the ledger</Link>
            </>
          ) : null}
        </div>
      </div>
      <div className="panel stat">
        <div className="label">Declined per month</div>
        <div className="value" data-testid="declined-savings">
          {formatUsd(review.declinedCents)}
        </div>
        <div className="sub">
          {c.declined} rejected row{c.declined === 1 ? "" : "s"}, out of the open savings
        </div>
      </div>
      <div className="panel stat">
        <div className="label">Snoozed per month</div>
        <div className="value">{formatUsd(review.snoozedCents)}</div>
        <div className="sub">
          {c.snoozed} row{c.snoozed === 1 ? "" : "s"}, back in the open savings when the day comes
        </div>
      </div>
    </section>
  );
}
