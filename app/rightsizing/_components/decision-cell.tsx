import type { DecisionStatus } from "@/lib/rightsizing/decisions";
import type { DecisionView } from "@/lib/rightsizing/decisions-store";
import { formatUsd } from "@/lib/money";
import styles from "./rightsizing.module.css";

/** The words and tone of each status (badge classes of globals.css). */
export const STATUS_LABELS: Record<DecisionStatus, { label: string; tone: string; title: string }> = {
  open: { label: "open", tone: "muted", title: "Nobody has decided on this row yet" },
  accepted: { label: "accepted", tone: "warn", title: "Accepted; the syncs have not seen the new requests yet" },
  applied: { label: "applied", tone: "good", title: "The requests are now within the tolerance of the recommendation" },
  drifted: { label: "drifted", tone: "bad", title: "Applied, then the requests went back above the tolerance" },
  changed: { label: "changed otherwise", tone: "warn", title: "The requests changed, but not to the recommendation" },
  declined: { label: "declined", tone: "muted", title: "Rejected: out of the open savings" },
  snoozed: { label: "snoozed", tone: "muted", title: "Out of the open savings until the day named" },
};

const day = (iso: string) => iso.slice(0, 10);

/** What the cell shows of a decision: the client row gets these fields only. */
export type DecisionCellView = Pick<
  DecisionView,
  | "status"
  | "reopened"
  | "decision"
  | "snoozedUntil"
  | "realizedMonthlyUsd"
  | "appliedAt"
  | "driftedAt"
  | "reason"
  | "decidedBy"
  | "decidedAt"
>;

/** The fields of a decision the cell shows, and nothing else (the row's payload carries them). */
export function toDecisionCellView(d: DecisionView): DecisionCellView {
  const { status, reopened, decision, snoozedUntil, realizedMonthlyUsd, appliedAt, driftedAt, reason } = d;
  return {
    status,
    reopened,
    decision,
    snoozedUntil,
    realizedMonthlyUsd,
    appliedAt,
    driftedAt,
    reason,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt,
  };
}

/** A row's decision: its status, who decided and when, the reason or the day it wakes, what it saved. */
export function DecisionCell({ decision }: { decision: DecisionCellView | null }) {
  if (decision === null) return null;
  const s = STATUS_LABELS[decision.status];
  const reopened =
    decision.reopened === "recommendation-changed"
      ? `reopened: the recommendation moved since it was ${decision.decision}`
      : decision.reopened === "snooze-expired"
        ? `reopened: snoozed until ${decision.snoozedUntil ?? "?"}`
        : null;
  return (
    <div className={styles.decisionText}>
      <span className={`badge ${s.tone}`} title={s.title}>
        {s.label}
      </span>
      {decision.status === "snoozed" ? <span> until {decision.snoozedUntil}</span> : null}
      {decision.status === "applied" && decision.realizedMonthlyUsd ? (
        <div>
          saves <strong>{formatUsd(decision.realizedMonthlyUsd)}</strong>/month since {day(decision.appliedAt ?? "")}
        </div>
      ) : null}
      {decision.status === "drifted" && decision.driftedAt ? <div>since {day(decision.driftedAt)}</div> : null}
      {decision.reason ? <div className={styles.decisionReason}>“{decision.reason}”</div> : null}
      {reopened ? <div className="muted">{reopened}</div> : null}
      <div className="muted">
        {decision.decision} by {decision.decidedBy} on {day(decision.decidedAt)}
      </div>
    </div>
  );
}
