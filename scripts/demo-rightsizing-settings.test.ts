import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { getRightsizingSettings, saveRightsizingSettings } from "@/lib/settings/store";
import { seedDemoRightsizingSettings } from "./demo-rightsizing-settings";

describe("seedDemoRightsizingSettings", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await testDatabases()[0]!.create();
  });
  afterAll(() => db.drop());

  it("maps the demo's namespaces to teams and clusters to environments, once", async () => {
    expect(await seedDemoRightsizingSettings(db)).toBe(true);
    const settings = await getRightsizingSettings(db);
    expect(settings.namespaceTeams).toMatchObject({ "payments-jobs": "payments", monitoring: "platform" });
    expect(settings.clusterEnvironments).toEqual({
      "prod-us-east-1": "production",
      "staging-us-east-1": "staging",
      "dev-us-east-1": "development",
    });
    await saveRightsizingSettings(db, { ...settings, idleMemoryMultiplier: 1.4 });
    expect(await seedDemoRightsizingSettings(db)).toBe(false);
    expect((await getRightsizingSettings(db)).idleMemoryMultiplier).toBe(1.4);
  });
});
