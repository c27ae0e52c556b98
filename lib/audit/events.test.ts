import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { listAuditEvents, recordAuditEvent } from "./events";

describe.each(testDatabases())("audit trail on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());

  it("records who changed what, with before and after, and reads it back newest first with filters", async () => {
    await recordAuditEvent(db, {
      actor: "ana@example.com",
      action: "settings.tags.save",
      target: "tags",
      before: { allowed: ["prod"] },
      after: { allowed: ["prod", "dev"] },
    });
    await recordAuditEvent(db, {
      actor: "bob@example.com",
      action: "initiative.create",
      target: "7",
      after: { id: 7 },
    });
    await recordAuditEvent(db, {
      actor: "eve@example.com",
      action: "access.refused",
      target: "/api/export/spend?department=payments",
      outcome: "refused",
      detail: "department:marketing only",
    });

    const all = await listAuditEvents(db);
    expect(all.map((e) => e.action)).toEqual(["access.refused", "initiative.create", "settings.tags.save"]);
    const save = all[2]!;
    expect(save).toMatchObject({ actor: "ana@example.com", target: "tags", outcome: "ok" });
    expect(save.before).toEqual({ allowed: ["prod"] });
    expect(save.after).toEqual({ allowed: ["prod", "dev"] });
    expect(all[1]!.before).toBeUndefined();

    expect((await listAuditEvents(db, { action: "settings" })).map((e) => e.actor)).toEqual(["ana@example.com"]);
    expect((await listAuditEvents(db, { action: "settings.tag" })).length).toBe(0);
    expect((await listAuditEvents(db, { outcome: "refused" })).map((e) => e.detail)).toEqual([
      "department:marketing only",
    ]);
    expect((await listAuditEvents(db, { actor: "bob@example.com", limit: 1 })).length).toBe(1);
    expect(await listAuditEvents(db, { from: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it("clips a hostile 1 MB actor or detail instead of storing it whole", async () => {
    await recordAuditEvent(db, { actor: "x".repeat(1_000_000), action: "auth.sign-in", detail: "y".repeat(50_000) });
    const [last] = await listAuditEvents(db, { action: "auth" });
    expect(last!.actor.length).toBeLessThanOrEqual(2_001);
    expect(last!.detail.length).toBeLessThanOrEqual(2_001);
  });
});
