// /settings' digest section as its one read answers it: channels with the webhook masked, the last send of each
// channel with its failure, the mail server without its password — and no secret anywhere in the answer.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/events";
import { recordChange } from "@/lib/access/access";
import { parseConfig } from "@/lib/config";
import { digestChannelFormSchema, saveDigestChannel } from "@/lib/digest/channels";
import { runDigests } from "@/lib/digest/run";
import { ALL_GRANTS, NO_GRANTS } from "@/lib/roles";
import { saveRightsizingSettings } from "@/lib/settings/store";
import { testDatabases, type TestDb } from "@/testing/databases";
import { startWebhookReceiver, type WebhookReceiver } from "@/testing/digest-receivers";
import { insertContainers } from "@/testing/rightsizing-seed";
import { TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { getSettingsPage } from "./settings";

const admin = { identity: { email: "admin@example.com", groups: [], via: "local" as const }, grants: ALL_GRANTS };
const config = parseConfig({
  COSTWISE_DIGEST_ALLOW_LOOPBACK: "true",
  DIGEST_SCHEDULE: "mon 08:00",
  SMTP_HOST: "smtp.example.com",
  SMTP_USER: "digest-bot",
  SMTP_PASSWORD: "smtp-secret-Pa55word",
  SMTP_FROM: "costwise@example.com",
});

let webhook: WebhookReceiver;
beforeAll(async () => {
  webhook = await startWebhookReceiver();
});
afterAll(() => webhook.close());

describe.each(testDatabases())("the digest on /settings ($name)", ({ create }) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await create();
    await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    await insertContainers(db.sql, TEST_TEAMS);
  });
  afterEach(() => db.drop());

  it("shows the webhook masked, a failing receiver's error and next attempt, and no secret", async () => {
    const form = digestChannelFormSchema({ allowLoopback: true }).parse({
      team: "payments",
      slackWebhookUrl: webhook.url,
      emailRecipients: "",
    });
    const { before, after } = await saveDigestChannel(db, form, "admin@example.com");
    await recordChange(db, admin, { action: "settings.digest.save", target: "payments", before, after });
    webhook.answer.status = 403;
    webhook.answer.body = "invalid_token";
    try {
      await runDigests({ db, config, now: new Date("2026-12-07T09:00:00Z"), trigger: "schedule", log: () => {} });
    } finally {
      webhook.answer.status = 200;
    }

    const page = await getSettingsPage(db, admin, config);
    expect(page.digest.teams).toEqual(["payments", "video"]);
    expect(page.digest.channels).toMatchObject([
      { team: "payments", slackWebhook: `https://${new URL(webhook.url).host}/…${webhook.secret.slice(-4)}` },
    ]);
    expect(page.digest.sends).toMatchObject([
      {
        team: "payments",
        channel: "slack",
        status: "failed",
        attempts: 1,
        nextAttemptAt: new Date("2026-12-07T09:05:00Z"),
      },
    ]);
    expect(page.digest.sends[0]!.lastError).toMatch(/answered HTTP 403 \(invalid_token\)/);
    expect(page.digest.smtp).toEqual({
      host: "smtp.example.com",
      port: 587,
      tls: "starttls",
      from: "costwise@example.com",
      user: "digest-bot",
      hasPassword: true,
    });
    const audit = await listAuditEvents(db);
    expect(audit.map((e) => e.action).sort()).toEqual(["digest.send", "settings.digest.save"]);
    for (const text of [JSON.stringify(page), JSON.stringify(audit)]) {
      expect(text).not.toContain(webhook.secret);
      expect(text).not.toContain("smtp-secret");
    }
  });

  it("keeps the saved webhook when the field is left empty, and removes it when asked", async () => {
    const schema = digestChannelFormSchema({ allowLoopback: true });
    await saveDigestChannel(db, schema.parse({ team: "video", slackWebhookUrl: webhook.url }), "a");
    const kept = await saveDigestChannel(db, schema.parse({ team: "video", emailRecipients: "v@example.com" }), "a");
    expect(kept.after).toMatchObject({ slackWebhook: expect.stringMatching(/…/), emailRecipients: ["v@example.com"] });
    const removed = await saveDigestChannel(
      db,
      schema.parse({ team: "video", removeSlackWebhook: "on", emailRecipients: "" }),
      "a",
    );
    expect(removed.after).toBeNull(); // nothing left: the team gets no digest
    expect(await db.prisma.digestChannel.count()).toBe(0);
  });

  it("is refused to anyone but an admin", async () => {
    const viewer = {
      identity: { email: "v@example.com", groups: [], via: "local" as const },
      grants: { ...NO_GRANTS, viewer: true },
    };
    await expect(getSettingsPage(db, viewer, config)).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("the form refuses hostile input", () => {
  const schema = digestChannelFormSchema({ allowLoopback: false });
  it.each([
    [{ team: "t", slackWebhookUrl: "http://127.0.0.1:9/x" }, "slackWebhookUrl"],
    [{ team: "t", slackWebhookUrl: "https://169.254.169.254/latest" }, "slackWebhookUrl"],
    [{ team: "t", emailRecipients: "a@example.com\r\nBcc: x@example.com" }, "emailRecipients"],
    [{ team: "", emailRecipients: "a@example.com" }, "team"],
  ])("%o → a problem under %s", (values, field) => {
    const result = schema.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
