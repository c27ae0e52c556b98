import { afterEach, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { getTagSettings, saveTagSettings } from "@/lib/settings/store";
import { DEMO_DEPARTMENTS, DEMO_ENVIRONMENTS, seedDemoTagSettings } from "./demo-settings";

describe.each(testDatabases())("seedDemoTagSettings on $name", ({ create }) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it("seeds the demo company's allowed lists once, and never over a person's edits", async () => {
    db = await create();
    expect(await seedDemoTagSettings(db)).toBe(true);
    const seeded = await getTagSettings(db);
    expect(seeded.allowed).toEqual({ department: DEMO_DEPARTMENTS, environment: DEMO_ENVIRONMENTS });
    expect(seeded.categories.production).toBe("customer-serving");

    await saveTagSettings(db, { ...seeded, allowed: { ...seeded.allowed, department: ["platform"] } });
    expect(await seedDemoTagSettings(db)).toBe(false);
    expect((await getTagSettings(db)).allowed.department).toEqual(["platform"]);
  });
});
