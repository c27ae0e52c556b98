// The weekly digest end to end on a real database: the team's figures from the same read as its page, sent to a
// webhook receiver and an SMTP server on loopback; once per week and channel even with two senders at once; a
// failing receiver retried later; a dry run that sends and records nothing; no secret in logs or the audit trail.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/events";
import type { Config } from "@/lib/config";
import { applyMigrations } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";
import type { Db } from "@/lib/db/types";
import { getTeamRightsizing } from "@/lib/rightsizing/read";
import { tableQuerySchema } from "@/lib/rightsizing/table-query";
import { saveRightsizingSettings } from "@/lib/settings/store";
import { createEmptyPostgresDatabase, testDatabases, type TestDb } from "@/testing/databases";
import {
  startSmtpReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type WebhookReceiver,
} from "@/testing/digest-receivers";
import { insertContainers } from "@/testing/rightsizing-seed";
import { makeUsage } from "@/testing/container-usage";
import { TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { guardedLookup, postWebhook } from "./deliver";
import { formatSavingCents } from "./render";
import { MAX_ATTEMPTS, listLatestSends, runDigests } from "./run";

// Monday 7 December 2026, 09:00 UTC: the digest of the week of 2026-12-07 is due from 08:00.
const MONDAY = new Date("2026-12-07T09:00:00Z");
const minutes = (n: number) => new Date(MONDAY.getTime() + n * 60_000);

let webhook: WebhookReceiver;
let smtp: SmtpReceiver;
beforeAll(async () => {
  [webhook, smtp] = await Promise.all([startWebhookReceiver(), startSmtpReceiver()]);
});
afterAll(async () => {
  await Promise.all([webhook.close(), smtp.close()]);
});
beforeEach(() => {
  webhook.received.length = 0;
  webhook.answer.status = 200;
  webhook.answer.body = "ok";
  smtp.messages.length = 0;
  smtp.refuse.code = 0;
});

function makeConfig(): Pick<Config, "digest"> & { auth: Pick<Config["auth"], "url"> } {
  return {
    auth: { url: "https://costwise.example.com" },
    digest: {
      schedule: { weekday: "mon", hour: 8, minute: 0 },
      allowLoopback: true,
      smtp: {
        host: "127.0.0.1",
        port: smtp.port,
        tls: "none",
        user: "digest-bot",
        password: "smtp-Pa55word-never-logged",
        from: "Costwise <costwise@example.com>",
      },
    },
  };
}

async function seed(db: Db) {
  await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
  await insertContainers(db.sql, TEST_TEAMS);
  await db.prisma.digestChannel.create({
    data: {
      team: "payments",
      slackWebhookUrl: webhook.url,
      emailRecipients: ["payments-oncall@example.com", "sre@example.com"],
      updatedBy: "admin@example.com",
    },
  });
}

describe.each(testDatabases())("weekly digest ($name)", ({ create }) => {
  let db: TestDb;
  const lines: string[] = [];
  const log = (line: string) => void lines.push(line);
  beforeEach(async () => {
    db = await create();
    lines.length = 0;
    await seed(db);
  });
  afterEach(async () => {
    await db.drop();
  });

  it("sends the team's figures to the cent, as its page computes them, to Slack and by email", async () => {
    const run = await runDigests({ db, config: makeConfig(), now: MONDAY, trigger: "schedule", log });
    expect(run.outcomes.map((o) => [o.channel, o.status])).toEqual([
      ["slack", "sent"],
      ["email", "sent"],
    ]);

    // The page's own read: its net and its rows' savings, formatted as the page formats them.
    const page = await getTeamRightsizing(db, "payments", tableQuerySchema.parse({}));
    expect(page.totals.savings.netCents).toBe(1861); // worked out by hand in testing/rightsizing-teams.ts
    const slack = (webhook.received[0]!.body as { text: string }).text;
    expect(webhook.received).toHaveLength(1);
    expect(webhook.received[0]!.contentType).toMatch(/^application\/json/);
    expect(slack).toContain(`net *${formatSavingCents(page.totals.savings.netCents)}/month*`);
    expect(slack).toContain("*Open:* 3 recommendations, net *+$18.61/month*");
    // The largest open savings, largest first; the HPA-scaled worker is outside the savings totals, as on the page.
    expect(slack).toContain(
      "• `payments/api/app` (prod-us-east-1): CPU 1000m → 480m, memory 1024Mi → 460Mi — *+$17.19/month*\n• `payments/api/istio-proxy` (prod-us-east-1): CPU 100m → 60m, memory 128Mi → 58Mi — *+$1.42/month*\n*New:*",
    );
    expect(slack).toContain("first digest, so all 3 open rows are new");
    expect(slack).toContain("*Savings realized:* *$0.00/month*");
    expect(slack).toContain(
      "<https://costwise.example.com/rightsizing/payments|Open payments's recommendations in Costwise>",
    );

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(["payments-oncall@example.com", "sre@example.com"]);
    expect(mail.from).toBe("costwise@example.com");
    expect(mail.subject).toBe("Costwise weekly digest: payments — 3 open recommendations, +$18.61/month");
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(mail.decoded).toContain(
      "payments/api/app (prod-us-east-1): CPU 1000m → 480m, memory 1024Mi → 460Mi — +$17.19/month",
    );
    expect(mail.decoded).toContain("<code>payments/api/istio-proxy</code>");
    expect(mail.decoded).toContain("Team page: https://costwise.example.com/rightsizing/payments");
    expect(smtp.logins).toContainEqual({ user: "digest-bot", password: "smtp-Pa55word-never-logged" });

    const sends = await listLatestSends(db);
    expect(sends.map((s) => [s.team, s.channel, s.week, s.status, s.attempts])).toEqual([
      ["payments", "email", "2026-12-07", "sent", 1],
      ["payments", "slack", "2026-12-07", "sent", 1],
    ]);
    const audit = await listAuditEvents(db, { action: "digest" });
    expect(audit.map((e) => [e.action, e.target, e.outcome, e.actor])).toEqual(
      expect.arrayContaining([
        ["digest.send", "payments (slack)", "ok", "schedule"],
        ["digest.send", "payments (email)", "ok", "schedule"],
      ]),
    );
    // The webhook's secret path and the SMTP password are nowhere but where they are used.
    const everything = JSON.stringify(audit) + lines.join("\n") + JSON.stringify(sends);
    expect(everything).not.toContain(webhook.secret);
    expect(everything).not.toContain("smtp-Pa55word");
  });

  it("counts decisions: accepted and rejected rows are not open, an expired snooze is; applied, drifted, realized", async () => {
    const decision = (container: string, workload: string, extra: Record<string, unknown>) =>
      db.prisma.rightsizingDecision.create({
        data: {
          cluster: "prod-us-east-1",
          namespace: "payments",
          workloadKind: "Deployment",
          workload,
          container,
          team: "payments",
          decidedBy: "dev@example.com",
          recommendedCpuRequest: 480,
          recommendedMemoryRequest: 460 * 1024 * 1024,
          monthlySavingUsd: "17.19",
          decision: "accepted",
          ...extra,
        },
      });
    await decision("app", "api", {
      state: "applied",
      appliedAt: new Date("2026-12-04T10:00:00Z"),
      realizedMonthlyUsd: "17.19",
    });
    await decision("app", "worker", {
      state: "drifted",
      appliedAt: new Date("2026-11-20T10:00:00Z"),
      driftedAt: new Date("2026-12-06T10:00:00Z"),
      realizedMonthlyUsd: "5.00", // drifted: no longer counted as realized
    });
    await decision("istio-proxy", "api", { decision: "snoozed", snoozedUntil: new Date("2026-12-07T00:00:00Z") });
    await runDigests({ db, config: makeConfig(), now: MONDAY, trigger: "cli", log });
    const slack = (webhook.received[0]!.body as { text: string }).text;
    expect(slack).toContain("*Open:* 1 recommendation, net *+$1.42/month*");
    expect(slack).toContain(
      "*Applied:* 1 in all, 1 since last week\n• `payments/api/app` (prod-us-east-1), applied 2026-12-04",
    );
    expect(slack).toContain("*Drifted back:* 1\n• `payments/worker/app` (prod-us-east-1), since 2026-12-06");
    expect(slack).toContain("*Savings realized:* *+$17.19/month*");
  });

  it("sends at most once per team, week and channel, even with two senders at once", async () => {
    const config = makeConfig();
    const [a, b] = await Promise.all([
      runDigests({ db, config, now: MONDAY, trigger: "schedule", log }),
      runDigests({ db, config, now: MONDAY, trigger: "schedule", log }),
    ]);
    expect(webhook.received).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
    const statuses = [...a.outcomes, ...b.outcomes].map((o) => `${o.channel}:${o.status}`).sort();
    expect(statuses).toEqual(["email:sent", "email:skipped", "slack:sent", "slack:skipped"]);
    // Later the same week: nothing more.
    const again = await runDigests({ db, config, now: minutes(600), trigger: "cli", log });
    expect(again.outcomes.every((o) => o.status === "skipped" && o.detail.startsWith("already sent this week"))).toBe(
      true,
    );
    expect(webhook.received).toHaveLength(1);
    // Next week: a new digest.
    await runDigests({ db, config, now: minutes(7 * 24 * 60), trigger: "schedule", log });
    expect(webhook.received).toHaveLength(2);
  });

  it("waits for the week's send time when run by the schedule", async () => {
    const sunday = new Date("2026-12-06T23:00:00Z");
    const early = await runDigests({ db, config: makeConfig(), now: minutes(-90), trigger: "schedule", log });
    expect(early.outcomes).toEqual([]);
    // Sunday belongs to the previous week, whose send time has long passed.
    expect((await runDigests({ db, config: makeConfig(), now: sunday, trigger: "schedule", log })).week).toBe(
      "2026-11-30",
    );
    expect(webhook.received).toHaveLength(1);
  });

  it("retries a failing receiver later, with the failure recorded, and gives up after the last attempt", async () => {
    const config = makeConfig();
    webhook.answer.status = 500;
    webhook.answer.body = "no_service";
    const first = await runDigests({ db, config, now: MONDAY, trigger: "schedule", log });
    expect(first.outcomes.find((o) => o.channel === "slack")).toMatchObject({ status: "failed" });
    let [send] = (await listLatestSends(db)).filter((s) => s.channel === "slack");
    expect(send).toMatchObject({ status: "failed", attempts: 1 });
    expect(send!.lastError).toMatch(/^127\.0\.0\.1:\d+ answered HTTP 500 \(no_service\)\.$/);
    expect(send!.nextAttemptAt).toEqual(minutes(5));
    const failed = (await listAuditEvents(db, { action: "digest" })).find((e) => e.outcome === "failed");
    expect(failed?.detail).toContain("Attempt 1 of 5; next at 2026-12-07T09:05:00.000Z");

    // Before the retry is due: nothing is sent, and the email (which went out) is not sent again.
    const waiting = await runDigests({ db, config, now: minutes(2), trigger: "schedule", log });
    expect(waiting.outcomes.find((o) => o.channel === "slack")?.detail).toMatch(/next attempt at 2026-12-07T09:05/);
    expect(smtp.messages).toHaveLength(1);

    webhook.answer.status = 200;
    await runDigests({ db, config, now: minutes(6), trigger: "schedule", log });
    expect(webhook.received).toHaveLength(1);
    [send] = (await listLatestSends(db)).filter((s) => s.channel === "slack");
    expect(send).toMatchObject({ status: "sent", attempts: 2, lastError: "" });
  });

  it("gives up after MAX_ATTEMPTS and says so", async () => {
    const config = makeConfig();
    smtp.refuse.code = 451;
    let at = 0;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await runDigests({ db, config, now: minutes(at), trigger: "schedule", log });
      at += 12 * 60; // past every backoff, still the same week
    }
    const [email] = (await listLatestSends(db)).filter((s) => s.channel === "email");
    expect(email).toMatchObject({ status: "abandoned", attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(email!.lastError).toMatch(/The mail server 127\.0\.0\.1:\d+ refused the digest: 451/);
    const more = await runDigests({ db, config, now: minutes(at), trigger: "schedule", log });
    expect(more.outcomes.find((o) => o.channel === "email")?.detail).toMatch(/^given up after 5 attempts/);
  });

  it("dry run: builds the messages, sends nothing, records nothing", async () => {
    const run = await runDigests({ db, config: makeConfig(), now: MONDAY, trigger: "cli", dryRun: true, log });
    expect(run.dryRun).toHaveLength(1);
    expect(run.dryRun[0]!.slack.text).toContain("net *+$18.61/month*");
    expect(run.dryRun[0]!.email.subject).toContain("+$18.61/month");
    expect(webhook.received).toHaveLength(0);
    expect(smtp.messages).toHaveLength(0);
    expect(await db.prisma.digestSend.count()).toBe(0);
    expect(await listAuditEvents(db, { action: "digest" })).toEqual([]);
    // A team without a channel can still be previewed.
    const video = await runDigests({
      db,
      config: makeConfig(),
      now: MONDAY,
      trigger: "cli",
      dryRun: true,
      team: "video",
      log,
    });
    expect(video.dryRun[0]!.slack.text).toContain(
      "*Open:* 2 recommendations, net *+$9.16/month* (1 row needs more than requested)",
    );
  });

  it("says what is new since the previous digest", async () => {
    const config = makeConfig();
    await runDigests({ db, config, now: MONDAY, trigger: "schedule", log });
    await insertContainers(db.sql, [makeUsage({ workload: "ledger", container: "app" })], 2);
    await runDigests({ db, config, now: minutes(7 * 24 * 60), trigger: "schedule", log });
    const slack = (webhook.received[1]!.body as { text: string }).text;
    expect(slack).toContain("*Open:* 4 recommendations");
    expect(slack).toContain("*New since last week:* 1\n• `payments/ledger/app` (prod-us-east-1)");
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("two servers on one Postgres", () => {
  it("send a team's digest once per channel", async () => {
    const database = await createEmptyPostgresDatabase(process.env.TEST_DATABASE_URL!);
    const a = await openPostgres(database.url, { label: "replica a" });
    const b = await openPostgres(database.url, { label: "replica b" });
    try {
      await a.withSession((s) => applyMigrations(s));
      await seed(a);
      const config = makeConfig();
      const runs = await Promise.all(
        [a, b, a, b].map((db) => runDigests({ db, config, now: MONDAY, trigger: "schedule", log: () => {} })),
      );
      expect(webhook.received).toHaveLength(1);
      expect(smtp.messages).toHaveLength(1);
      expect(runs.flatMap((r) => r.outcomes).filter((o) => o.status === "sent")).toHaveLength(2);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});

describe("webhook addresses", () => {
  it.each([
    ["http://10.0.0.5/hook", /https:\/\//],
    ["https://10.0.0.5/hook", /private or internal address/],
    ["https://169.254.169.254/latest/meta-data", /private or internal address/],
    ["https://[::ffff:127.0.0.1]/x", /private or internal address/],
    ["https://kubernetes.default.svc/x", /internal host name/],
  ])("refuses %s before connecting", async (url, message) => {
    await expect(postWebhook(url, {}, { allowLoopback: false })).rejects.toThrow(message);
  });

  it("refuses loopback without the test setting", async () => {
    await expect(postWebhook(webhook.url, {}, { allowLoopback: false })).rejects.toThrow(/https:\/\//);
  });

  it("checks the address a name resolves to, on the connection itself", async () => {
    const error = await new Promise<Error | null>((resolve) =>
      guardedLookup({ allowLoopback: false })("localhost", {}, (err) => resolve(err)),
    );
    expect(error?.message).toBe("localhost resolves to a private or internal address: refused");
  });

  it("gives up on a receiver that does not answer, naming only its host", async () => {
    webhook.answer.delayMs = 2_000;
    try {
      await expect(postWebhook(webhook.url, {}, { allowLoopback: true, timeoutMs: 200 })).rejects.toThrow(
        /^127\.0\.0\.1:\d+ did not answer within 0\.2 s\.$/,
      );
    } finally {
      webhook.answer.delayMs = 0;
    }
  });
});
