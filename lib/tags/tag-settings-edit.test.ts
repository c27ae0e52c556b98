import { describe, expect, it } from "vitest";
import { applyTagSettingsEdit, tagSettingsEditSchema, type TagSettingsEdit } from "./tag-settings-edit";
import { toDemoTagSettings } from "@/testing/tag-settings";

describe("tag settings edits from form fields", () => {
  it.each([
    [
      { op: "add-allowed", key: "department", value: " legal " },
      { op: "add-allowed", key: "department", value: " legal " },
    ],
    [
      { op: "remove-allowed", key: "environment", value: "production", dropAliases: "on" },
      { op: "remove-allowed", key: "environment", value: "production", dropAliases: true },
    ],
    [
      { op: "remove-allowed", key: "environment", value: "shared" },
      { op: "remove-allowed", key: "environment", value: "shared", dropAliases: false },
    ],
    [
      { op: "add-alias", key: "environment", raw: "Production ", value: "production" },
      { op: "add-alias", key: "environment", raw: "Production ", value: "production" },
    ],
  ])("parses %j", (input, expected) => {
    expect(tagSettingsEditSchema.parse(input)).toEqual(expected);
  });

  it.each([
    [{ op: "drop-table" }, /op must be one of/],
    [{ op: "add-allowed", key: "project", value: "x" }, /key must be department or environment/],
    [{ op: "add-alias", key: "department", raw: "fin" }, /value is required/],
    [
      { op: "set-category", environment: "production", category: "customers" },
      /category must be "customer-serving" or "rnd"/,
    ],
  ])("refuses %j", (input, message) => {
    const parsed = tagSettingsEditSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join(" ")).toMatch(message);
  });

  it.each<[string, TagSettingsEdit, (s: ReturnType<typeof toDemoTagSettings>) => unknown, unknown]>([
    [
      "adds an alias",
      { op: "add-alias", key: "department", raw: "fin", value: "finance" },
      (s) => s.aliases.department,
      [{ raw: "fin", value: "finance" }],
    ],
    [
      "renames keeping the old value as an alias",
      { op: "rename-allowed", key: "department", from: "video", to: "media" },
      (s) => [s.allowed.department.includes("media"), s.aliases.department],
      [true, [{ raw: "video", value: "media" }]],
    ],
    [
      "removes an environment with its alias",
      { op: "remove-allowed", key: "environment", value: "production", dropAliases: true },
      (s) => s.aliases.environment,
      [],
    ],
  ])("%s", (_label, edit, pick, expected) => {
    const result = applyTagSettingsEdit(toDemoTagSettings(), edit);
    if (!result.ok) throw new Error(result.errors.join(" "));
    expect(pick(result.settings)).toEqual(expected);
  });

  it("passes an operation's refusal through", () => {
    const result = applyTagSettingsEdit(toDemoTagSettings(), {
      op: "remove-allowed",
      key: "environment",
      value: "production",
      dropAliases: false,
    });
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringContaining('the environment aliases "Prod" point to it')],
    });
  });
});
