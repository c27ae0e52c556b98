"use client";
// One team's digest channels. The saved webhook is never in this page: the field starts empty, and leaving it
// empty keeps the one saved (its masked form is shown next to the field).
import { useActionState, useState } from "react";
import type { DigestChannelView } from "@/lib/digest/channels";
import { saveDigestChannelAction, type DigestFormState } from "./digest-actions";
import styles from "./rightsizing-form.module.css";

const INITIAL: DigestFormState = { status: "idle", message: "", errors: {}, submitted: null, version: 0 };

export function DigestChannelForm({ teams, channels }: { teams: string[]; channels: DigestChannelView[] }) {
  const [state, action, isPending] = useActionState(saveDigestChannelAction, INITIAL);
  const [team, setTeam] = useState(state.submitted?.team ?? teams[0] ?? "");
  const saved = channels.find((c) => c.team === team);
  const errors = state.errors;
  const error = (name: string) =>
    errors[name] ? (
      <span className={styles.fieldError} id={`digest-${name}-error`}>
        {errors[name]}
      </span>
    ) : null;
  const invalid = (name: string) =>
    errors[name] ? { "aria-invalid": true, "aria-describedby": `digest-${name}-error` } : {};
  return (
    <form key={`${state.version}-${team}`} action={action} className={styles.form} aria-label="Digest channels">
      {state.message ? (
        <div
          className={`notice ${state.status === "saved" ? "info" : "error"}`}
          role={state.status === "saved" ? "status" : "alert"}
        >
          {state.message}
        </div>
      ) : null}
      <fieldset>
        <legend>A team&apos;s channels</legend>
        <div className={styles.fields}>
          <label className={styles.field}>
            Team
            <select name="team" value={team} onChange={(e) => setTeam(e.target.value)} {...invalid("team")}>
              {teams.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            {error("team")}
          </label>
          <label className={`${styles.field} ${styles.wide}`}>
            Slack incoming webhook URL
            <span className={styles.hint}>
              {saved?.slackWebhook
                ? `Saved: ${saved.slackWebhook}. Leave empty to keep it; type a new one to replace it.`
                : "https://hooks.slack.com/services/… (from Slack: Apps → Incoming Webhooks). A secret: shown masked once saved."}
            </span>
            <input
              name="slackWebhookUrl"
              type="url"
              autoComplete="off"
              spellCheck={false}
              {...invalid("slackWebhookUrl")}
            />
            {error("slackWebhookUrl")}
          </label>
          {saved?.slackWebhook ? (
            <label className={styles.field}>
              <span>
                <input type="checkbox" name="removeSlackWebhook" /> Remove the saved webhook
              </span>
            </label>
          ) : null}
          <label className={`${styles.field} ${styles.wide}`}>
            Email recipients
            <span className={styles.hint}>
              One address per line or separated by commas (at most 20); empty for none.
            </span>
            <textarea
              name="emailRecipients"
              rows={3}
              defaultValue={state.submitted?.emailRecipients ?? saved?.emailRecipients.join("\n") ?? ""}
              {...invalid("emailRecipients")}
            />
            {error("emailRecipients")}
          </label>
        </div>
      </fieldset>
      <button type="submit" className="button" disabled={isPending || teams.length === 0}>
        {isPending ? "Saving…" : "Save channels"}
      </button>
    </form>
  );
}
