import { describe, expect, it } from "vitest";
import { toComplianceStatus, type TaggedRow } from "./compliance";
import { DEFAULT_TAG_SETTINGS } from "@/lib/settings/tags";
import { toDemoTagSettings } from "@/testing/tag-settings";

const demo = toDemoTagSettings();

describe("toComplianceStatus", () => {
  it.each<[string, TaggedRow, string, string | null]>([
    ["all three allowed", { department: "video", project: "recordings", environment: "production" }, "compliant", null],
    [
      "department missing",
      { department: "", project: "recordings", environment: "production" },
      "missing",
      "department",
    ],
    [
      "project missing (whitespace only)",
      { department: "video", project: "  ", environment: "production" },
      "missing",
      "project",
    ],
    ["environment absent", { department: "video", project: "recordings" }, "missing", "environment"],
    [
      "all missing: the first key is named",
      { department: null, project: null, environment: null },
      "missing",
      "department",
    ],
    [
      "missing wins over an earlier key's bad value",
      { department: "Platform", project: "api", environment: "" },
      "missing",
      "environment",
    ],
    [
      "department not allowed",
      { department: "Platform", project: "api", environment: "production" },
      "not-allowed",
      "department",
    ],
    [
      "environment not allowed (trailing space)",
      { department: "platform", project: "api", environment: "Production " },
      "not-allowed",
      "environment",
    ],
    [
      "an aliased value is still not allowed",
      { department: "platform", project: "api", environment: "Prod" },
      "not-allowed",
      "environment",
    ],
    [
      "the first of two bad values is named",
      { department: "fin", project: "ledger", environment: "dev" },
      "not-allowed",
      "department",
    ],
    [
      "project is free text",
      { department: "data", project: "Anything At All", environment: "shared" },
      "compliant",
      null,
    ],
  ])("%s", (_label, row, status, problemKey) => {
    const result = toComplianceStatus(row, demo);
    expect({ status: result.status, problemKey: result.problemKey }).toEqual({ status, problemKey });
  });

  it("checks only presence of department while its list is empty", () => {
    const row = { department: "whoever", project: "p", environment: "staging" };
    expect(toComplianceStatus(row, DEFAULT_TAG_SETTINGS).status).toBe("compliant");
    expect(toComplianceStatus({ ...row, department: "" }, DEFAULT_TAG_SETTINGS).problemKey).toBe("department");
  });

  it("keeps each key's classification for per-tag breakdowns", () => {
    const { tags } = toComplianceStatus({ department: "", project: "api", environment: "Prod" }, demo);
    expect(tags).toEqual({
      department: { status: "missing", value: null, raw: "" },
      project: { status: "allowed", value: "api", raw: "api" },
      environment: { status: "aliased", value: "production", raw: "Prod" },
    });
  });
});
