// Lost updates: two people save the same settings document from pages opened at the same version. The check is
// in the write itself, so the second save is refused, names who saved, and loses nothing of the first.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { SettingConflictError, getStampedRightsizingSettings, saveRightsizingSettings } from "./store";
import { getStampedOpportunitySettings, saveOpportunitySettings, DEFAULT_OPPORTUNITY_SETTINGS } from "./opportunities";

describe.each(testDatabases())("settings saves on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(() => db.sql.exec("DELETE FROM setting; DELETE FROM savings_initiative"));

  it("lets one of two concurrent first saves land; the other is refused naming who saved", async () => {
    const results = await Promise.allSettled([
      saveRightsizingSettings(db, { windowDays: 7 }, { expectedVersion: 0, by: "ana@example.com" }),
      saveRightsizingSettings(db, { windowDays: 21 }, { expectedVersion: 0, by: "bo@example.com" }),
    ]);
    const won = results.findIndex((r) => r.status === "fulfilled");
    const lost = results.find((r) => r.status === "rejected");
    expect(won).toBeGreaterThanOrEqual(0);
    expect(lost?.status === "rejected" && lost.reason).toBeInstanceOf(SettingConflictError);
    const winner = won === 0 ? { by: "ana@example.com", days: 7 } : { by: "bo@example.com", days: 21 };
    const { settings, stamp } = await getStampedRightsizingSettings(db);
    expect(settings.windowDays).toBe(winner.days);
    expect(stamp).toMatchObject({ version: 1, updatedBy: winner.by });
  });

  it("refuses a save from a page opened before another save, and keeps the other save whole", async () => {
    await saveRightsizingSettings(db, { windowDays: 7 }, { expectedVersion: 0, by: "ana@example.com" });
    // Both open /settings at version 1; Ana saves first.
    await saveRightsizingSettings(db, { windowDays: 10 }, { expectedVersion: 1, by: "ana@example.com" });
    const stale = saveRightsizingSettings(db, { windowDays: 30 }, { expectedVersion: 1, by: "bo@example.com" });
    await expect(stale).rejects.toThrow(
      /^These settings were changed by ana@example\.com at \d{4}-\d\d-\d\d \d\d:\d\d UTC since you opened this page, so yours were not saved\. Reload/,
    );
    await expect(stale).rejects.toMatchObject({ kind: "conflict" });
    const { settings, stamp } = await getStampedRightsizingSettings(db);
    expect(settings.windowDays).toBe(10);
    expect(stamp).toMatchObject({ version: 2, updatedBy: "ana@example.com" });
  });

  it("lets exactly one of many concurrent saves at the same version land", async () => {
    await saveRightsizingSettings(db, { windowDays: 7 }, { expectedVersion: 0, by: "setup" });
    const people = Array.from({ length: 8 }, (_, i) => i);
    const results = await Promise.allSettled(
      people.map((i) =>
        saveRightsizingSettings(db, { windowDays: 10 + i }, { expectedVersion: 1, by: `p${i}@example.com` }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof SettingConflictError)).toHaveLength(7);
    const winner = results.findIndex((r) => r.status === "fulfilled");
    const { settings, stamp } = await getStampedRightsizingSettings(db);
    expect(settings.windowDays).toBe(10 + winner);
    expect(stamp.version).toBe(2);
  });

  it("opportunity settings are versioned the same way", async () => {
    const { stamp } = await getStampedOpportunitySettings(db);
    await saveOpportunitySettings(
      db,
      { ...DEFAULT_OPPORTUNITY_SETTINGS, readSharePercent: 12 },
      { expectedVersion: stamp.version, by: "ana@example.com" },
    );
    await expect(
      saveOpportunitySettings(
        db,
        { ...DEFAULT_OPPORTUNITY_SETTINGS, readSharePercent: 50 },
        { expectedVersion: stamp.version, by: "bo@example.com" },
      ),
    ).rejects.toBeInstanceOf(SettingConflictError);
    expect((await getStampedOpportunitySettings(db)).settings.readSharePercent).toBe(12);
  });

  it("tells the saving form the version it wrote, so its next save is checked against that one", async () => {
    const wrote: number[] = [];
    const onSaved = (v: number) => wrote.push(v);
    await saveRightsizingSettings(db, { windowDays: 7 }, { expectedVersion: 0, by: "ana@example.com", onSaved });
    await saveRightsizingSettings(db, { windowDays: 8 }, { expectedVersion: wrote[0], by: "ana@example.com", onSaved });
    expect(wrote).toEqual([1, 2]);
    await expect(
      saveRightsizingSettings(db, { windowDays: 9 }, { expectedVersion: 1, by: "bo@example.com", onSaved }),
    ).rejects.toBeInstanceOf(SettingConflictError);
    expect(wrote).toEqual([1, 2]); // a refused save wrote nothing and told nothing
  });

  it("the command line (no expected version) saves over whatever is stored and bumps the version", async () => {
    await saveRightsizingSettings(db, { windowDays: 7 }, { expectedVersion: 0, by: "ana@example.com" });
    await saveRightsizingSettings(db, { windowDays: 9 });
    expect((await getStampedRightsizingSettings(db)).stamp).toMatchObject({ version: 2, updatedBy: null });
  });
});
