// The SQL is built from the mapping table; here the table, read the way the SQL reads it, must agree
// with classifyTagValue and categorizeEnvironment. ./sql-postgres.test.ts runs the SQL itself.
import { describe, expect, it } from "vitest";
import { categorizeEnvironment, classifyTagValue } from "./classify";
import { DEFAULT_TAG_SETTINGS, TAG_KEYS, type TagSettings } from "@/lib/settings/tags";
import {
  toClassificationFromTable,
  toEnvironmentCategorySql,
  toResolvedValueSql,
  toStatusSql,
  toTagMappingTable,
} from "./sql";
import { RAW_VALUES, SETTINGS_CASES, toDemoTagSettings, toEditedTagSettings } from "@/testing/tag-settings";

const demo = toDemoTagSettings();
const edited = toEditedTagSettings();

describe.each(SETTINGS_CASES)("mapping table with %s", (_label, settings) => {
  it.each(TAG_KEYS)("%s: same status and value as classifyTagValue for every raw value", (key) => {
    const table = toTagMappingTable(key, settings);
    for (const raw of RAW_VALUES) {
      const { status, value } = toClassificationFromTable(table, raw);
      expect({ raw, status, value }).toEqual({ raw, ...pick(classifyTagValue(key, raw, settings)) });
    }
  });

  it("environment: same category as categorizeEnvironment for every raw value", () => {
    const table = toTagMappingTable("environment", settings);
    for (const raw of RAW_VALUES) {
      expect({ raw, category: toClassificationFromTable(table, raw).category }).toEqual({
        raw,
        category: categorizeEnvironment(raw, settings),
      });
    }
  });
});

describe("generated SQL", () => {
  it("has the same text whatever the settings, so it can be prepared once", () => {
    const build = (settings: TagSettings) => {
      const params: unknown[] = [];
      const sql = [
        toStatusSql("t.env", "environment", settings, params),
        toResolvedValueSql("t.env", "environment", settings, params),
        toEnvironmentCategorySql("t.env", settings, params),
      ];
      return { sql, count: params.length };
    };
    expect(build(DEFAULT_TAG_SETTINGS)).toEqual(build(edited));
  });

  it("numbers its placeholders after the caller's parameters", () => {
    const params: unknown[] = ["2026-01-01", "2026-02-01"];
    const sql = toResolvedValueSql("c.department", "department", demo, params);
    expect(sql).toContain("$3");
    expect(sql).not.toMatch(/\$[12]\b/);
    expect(params.slice(2)).toEqual([" \t\n\r\f\v", [], []]);
  });
});

function pick(c: { status: string; value: string | null }) {
  return { status: c.status, value: c.value };
}
