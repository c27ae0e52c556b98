// The tag offenders export against real databases: one CSV row per tag key, value and problem under the
// CSV contract, JSON with the same offenders, and a clear refusal for bad options or a range without data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL_SCOPE } from "@/lib/access/access";
import { parseCsv } from "@/lib/csv";
import { saveTagSettings } from "@/lib/settings/store";
import type { TagsQuery } from "@/lib/tags/tags-query";
import { testDatabases, type TestDb } from "@/testing/databases";
import { insertDetailRows, insertTaggedRows } from "@/testing/tag-cost-rows";
import { toDemoTagSettings } from "@/testing/tag-settings";
import { tagsExport } from "./tags";

const QUERY: TagsQuery = { from: "2026-10-01", to: "2026-12-01", metric: "amortized" };
const NOW = new Date("2026-11-26T12:00:00Z");

describe.each(testDatabases())("tag offenders export on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await insertTaggedRows(db);
    await insertDetailRows(db);
    await saveTagSettings(db, toDemoTagSettings());
  });
  afterAll(async () => db?.drop());

  it("exports one CSV row per tag key, value and problem, with (untagged) for a missing tag", async () => {
    const out = await tagsExport.run({ from: QUERY.from, to: QUERY.to }, { db, now: NOW, scope: FULL_SCOPE });
    expect(out.filename).toBe("tag-offenders-2026-10-01-2026-12-01.csv");
    const [header, ...rows] = parseCsv(String(out.body));
    expect(header).toEqual([
      "period_start",
      "period_end",
      "tag_key",
      "value",
      "problem",
      "alias_of",
      "suggestion",
      "spend_usd",
      "services",
      "accounts",
    ]);
    expect(rows).toHaveLength(7);
    expect(rows[1]).toEqual([
      "2026-10-01",
      "2026-12-01",
      "department",
      "Platform",
      "not allowed",
      "",
      "platform",
      "20.10",
      "Amazon Elastic Compute Cloud - Compute; AmazonCloudWatch",
      "costwise-shared (333333333333)",
    ]);
    expect(rows.find((r) => r[2] === "department" && r[4] === "missing")?.[3]).toBe("(untagged)");
    expect(rows.find((r) => r[3] === "Production ")).toBeDefined(); // trailing space kept (quoted in the file)
    const json = JSON.parse(
      String(
        (await tagsExport.run({ from: QUERY.from, to: QUERY.to, format: "json" }, { db, now: NOW, scope: FULL_SCOPE }))
          .body,
      ),
    );
    expect(json.offenders).toHaveLength(7);
  });

  it("refuses bad options with a message", async () => {
    await expect(
      tagsExport.run({ from: "2026-10-01", to: "2026-09-01" }, { db, now: NOW, scope: FULL_SCOPE }),
    ).rejects.toMatchObject({
      kind: "bad-input",
    });
    await expect(tagsExport.run({ format: "xlsx" }, { db, now: NOW, scope: FULL_SCOPE })).rejects.toThrow(
      'format must be csv or json (got "xlsx").',
    );
    // A range without data is not an empty list of offenders.
    await expect(
      tagsExport.run({ from: "2024-01-01", to: "2024-02-01" }, { db, now: NOW, scope: FULL_SCOPE }),
    ).rejects.toMatchObject({
      kind: "not-found",
    });
  });
});
