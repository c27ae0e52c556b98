import { describe, expect, it } from "vitest";
import {
  categorizeEnvironment,
  classifyTagValue,
  listEnvironmentCategories,
  suggestAllowedValue,
  toEditDistance,
} from "./classify";
import { DEFAULT_TAG_SETTINGS, type TagKey } from "@/lib/settings/tags";
import {
  addAllowedValue,
  renameAllowedValue,
  setEnvironmentCategory,
  setUntaggedEnvironmentCategory,
} from "./settings-operations";
import { DEMO_DEPARTMENTS, DEMO_ENVIRONMENTS, expectOk, toDemoTagSettings } from "@/testing/tag-settings";

const demo = toDemoTagSettings();
// Renaming keeps the old value as an alias, so resources still tagged `video` group under `media`.
const renamed = expectOk(renameAllowedValue(demo, "department", "video", "media"));

describe("classifyTagValue", () => {
  it.each<[string, TagKey, string | null | undefined, string, string | null]>([
    ["absent tag", "department", null, "missing", null],
    ["undefined tag", "department", undefined, "missing", null],
    ["empty string (AWS `department$`)", "department", "", "missing", null],
    ["whitespace only", "department", "   ", "missing", null],
    ["tabs and newlines only", "environment", "\t\n\r", "missing", null],
    ["allowed value", "department", "platform", "allowed", "platform"],
    ["different case is not allowed, grouped as itself", "department", "Platform", "not-allowed", "Platform"],
    ["trailing space is not allowed, kept untrimmed", "environment", "Production ", "not-allowed", "Production "],
    ["leading space is not allowed", "environment", " production", "not-allowed", " production"],
    ["unknown value", "department", "marketing", "not-allowed", "marketing"],
    ["aliased value groups under its target", "environment", "Prod", "aliased", "production"],
    ["aliases match exactly: `prod` is not `Prod`", "environment", "prod", "not-allowed", "prod"],
    [
      "non-breaking space is a value, not missing (same as SQL btrim)",
      "environment",
      "\u00a0",
      "not-allowed",
      "\u00a0",
    ],
    ["project is free text", "project", "load-test", "allowed", "load-test"],
    ["project keeps its raw spelling", "project", " Load Test ", "allowed", " Load Test "],
    ["project empty is missing", "project", "", "missing", null],
  ])("%s: %s %j → %s %j", (_label, key, raw, status, value) => {
    expect(classifyTagValue(key, raw, demo)).toEqual({ status, value, raw: raw ?? null });
  });

  it.each<[string, string, string | null]>([
    ["old name of a renamed value is aliased to the new one", "video", "aliased"],
    ["new name is allowed", "media", "allowed"],
  ])("after renaming video → media: %s (%s)", (_label, raw, status) => {
    expect(classifyTagValue("department", raw, renamed)).toEqual({ status, value: "media", raw });
  });

  it.each<[string | null, string]>([
    ["anything", "allowed"],
    ["Platform", "allowed"],
    ["", "missing"],
    [null, "missing"],
  ])("empty department list checks presence only: %j → %s", (raw, status) => {
    expect(DEFAULT_TAG_SETTINGS.allowed.department).toEqual([]);
    expect(classifyTagValue("department", raw, DEFAULT_TAG_SETTINGS).status).toBe(status);
  });
});

describe("suggestAllowedValue", () => {
  it.each<[string, readonly string[], string | null]>([
    // case and whitespace first
    ["Platform", DEMO_DEPARTMENTS, "platform"],
    ["Production ", DEMO_ENVIRONMENTS, "production"],
    [" PRODUCTION", DEMO_ENVIRONMENTS, "production"],
    ["production", DEMO_ENVIRONMENTS, "production"],
    // then abbreviations and prefixes
    ["Prod", DEMO_ENVIRONMENTS, "production"],
    ["prod", DEMO_ENVIRONMENTS, "production"],
    ["dev", DEMO_ENVIRONMENTS, "development"],
    ["fin", DEMO_DEPARTMENTS, "finance"],
    ["sta", DEMO_ENVIRONMENTS, "staging"],
    ["prd", DEMO_ENVIRONMENTS, "production"],
    ["stg", DEMO_ENVIRONMENTS, "staging"],
    ["stage", DEMO_ENVIRONMENTS, "staging"],
    // then spelling
    ["stagign", DEMO_ENVIRONMENTS, "staging"],
    ["paymnets", DEMO_DEPARTMENTS, "payments"],
    ["vidoe", DEMO_DEPARTMENTS, "video"],
    ["developement", DEMO_ENVIRONMENTS, "development"],
    ["Secruity", DEMO_DEPARTMENTS, "security"],
    // nothing close
    ["xyz", DEMO_DEPARTMENTS, null],
    ["xyz", DEMO_ENVIRONMENTS, null],
    ["qa", DEMO_ENVIRONMENTS, null],
    ["s", DEMO_ENVIRONMENTS, null],
    ["marketing", DEMO_DEPARTMENTS, null],
    ["", DEMO_ENVIRONMENTS, null],
    ["   ", DEMO_ENVIRONMENTS, null],
    ["prod", [], null],
    // a prefix of two values and equally close to both: no guess
    ["dat", ["data", "date"], null],
    // the abbreviation table only applies when its expansion is allowed
    ["prd", ["platform", "payments"], null],
  ])("%j in %j → %j", (raw, allowed, expected) => {
    expect(suggestAllowedValue(raw, allowed)).toBe(expected);
  });

  it("returns the allowed value as spelled in the list", () => {
    expect(suggestAllowedValue("prod", ["Production", "Staging"])).toBe("Production");
  });
});

describe("toEditDistance (optimal string alignment)", () => {
  it.each<[string, string, number]>([
    ["", "", 0],
    ["abc", "abc", 0],
    ["", "abc", 3],
    ["ab", "ba", 1],
    ["stagign", "staging", 1],
    ["kitten", "sitting", 3],
    // OSA cannot edit a swapped pair again; unrestricted Damerau-Levenshtein would say 2
    ["ca", "abc", 3],
  ])("%j ↔ %j = %d", (a, b, expected) => {
    expect(toEditDistance(a, b)).toBe(expected);
    expect(toEditDistance(b, a)).toBe(expected);
  });

  it("stops above the limit", () => {
    expect(toEditDistance("production", "xyz", 2)).toBe(3);
  });
});

describe("categorizeEnvironment", () => {
  const untaggedServing = expectOk(setUntaggedEnvironmentCategory(demo, "customer-serving"));
  const stagingServing = expectOk(setEnvironmentCategory(demo, "staging", "customer-serving"));
  const withQa = expectOk(addAllowedValue(demo, "environment", "qa"));
  const prodRenamed = expectOk(renameAllowedValue(demo, "environment", "production", "prod"));

  it.each<[string, string | null, typeof demo, string]>([
    ["production serves customers (default)", "production", demo, "customer-serving"],
    ["staging is R&D", "staging", demo, "rnd"],
    ["development is R&D", "development", demo, "rnd"],
    ["shared is R&D", "shared", demo, "rnd"],
    ["an alias takes its target's category", "Prod", demo, "customer-serving"],
    ["a value not allowed is R&D", "Production ", demo, "rnd"],
    ["untagged is R&D by default", "", demo, "rnd"],
    ["absent is untagged", null, demo, "rnd"],
    ["untagged follows its setting", "", untaggedServing, "customer-serving"],
    ["whitespace-only is untagged", "  ", untaggedServing, "customer-serving"],
    ["a category can be changed", "staging", stagingServing, "customer-serving"],
    ["an added environment is R&D until set", "qa", withQa, "rnd"],
    ["a rename keeps the category", "prod", prodRenamed, "customer-serving"],
    ["the old name of a renamed value keeps it too", "production", prodRenamed, "customer-serving"],
  ])("%s: %j → %s", (_label, raw, settings, expected) => {
    expect(categorizeEnvironment(raw, settings)).toBe(expected);
  });

  it("lists the mapping for every allowed environment", () => {
    expect(listEnvironmentCategories(withQa)).toEqual([
      { environment: "production", category: "customer-serving" },
      { environment: "staging", category: "rnd" },
      { environment: "development", category: "rnd" },
      { environment: "shared", category: "rnd" },
      { environment: "qa", category: "rnd" },
    ]);
  });
});
