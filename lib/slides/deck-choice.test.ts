// Lost updates: edits from pages opened at the same settings version; the second is refused and loses nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { readSettingStamp } from "@/lib/settings/store";
import { saveDeckChoice } from "./deck-choice";

describe.each(testDatabases())("the deck saved from two pages on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(() => db.sql.exec("DELETE FROM setting"));

  it("a deck saved from a page opened before another save is refused, naming who saved", async () => {
    await saveDeckChoice(db, { initiatives: [] }, { expectedVersion: 0, by: "ana@example.com" });
    await expect(saveDeckChoice(db, { initiatives: [] }, { expectedVersion: 0, by: "bo@example.com" })).rejects.toThrow(
      /changed by ana@example\.com/,
    );
    expect(await readSettingStamp(db, "deck")).toMatchObject({ version: 1, updatedBy: "ana@example.com" });
  });
});
