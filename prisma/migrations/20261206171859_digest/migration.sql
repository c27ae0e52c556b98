-- The weekly digest: where each team's goes, and what each send did.
-- digest_channel: one row per team that gets a digest, set by an admin on /settings.
--   slack_webhook_url is a secret (whoever holds it can post to the channel): shown back masked only, never
--   logged, never written to the audit trail. email_recipients: validated addresses (NULL or empty: none).
CREATE TABLE "digest_channel" (
    "team" TEXT NOT NULL,
    "slack_webhook_url" TEXT,
    "email_recipients" TEXT[],
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "digest_channel_pkey" PRIMARY KEY ("team")
);

-- digest_send: one row per team, week and channel, whatever the number of replicas or commands that try: the
-- unique key makes the row the claim, and a sender takes it with one conditional UPDATE, so a digest goes out
-- at most once a week per channel. week = the Monday (UTC) of the week the digest covers.
-- status: sending (claimed; claimed_at says since when) | sent | failed (retried from next_attempt_at)
--   | abandoned (the retries ran out; shown on /settings until next week's digest).
-- open_keys: the open recommendations the digest listed (container keys), so next week's can say what is new.
-- summary: the figures it sent (counts and cents), for /settings and for people checking a message.
CREATE TABLE "digest_send" (
    "id" SERIAL NOT NULL,
    "team" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT NOT NULL DEFAULT '',
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "next_attempt_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "open_keys" JSONB NOT NULL DEFAULT '[]',
    "summary" JSONB,
    CONSTRAINT "digest_send_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "digest_send_channel_check" CHECK ("channel" IN ('slack', 'email')),
    CONSTRAINT "digest_send_status_check" CHECK ("status" IN ('sending', 'sent', 'failed', 'abandoned'))
);
CREATE UNIQUE INDEX "digest_send_team_week_channel_key" ON "digest_send"("team", "week", "channel");
