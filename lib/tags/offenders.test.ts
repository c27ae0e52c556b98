// Offenders against real databases: each missing tag and value not allowed with its spend, services,
// accounts and suggestion, largest first. (The export that writes them: lib/exports/tags.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { compareMoney } from "@/lib/money";
import { getTagSettings, saveTagSettings } from "@/lib/settings/store";
import { hasComplianceData, listTagOffenders } from "./offenders";
import type { TagsQuery } from "./tags-query";
import { insertDetailRows, insertTaggedRows } from "@/testing/tag-cost-rows";
import { toDemoTagSettings } from "@/testing/tag-settings";

const QUERY: TagsQuery = { from: "2026-10-01", to: "2026-12-01", metric: "amortized" };

describe.each(testDatabases())("tag offenders on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await insertTaggedRows(db);
    await insertDetailRows(db);
    await saveTagSettings(db, toDemoTagSettings());
  });
  afterAll(async () => db?.drop());

  it("lists each missing tag and value not allowed, largest spend first, with suggestions", async () => {
    const offenders = await listTagOffenders(db, QUERY, await getTagSettings(db));
    const summary = offenders.map((o) => [o.key, o.value, o.problem, o.aliasOf, o.suggestion]);
    expect(summary).toEqual([
      ["environment", "Prod", "not-allowed", "production", null], // 30.005, already aliased
      ["department", "Platform", "not-allowed", null, "platform"], // 20.10 (September's 1000 is outside the range)
      ["project", null, "missing", null, null], // 7.25 + 5 ("" and " " are both untagged)
      ["department", "fin", "not-allowed", null, "finance"], // 11.11
      ["department", null, "missing", null, null], // 7.25
      ["environment", "Production ", "not-allowed", null, "production"], // 5
      ["environment", null, "missing", null, null], // 3.3333333333
    ]);
    const spend = offenders.map((o) => o.spend);
    ["30.005", "20.10", "12.25", "11.11", "7.25", "5", "3.3333333333"].forEach((expected, i) => {
      expect(compareMoney(spend[i] ?? "", expected), `${spend[i]} = ${expected}`).toBe(0);
    });
  });

  it("says where the spend comes from, and when that dataset was not synced", async () => {
    const offenders = await listTagOffenders(db, QUERY, await getTagSettings(db));
    const platform = offenders.find((o) => o.key === "department" && o.value === "Platform");
    expect(platform?.services?.map((s) => s.service)).toEqual([
      "Amazon Elastic Compute Cloud - Compute",
      "AmazonCloudWatch",
    ]);
    expect(platform?.accounts?.map((a) => [a.accountId, a.name])).toEqual([["333333333333", "costwise-shared"]]);
    const fin = offenders.find((o) => o.key === "department" && o.value === "fin");
    expect(fin?.accounts?.map((a) => a.name)).toEqual(["costwise-prod", "costwise-staging"]);
    const untagged = offenders.find((o) => o.key === "department" && o.value === null);
    expect(untagged?.services?.map((s) => s.service)).toEqual(["Tax"]);
    // No environment,service or project,account rows were inserted: unknown, not "none".
    expect(offenders.find((o) => o.key === "environment")?.services).toBeNull();
    expect(offenders.find((o) => o.key === "project")?.accounts).toBeNull();
  });

  it("tells a range without data apart from a range without offenders", async () => {
    expect(await hasComplianceData(db, QUERY)).toBe(true);
    const empty = { ...QUERY, from: "2024-01-01", to: "2024-02-01" };
    expect(await hasComplianceData(db, empty)).toBe(false);
    expect(await listTagOffenders(db, empty, await getTagSettings(db))).toEqual([]);
  });
});
