import type { SettingsPage } from "@/lib/pages/settings";
import type { DigestSendView } from "@/lib/digest/run";
import { DigestChannelForm } from "./digest-form";

const STATUS_BADGE = { sent: "good", sending: "muted", failed: "warn", abandoned: "bad" } as const;

function SendCell({ send }: { send: DigestSendView | undefined }) {
  if (!send) return <span className="muted">not sent yet</span>;
  const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "");
  return (
    <>
      <span className={`badge ${STATUS_BADGE[send.status]}`}>
        {send.status === "abandoned" ? "gave up" : send.status}
      </span>{" "}
      week of {send.week}
      {send.status === "sent" ? `, ${when(send.sentAt)}` : null}
      {send.attempts > 1 || send.status !== "sent"
        ? `, ${send.attempts} attempt${send.attempts === 1 ? "" : "s"}`
        : null}
      {send.lastError ? <div className="muted">{send.lastError}</div> : null}
      {send.status === "failed" && send.nextAttemptAt ? (
        <div className="muted">Next attempt {when(send.nextAttemptAt)}</div>
      ) : null}
    </>
  );
}

/** The weekly digest: where each team's goes, how the last one went, and the mail server in use. */
export function DigestSection({ digest }: { digest: SettingsPage["digest"] }) {
  const sendOf = (team: string, channel: "slack" | "email") =>
    digest.sends.find((s) => s.team === team && s.channel === channel);
  return (
    <section className="panel" id="digest" aria-label="Weekly digest">
      <h2>Weekly digest</h2>
      <p className="muted">
        Each team with a channel gets its open recommendations (largest savings first), what is new since last week,
        what was applied or drifted back, and the savings realized, with a link to its page. Schedule: {digest.schedule}
        . A failed send is retried later (up to 5 attempts); <code>npm run -s digest -- --dry-run</code> shows the
        messages.
      </p>
      <p className="muted">
        Email:{" "}
        {digest.smtp
          ? `${digest.smtp.host}:${digest.smtp.port} (${digest.smtp.tls}), from ${digest.smtp.from}${digest.smtp.user ? `, login ${digest.smtp.user}, password ${digest.smtp.hasPassword ? "set" : "not set"}` : ", no login"}`
          : "no mail server (set SMTP_HOST and SMTP_FROM): only Slack digests are sent"}
        .
        {digest.allowLoopback
          ? " Webhooks on http://127.0.0.1 are allowed (COSTWISE_DIGEST_ALLOW_LOOPBACK: tests and development only)."
          : ""}
      </p>
      {digest.channels.length > 0 ? (
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">Teams with a digest channel</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Slack webhook</th>
                <th scope="col">Email recipients</th>
                <th scope="col">Last Slack digest</th>
                <th scope="col">Last email digest</th>
              </tr>
            </thead>
            <tbody>
              {digest.channels.map((c) => (
                <tr key={c.team}>
                  <th scope="row">{c.team}</th>
                  <td className="mono">{c.slackWebhook ?? "—"}</td>
                  <td>{c.emailRecipients.length > 0 ? c.emailRecipients.join(", ") : "—"}</td>
                  <td>{c.slackWebhook ? <SendCell send={sendOf(c.team, "slack")} /> : "—"}</td>
                  <td>{c.emailRecipients.length > 0 ? <SendCell send={sendOf(c.team, "email")} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No team gets a digest yet: choose a team below and give it a Slack webhook or email recipients.</p>
      )}
      {digest.teams.length > 0 ? (
        <DigestChannelForm teams={digest.teams} channels={digest.channels} />
      ) : (
        <p className="muted">Teams appear here after the first Datadog sync.</p>
      )}
    </section>
  );
}
