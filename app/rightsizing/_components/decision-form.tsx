"use client";
// The form around a team's table: the rows' checkboxes and "Accept" buttons are rendered by the server inside it;
// this toolbar acts on the ticked rows (accept, reject with a reason, snooze until a day, reopen) and says what
// happened. Without JavaScript the form still posts; the toolbar's "select all" needs it.
import { useActionState, useRef, type ReactNode } from "react";
import { decideAction, type DecideState } from "../[team]/actions";
import styles from "./rightsizing.module.css";

export function DecisionForm({
  team,
  today,
  maxReason,
  children,
}: {
  team: string;
  today: string;
  maxReason: number;
  children: ReactNode;
}) {
  const [state, action, pending] = useActionState<DecideState, FormData>(decideAction, null);
  const form = useRef<HTMLFormElement>(null);
  const selectAll = (checked: boolean) => {
    for (const box of form.current?.querySelectorAll<HTMLInputElement>('input[name="row"]') ?? [])
      box.checked = checked;
  };
  return (
    <form ref={form} action={action} aria-label={`Decisions of team ${team}`}>
      <input type="hidden" name="team" value={team} />
      <fieldset className={styles.decideBar} disabled={pending}>
        <legend>Decide on the ticked rows</legend>
        <label className={styles.selectAll}>
          <input type="checkbox" onChange={(e) => selectAll(e.currentTarget.checked)} /> all on this page
        </label>
        <button type="submit" name="decision" value="accepted" className="button small">
          Accept
        </button>
        <label className={styles.decideField}>
          Reason <span className="muted">(to reject)</span>
          <input
            type="text"
            name="reason"
            maxLength={maxReason}
            placeholder="e.g. batch job, peaks are real"
            size={28}
          />
        </label>
        <button type="submit" name="decision" value="rejected" className="button small secondary">
          Reject
        </button>
        <label className={styles.decideField}>
          Snooze until
          <input type="date" name="snoozedUntil" min={today} />
        </label>
        <button type="submit" name="decision" value="snoozed" className="button small secondary">
          Snooze
        </button>
        <button type="submit" name="decision" value="clear" className="button small secondary">
          Reopen
        </button>
      </fieldset>
      <p role="status" className={state ? `notice ${state.ok ? "info" : "error"}` : "visually-hidden"}>
        {pending ? "Saving…" : (state?.message ?? "")}
      </p>
      {children}
    </form>
  );
}
