// Sends the weekly digests: for each team with a channel, at most once per week and channel, whatever the number
// of servers and commands trying (the digest_send row is the claim), each attempt recorded and audited, a failing
// receiver retried later with a bounded backoff, and given up after MAX_ATTEMPTS (shown on /settings).
import { recordAuditEvent } from "@/lib/audit/events";
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { listChannelsForSending, type DigestChannel } from "./channels";
import { buildTeamDigest, type TeamDigest } from "./content";
import { postWebhook, sendEmail } from "./deliver";
import { renderEmailHtml, renderEmailText, renderSlack, toOneLine, toSubject } from "./render";
import { isDue, toWeek } from "./week";

export type DigestChannelKind = "slack" | "email";

/** Attempts per week and channel; the waits between them are RETRY_DELAYS_MIN (about 9.5 hours in all). */
export const MAX_ATTEMPTS = 5;
export const RETRY_DELAYS_MIN = [5, 30, 120, 360] as const;
/**
 * A claim older than this is taken over: its process died between claiming and recording (a send takes at
 * most the webhook's 15 s or the mail server's timeouts). In that one case a message can go out twice.
 */
export const STALE_CLAIM_MIN = 15;

export function retryDelayMs(attempts: number): number {
  const minutes = RETRY_DELAYS_MIN[Math.min(attempts, RETRY_DELAYS_MIN.length) - 1] ?? RETRY_DELAYS_MIN[0];
  return minutes * 60_000;
}

export type DigestOutcome = {
  team: string;
  channel: DigestChannelKind;
  status: "sent" | "failed" | "abandoned" | "skipped" | "dry-run";
  /** One line for people: why skipped, what failed, when the next attempt is. */
  detail: string;
};

export type DryRunMessage = {
  team: string;
  channels: DigestChannelKind[];
  slack: { text: string };
  email: { to: string[]; subject: string; text: string };
};

export type DigestRun = { week: string; outcomes: DigestOutcome[]; dryRun: DryRunMessage[] };

export async function runDigests(opts: {
  db: Db;
  config: Pick<Config, "digest"> & { auth: Pick<Config["auth"], "url"> };
  now: Date;
  /** Only this team. */
  team?: string | undefined;
  /** Build and answer the messages; send nothing, record nothing. */
  dryRun?: boolean;
  /** schedule: only once the week's send time has come; cli: now. */
  trigger: "schedule" | "cli";
  log: (line: string, level?: "info" | "warn" | "error") => void;
}): Promise<DigestRun> {
  const { db, config, now, trigger, log } = opts;
  const week = toWeek(now);
  const run: DigestRun = { week, outcomes: [], dryRun: [] };
  if (trigger === "schedule" && (!config.digest.schedule || !isDue(now, config.digest.schedule))) return run;
  let channels = await listChannelsForSending(db, opts.team);
  if (opts.team !== undefined && channels.length === 0) {
    if (!opts.dryRun)
      throw new AppError("bad-input", `No digest channel is set for team "${opts.team}": add one on /settings.`);
    channels = [{ team: opts.team, slackWebhookUrl: null, emailRecipients: [] }];
  }
  for (const channel of channels) {
    const digest = lazyDigest(db, channel.team, now, week, config.auth.url);
    if (opts.dryRun) {
      const d = await digest();
      run.dryRun.push({
        team: channel.team,
        channels: kindsOf(channel),
        slack: renderSlack(d),
        email: { to: channel.emailRecipients, subject: toSubject(d), text: renderEmailText(d) },
      });
      continue;
    }
    for (const kind of kindsOf(channel)) {
      const outcome = await sendOne({ db, config, now, week, trigger, channel, kind, digest });
      run.outcomes.push(outcome);
      log(
        `Digest for ${toOneLine(channel.team, 80)} by ${kind}: ${outcome.status}${outcome.detail ? ` — ${outcome.detail}` : ""}`,
        outcome.status === "failed" || outcome.status === "abandoned" ? "error" : "info",
      );
    }
  }
  return run;
}

function kindsOf(channel: DigestChannel): DigestChannelKind[] {
  return [
    ...(channel.slackWebhookUrl ? (["slack"] as const) : []),
    ...(channel.emailRecipients.length > 0 ? (["email"] as const) : []),
  ];
}

/** The team's digest, built on first use only: most runs find every channel already sent. */
function lazyDigest(db: Db, team: string, now: Date, week: string, baseUrl: string | undefined) {
  let built: Promise<TeamDigest> | undefined;
  return () =>
    (built ??= (async () => {
      const previousKeys = await readPreviousKeys(db, team, week);
      return buildTeamDigest(db, { team, now, week, baseUrl, previousKeys });
    })());
}

/** The open rows listed by the team's last digest before this week (any channel); null = none was ever sent. */
async function readPreviousKeys(db: Db, team: string, week: string): Promise<string[] | null> {
  const [row] = await db.sql.query<{ open_keys: unknown }>(
    `SELECT open_keys FROM digest_send
      WHERE team = $1 AND week < $2::date AND status = 'sent'
      ORDER BY week DESC, sent_at DESC LIMIT 1`,
    [team, week],
  );
  if (!row) return null;
  const keys = typeof row.open_keys === "string" ? (JSON.parse(row.open_keys) as unknown) : row.open_keys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : [];
}

/**
 * Takes this week's row for the team and channel, or answers null when another sender has it, it was sent, or
 * its next retry is not due. One statement: on Postgres a second INSERT waits for the first to commit and then
 * sees its row, so two replicas can never both claim.
 */
async function claim(db: Db, team: string, week: string, channel: DigestChannelKind, now: Date) {
  const [row] = await db.sql.query<{ id: number; attempts: number }>(
    `INSERT INTO digest_send (team, week, channel, status, attempts, claimed_at)
     VALUES ($1, $2::date, $3, 'sending', 1, $4)
     ON CONFLICT (team, week, channel) DO UPDATE
        SET status = 'sending', attempts = digest_send.attempts + 1, claimed_at = EXCLUDED.claimed_at
      WHERE (digest_send.status = 'failed' AND digest_send.next_attempt_at <= EXCLUDED.claimed_at)
         OR (digest_send.status = 'sending'
             AND digest_send.claimed_at < EXCLUDED.claimed_at - make_interval(mins => $5::int))
     RETURNING id, attempts`,
    [team, week, channel, now, STALE_CLAIM_MIN],
  );
  return row ?? null;
}

async function describeUnclaimed(db: Db, team: string, week: string, channel: DigestChannelKind): Promise<string> {
  const row = await db.prisma.digestSend.findFirst({
    where: { team, channel, week: new Date(`${week}T00:00:00Z`) },
  });
  if (!row) return "not claimed";
  switch (row.status) {
    case "sent":
      return `already sent this week (${row.sentAt?.toISOString() ?? "?"})`;
    case "sending":
      return `being sent by another process since ${row.claimedAt.toISOString()}`;
    case "failed":
      return `failed ${row.attempts}× (${row.lastError}); next attempt at ${row.nextAttemptAt?.toISOString() ?? "?"}`;
    default:
      return `given up after ${row.attempts} attempts this week (${row.lastError})`;
  }
}

async function sendOne(opts: {
  db: Db;
  config: Pick<Config, "digest">;
  now: Date;
  week: string;
  trigger: "schedule" | "cli";
  channel: DigestChannel;
  kind: DigestChannelKind;
  digest: () => Promise<TeamDigest>;
}): Promise<DigestOutcome> {
  const { db, config, now, week, channel, kind } = opts;
  const team = channel.team;
  const smtp = config.digest.smtp;
  if (kind === "email" && !smtp)
    return { team, channel: kind, status: "skipped", detail: "no mail server configured (SMTP_HOST)" };
  const claimed = await claim(db, team, week, kind, now);
  if (!claimed)
    return { team, channel: kind, status: "skipped", detail: await describeUnclaimed(db, team, week, kind) };

  let digest: TeamDigest | undefined;
  let error: string | undefined;
  try {
    digest = await opts.digest();
    if (kind === "slack") {
      await postWebhook(channel.slackWebhookUrl!, renderSlack(digest), { allowLoopback: config.digest.allowLoopback });
    } else {
      await sendEmail(smtp!, {
        to: channel.emailRecipients,
        subject: toSubject(digest),
        text: renderEmailText(digest),
        html: renderEmailHtml(digest),
      });
    }
  } catch (err) {
    error = toOneLine(err instanceof Error ? err.message : String(err), 500);
  }

  const summary = digest
    ? {
        openCount: digest.open.count,
        openNetCents: digest.open.netCents,
        newCount: digest.newRows.length,
        appliedCount: digest.applied.count,
        driftedCount: digest.drifted.length,
        realizedCents: digest.realizedCents,
      }
    : null;
  const audit = (outcome: "ok" | "failed", detail: string) =>
    recordAuditEvent(db, {
      actor: opts.trigger,
      action: "digest.send",
      target: `${team} (${kind})`,
      outcome,
      // The webhook URL never goes here; recipients are people's work addresses, which an admin set.
      after: {
        week,
        channel: kind,
        attempt: claimed.attempts,
        ...(kind === "email" ? { recipients: channel.emailRecipients } : {}),
        summary,
      },
      detail,
    });

  if (error === undefined) {
    await db.sql.query(
      `UPDATE digest_send SET status = 'sent', sent_at = $2, last_error = '', next_attempt_at = NULL,
              open_keys = $3::jsonb, summary = $4::jsonb
        WHERE id = $1`,
      [claimed.id, now, JSON.stringify(digest!.openKeys), JSON.stringify(summary)],
    );
    await audit("ok", `sent (attempt ${claimed.attempts})`);
    return { team, channel: kind, status: "sent", detail: `attempt ${claimed.attempts}` };
  }
  const abandoned = claimed.attempts >= MAX_ATTEMPTS;
  const next = abandoned ? null : new Date(now.getTime() + retryDelayMs(claimed.attempts));
  await db.sql.query(`UPDATE digest_send SET status = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1`, [
    claimed.id,
    abandoned ? "abandoned" : "failed",
    error,
    next,
  ]);
  const detail = abandoned
    ? `${error} Given up after ${claimed.attempts} attempts; next week's digest tries again.`
    : `${error} Attempt ${claimed.attempts} of ${MAX_ATTEMPTS}; next at ${next!.toISOString()}.`;
  await audit("failed", detail);
  return { team, channel: kind, status: abandoned ? "abandoned" : "failed", detail };
}

export type DigestSendView = {
  team: string;
  week: string;
  channel: DigestChannelKind;
  status: "sending" | "sent" | "failed" | "abandoned";
  attempts: number;
  lastError: string;
  claimedAt: Date;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
};

/** Each team and channel's latest send (this week's, or the last one before), for /settings. */
export async function listLatestSends(db: Db): Promise<DigestSendView[]> {
  const rows = await db.prisma.digestSend.findMany({
    orderBy: [{ team: "asc" }, { channel: "asc" }, { week: "desc" }],
    distinct: ["team", "channel"],
  });
  return rows.map((r) => ({
    team: r.team,
    week: r.week.toISOString().slice(0, 10),
    channel: r.channel as DigestChannelKind,
    status: r.status as DigestSendView["status"],
    attempts: r.attempts,
    lastError: r.lastError,
    claimedAt: r.claimedAt,
    nextAttemptAt: r.nextAttemptAt,
    sentAt: r.sentAt,
  }));
}
