// Which recommendations a digest counts as open: still waiting for the team to look at them.

/** A team's decision on one container, as far as the digest needs it. */
export type DecisionOnRow = {
  decision: "accepted" | "rejected" | "snoozed";
  /** YYYY-MM-DD; a snooze ends at the start of that day. */
  snoozedUntil: string | null;
};

/**
 * Open = nobody decided yet, or a snooze has run out. Accepted rows are being worked on and rejected ones were
 * declined with a reason, so neither belongs in "what is left to look at".
 * The review loop's own rule (decisionStatus, which also reopens a rejected row whose new recommendation moved
 * past the reopen threshold) replaces this function when the two meet; keep this the only place that decides.
 */
export function isOpenRecommendation(decision: DecisionOnRow | undefined, today: string): boolean {
  if (decision === undefined) return true;
  if (decision.decision === "snoozed") return decision.snoozedUntil !== null && decision.snoozedUntil <= today;
  return false;
}
