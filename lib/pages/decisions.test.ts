import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/access/access";
import { listAuditEvents } from "@/lib/audit/events";
import { AppError } from "@/lib/errors";
import { tableQuerySchema } from "@/lib/rightsizing/table-query";
import { checkDecisions, listDecisions, toRowKey } from "@/lib/rightsizing/decisions-store";
import { saveRightsizingSettings } from "@/lib/settings/store";
import { NO_GRANTS, type Grants } from "@/lib/roles";
import { testDatabases, type TestDb } from "@/testing/databases";
import { insertContainers } from "@/testing/rightsizing-seed";
import { TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { MiB } from "@/testing/container-usage";
import { readDecisions, recordDecisions } from "./decisions";
import { getRightsizingPage, getTeamPage } from "./rightsizing";

const person = (email: string, grants: Partial<Grants>): Access => ({
  identity: { email, groups: [], via: "proxy" },
  grants: { ...NO_GRANTS, ...grants },
});
const PAYMENTS = person("pat@example.com", { teams: ["payments"] });
const ADMIN = person("ada@example.com", { admin: true });
const FINANCE = person("fin@example.com", { finance: true });
const VIEWER = person("vi@example.com", { viewer: true });
const NOBODY: Access = { identity: null, grants: NO_GRANTS };

const NOW = new Date("2026-11-26T12:00:00Z");
const LATER = new Date("2026-11-27T12:00:00Z");
const key = (workload: string, container: string, over: Record<string, string> = {}) => ({
  cluster: "prod-us-east-1",
  namespace: "payments",
  workloadKind: "Deployment",
  workload,
  container,
  ...over,
});
const APP = key("api", "app");
const SIDECAR = key("api", "istio-proxy");
const VIDEO_WEB = key("preview", "web", { cluster: "staging-us-east-1", namespace: "video" });
const UPLOADER = key("encoder", "uploader", { namespace: "video" });

async function expectError(promise: Promise<unknown>, kind: AppError["kind"], message?: RegExp) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).kind).toBe(kind);
  if (message) expect((err as AppError).message).toMatch(message);
}

async function setRequests(db: TestDb, k: typeof APP, cpu: number, memory: number) {
  await db.sql.query(
    `UPDATE k8s_container SET cpu_request = $1, memory_request = $2
      WHERE cluster = $3 AND namespace = $4 AND workload_kind = $5 AND workload = $6 AND container = $7`,
    [cpu, memory, k.cluster, k.namespace, k.workloadKind, k.workload, k.container],
  );
}

describe.each(testDatabases())("decisions on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    await insertContainers(db.sql, TEST_TEAMS);
  });
  afterAll(() => db.drop());

  it("a team member accepts and rejects with a reason; who and when are kept and audited", async () => {
    const accepted = await recordDecisions(
      db,
      PAYMENTS,
      { team: "payments", decision: "accepted", containers: [APP] },
      NOW,
    );
    expect(accepted.decisions).toMatchObject([
      {
        ...APP,
        team: "payments",
        decision: "accepted",
        decidedBy: "pat@example.com",
        decidedAt: NOW.toISOString(),
        before: { cpu: 1000, memory: 1024 * MiB },
        recommended: { cpu: 480, memory: 460 * MiB },
        monthlySavingUsd: "17.19",
        state: "waiting",
      },
    ]);
    await recordDecisions(
      db,
      PAYMENTS,
      { team: "payments", decision: "rejected", reason: "mesh sidecar, tuned by platform", containers: [SIDECAR] },
      NOW,
    );
    const events = await listAuditEvents(db, { action: "rightsizing" });
    expect(events.map((e) => [e.action, e.actor, e.outcome])).toEqual(
      expect.arrayContaining([
        ["rightsizing.accept", "pat@example.com", "ok"],
        ["rightsizing.reject", "pat@example.com", "ok"],
      ]),
    );
  });

  it("a rejected row leaves the open savings and is counted apart as declined", async () => {
    const page = await getTeamPage(db, PAYMENTS, "payments", tableQuerySchema.parse({}), NOW);
    expect(page.canDecide).toBe(true);
    expect(page.decisions[toRowKey(SIDECAR)]).toMatchObject({
      status: "declined",
      reason: "mesh sidecar, tuned by platform",
    });
    expect(page.decisions[toRowKey(APP)]).toMatchObject({ status: "accepted" });
    // app (accepted, still to do) 1719 stays open; the sidecar's 142 is declined; the HPA row is in neither.
    expect(page.review).toMatchObject({ openCents: 1719, declinedCents: 142, realizedCents: 0 });
    expect(page.totals.savings.netCents).toBe(1861);
    // Readers see the decisions but cannot make them.
    expect((await getTeamPage(db, FINANCE, "payments", tableQuerySchema.parse({}), NOW)).canDecide).toBe(false);
  });

  it.each<[string, Access, unknown, AppError["kind"], RegExp?]>([
    ["nobody signed in", NOBODY, { team: "payments", decision: "accepted", containers: [APP] }, "unauthenticated"],
    ["finance", FINANCE, { team: "payments", decision: "accepted", containers: [APP] }, "forbidden"],
    ["a viewer", VIEWER, { team: "payments", decision: "accepted", containers: [APP] }, "forbidden"],
    ["another team by name", PAYMENTS, { team: "video", decision: "accepted", containers: [VIDEO_WEB] }, "forbidden"],
    [
      "another team's container under one's own team",
      PAYMENTS,
      { team: "payments", decision: "accepted", containers: [APP, VIDEO_WEB] },
      "forbidden",
      /team "video"/,
    ],
    [
      "a forged key",
      PAYMENTS,
      { team: "payments", decision: "accepted", containers: [key("api", "no-such-container")] },
      "not-found",
      /may have gone since/,
    ],
    [
      "a key missing a part",
      PAYMENTS,
      { team: "payments", decision: "accepted", containers: [{ cluster: "x" }] },
      "bad-input",
    ],
    ["no containers", PAYMENTS, { team: "payments", decision: "accepted", containers: [] }, "bad-input"],
    ["containers not a list", PAYMENTS, { team: "payments", decision: "accepted", containers: "api" }, "bad-input"],
    ["an unknown decision", PAYMENTS, { team: "payments", decision: "approved", containers: [APP] }, "bad-input"],
    [
      "a rejection without a reason",
      PAYMENTS,
      { team: "payments", decision: "rejected", containers: [APP] },
      "bad-input",
      /reason is required/,
    ],
    [
      "a huge reason",
      PAYMENTS,
      { team: "payments", decision: "rejected", reason: "x".repeat(501), containers: [APP] },
      "bad-input",
      /at most 500/,
    ],
    [
      "a snooze in the past",
      PAYMENTS,
      { team: "payments", decision: "snoozed", snoozedUntil: "2026-11-01", containers: [APP] },
      "bad-input",
      /not after today/,
    ],
    [
      "a snooze for today",
      PAYMENTS,
      { team: "payments", decision: "snoozed", snoozedUntil: "2026-11-26", containers: [APP] },
      "bad-input",
    ],
    [
      "a snooze years ahead",
      PAYMENTS,
      { team: "payments", decision: "snoozed", snoozedUntil: "2030-01-01", containers: [APP] },
      "bad-input",
      /at most a year/,
    ],
    [
      "a snooze date that is not a date",
      PAYMENTS,
      { team: "payments", decision: "snoozed", snoozedUntil: "soon", containers: [APP] },
      "bad-input",
    ],
    ["a body that is not an object", PAYMENTS, "accept everything", "bad-input"],
  ])("refuses %s, and writes nothing", async (_label, access, body, kind, message) => {
    const before = await listDecisions(db, { teams: null });
    await expectError(recordDecisions(db, access, body, NOW), kind, message);
    expect(await listDecisions(db, { teams: null })).toEqual(before);
  });

  it("records the refusals of people who may not decide there", async () => {
    const refused = await listAuditEvents(db, { action: "access.refused" });
    expect(refused.map((e) => e.actor)).toEqual(
      expect.arrayContaining(["fin@example.com", "vi@example.com", "pat@example.com"]),
    );
    expect(refused.some((e) => e.detail?.includes("team video is outside the grants"))).toBe(true);
  });

  it("a row without a recommendation cannot be decided on; an admin decides for any team", async () => {
    await expectError(
      recordDecisions(db, ADMIN, { team: "video", decision: "accepted", containers: [UPLOADER] }, NOW),
      "bad-input",
      /no recommendation/,
    );
    const snoozed = await recordDecisions(
      db,
      ADMIN,
      { team: "video", decision: "snoozed", snoozedUntil: "2026-11-27", containers: [VIDEO_WEB] },
      NOW,
    );
    expect(snoozed.decisions[0]).toMatchObject({
      decision: "snoozed",
      snoozedUntil: "2026-11-27",
      decidedBy: "ada@example.com",
    });
    // Snoozed today, open again on the day named.
    const [today] = await readDecisions(db, ADMIN, { team: "video", now: NOW });
    expect(today).toMatchObject({ status: "snoozed" });
    const [tomorrow] = await readDecisions(db, ADMIN, { team: "video", now: LATER });
    expect(tomorrow).toMatchObject({ status: "open", reopened: "snooze-expired" });
  });

  it("reads are scoped: a team member reads their team's decisions only", async () => {
    const mine = await readDecisions(db, PAYMENTS, { now: NOW });
    expect(new Set(mine.map((d) => d.team))).toEqual(new Set(["payments"]));
    await expectError(readDecisions(db, PAYMENTS, { team: "video", now: NOW }), "forbidden");
    expect((await readDecisions(db, FINANCE, { now: NOW })).map((d) => d.team).sort()).toEqual([
      "payments",
      "payments",
      "video",
    ]);
  });

  it("after a sync: requests at the recommendation → applied and priced; raised again → drifted", async () => {
    await checkDecisions(db, NOW);
    expect((await readDecisions(db, PAYMENTS, { now: NOW })).find((d) => d.container === "app")).toMatchObject({
      status: "accepted",
      checkedAt: NOW.toISOString(),
    });
    await setRequests(db, APP, 480, 460 * MiB);
    expect(await checkDecisions(db, NOW)).toEqual({ checked: 1, changed: 1 });
    const applied = (await readDecisions(db, PAYMENTS, { now: NOW })).find((d) => d.container === "app");
    // The same arithmetic as the table: (0.52 vCPU × $0.04 + 564/1024 GiB × $0.005) × 730 h = $17.19.
    expect(applied).toMatchObject({ status: "applied", appliedAt: NOW.toISOString(), realizedMonthlyUsd: "17.19" });
    const overview = await getRightsizingPage(db, FINANCE, {}, NOW);
    expect(overview.realizedCents).toBe(1719);
    expect(overview.reviews.find((r) => r.team === "payments")).toMatchObject({
      realizedCents: 1719,
      firstAppliedDay: "2026-11-26",
    });

    await setRequests(db, APP, 1000, 1024 * MiB);
    await checkDecisions(db, LATER);
    const drifted = (await readDecisions(db, PAYMENTS, { now: LATER })).find((d) => d.container === "app");
    expect(drifted).toMatchObject({ status: "drifted", appliedAt: NOW.toISOString(), driftedAt: LATER.toISOString() });
    // A drifted row saves nothing any more: it is back in the open savings, not in the realized ones.
    expect((await getRightsizingPage(db, FINANCE, {}, LATER)).realizedCents).toBe(0);
  });

  it("a recommendation that moves more than the setting reopens a rejected row", async () => {
    // p95 × 1.2 → × 1.6 moves the sidecar's CPU from 60m to 80m (+33%): reopened at 20%, still declined at 50%.
    await saveRightsizingSettings(db, { ...TEST_PRICING_SETTINGS, cpuP95Multiplier: 1.6 });
    const sidecar = async () =>
      (await readDecisions(db, PAYMENTS, { now: NOW })).find((d) => d.container === "istio-proxy");
    expect(await sidecar()).toMatchObject({ status: "open", reopened: "recommendation-changed" });
    await saveRightsizingSettings(db, { ...TEST_PRICING_SETTINGS, cpuP95Multiplier: 1.6, reopenChangePct: 50 });
    expect(await sidecar()).toMatchObject({ status: "declined" });
  });

  it("reopen clears the decision", async () => {
    const done = await recordDecisions(
      db,
      PAYMENTS,
      { team: "payments", decision: "clear", containers: [SIDECAR] },
      NOW,
    );
    expect(done.cleared).toBe(1);
    expect((await listDecisions(db, { teams: ["payments"] })).map((d) => d.container)).toEqual(["app"]);
  });
});
