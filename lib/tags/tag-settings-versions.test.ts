// Lost updates: edits from pages opened at the same settings version; the second is refused and loses nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { getStampedTagSettings } from "@/lib/settings/store";
import { saveTagSettingsEdit } from "./tag-settings-edit";

describe.each(testDatabases())("tag rule edits from two pages on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(() => db.sql.exec("DELETE FROM setting"));

  it("tag rule edits: two edits from pages opened at the same version, the second is refused and nothing of the first is lost", async () => {
    const opened = (await getStampedTagSettings(db)).stamp.version;
    const [a, b] = await Promise.allSettled([
      saveTagSettingsEdit(
        db,
        { op: "add-allowed", key: "department", value: "payments" },
        { expectedVersion: opened, by: "ana@example.com" },
      ),
      saveTagSettingsEdit(
        db,
        { op: "add-allowed", key: "department", value: "video" },
        { expectedVersion: opened, by: "bo@example.com" },
      ),
    ]);
    expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
    const kept = a.status === "fulfilled" ? "payments" : "video";
    expect((await getStampedTagSettings(db)).settings.allowed.department).toEqual([kept]);
    // After a reload (the new version) the second person's edit lands on top of the first.
    const reloaded = (await getStampedTagSettings(db)).stamp.version;
    await saveTagSettingsEdit(
      db,
      { op: "add-allowed", key: "department", value: kept === "payments" ? "video" : "payments" },
      { expectedVersion: reloaded, by: "bo@example.com" },
    );
    expect((await getStampedTagSettings(db)).settings.allowed.department.toSorted()).toEqual(["payments", "video"]);
  });
});
