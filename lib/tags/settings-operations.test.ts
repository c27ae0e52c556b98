import { describe, expect, it } from "vitest";
import { classifyTagValue } from "./classify";
import type { TagSettings, TagSettingsResult } from "@/lib/settings/tags";
import {
  addAlias,
  addAllowedValue,
  removeAlias,
  removeAllowedValue,
  renameAllowedValue,
  setEnvironmentCategory,
} from "./settings-operations";
import { DEMO_ENVIRONMENTS, expectOk, toDemoTagSettings } from "@/testing/tag-settings";

const demo = toDemoTagSettings();

type Case = [string, (s: TagSettings) => TagSettingsResult, (s: TagSettings) => void];

describe("operations that succeed", () => {
  it.each<Case>([
    [
      "add a department",
      (s) => addAllowedValue(s, "department", "marketing"),
      (s) => expect(s.allowed.department.at(-1)).toBe("marketing"),
    ],
    [
      "add trims what a person typed",
      (s) => addAllowedValue(s, "department", "  marketing "),
      (s) => expect(s.allowed.department).toContain("marketing"),
    ],
    [
      "add an environment (R&D until set)",
      (s) => addAllowedValue(s, "environment", "qa"),
      (s) => expect(s.allowed.environment).toEqual([...DEMO_ENVIRONMENTS, "qa"]),
    ],
    [
      "remove a value without aliases",
      (s) => removeAllowedValue(s, "department", "finance"),
      (s) => expect(s.allowed.department).not.toContain("finance"),
    ],
    [
      "remove a value together with its aliases and category",
      (s) => removeAllowedValue(s, "environment", "production", { dropAliases: true }),
      (s) => {
        expect(s.allowed.environment).toEqual(["staging", "development", "shared"]);
        expect(s.aliases.environment).toEqual([]);
        expect(s.categories).not.toHaveProperty("production");
        expect(classifyTagValue("environment", "Prod", s).status).toBe("not-allowed");
      },
    ],
    [
      "rename keeps the place, and the old value as an alias",
      (s) => renameAllowedValue(s, "department", "video", "media"),
      (s) => {
        expect(s.allowed.department.indexOf("media")).toBe(2);
        expect(s.aliases.department).toEqual([{ raw: "video", value: "media" }]);
      },
    ],
    [
      "rename moves aliases and the category to the new name",
      (s) => renameAllowedValue(s, "environment", "production", "prod"),
      (s) => {
        expect(s.aliases.environment).toEqual([
          { raw: "Prod", value: "prod" },
          { raw: "production", value: "prod" },
        ]);
        expect(s.categories).toEqual({ prod: "customer-serving", staging: "rnd", development: "rnd", shared: "rnd" });
      },
    ],
    [
      "rename to a name that was an alias of the same value drops that alias",
      (s) => renameAllowedValue(s, "environment", "production", "Prod"),
      (s) => {
        expect(s.allowed.environment[0]).toBe("Prod");
        expect(s.aliases.environment).toEqual([{ raw: "production", value: "Prod" }]);
      },
    ],
    [
      "rename may change only the case",
      (s) => renameAllowedValue(s, "department", "platform", "Platform"),
      (s) => expect(s.aliases.department).toEqual([{ raw: "platform", value: "Platform" }]),
    ],
    [
      "add an alias for a raw value as the data has it",
      (s) => addAlias(s, "environment", "Production ", "production"),
      (s) =>
        expect(classifyTagValue("environment", "Production ", s)).toEqual({
          status: "aliased",
          value: "production",
          raw: "Production ",
        }),
    ],
    [
      "add the same alias twice changes nothing",
      (s) => addAlias(s, "environment", "Prod", "production"),
      (s) => expect(s).toEqual(demo),
    ],
    [
      "remove an alias",
      (s) => removeAlias(s, "environment", "Prod"),
      (s) => expect(classifyTagValue("environment", "Prod", s).status).toBe("not-allowed"),
    ],
    [
      "set a category",
      (s) => setEnvironmentCategory(s, "shared", "customer-serving"),
      (s) => expect(s.categories.shared).toBe("customer-serving"),
    ],
  ])("%s", (_label, operate, check) => {
    const before = structuredClone(demo);
    check(expectOk(operate(demo)));
    expect(demo).toEqual(before);
  });
});

describe("operations that are refused", () => {
  it.each<[string, (s: TagSettings) => TagSettingsResult, string]>([
    [
      "add an empty value",
      (s) => addAllowedValue(s, "department", " "),
      "Cannot add an empty department value: type the value to allow.",
    ],
    [
      "add a case duplicate",
      (s) => addAllowedValue(s, "department", "Platform"),
      'Cannot add "Platform": "platform" is already an allowed department (values are compared ignoring case).',
    ],
    [
      "add a value that is an alias",
      (s) => addAllowedValue(s, "environment", "Prod"),
      'Cannot add "Prod": it is an alias of "production", so its spend is reported under "production". Remove the alias first if "Prod" should be its own environment value.',
    ],
    [
      "add a value AWS refuses",
      (s) => addAllowedValue(s, "department", "r&d"),
      'Allowed department value "r&d" has characters AWS does not accept in tag values: use only letters, numbers, spaces and _ . : / = + - @.',
    ],
    [
      "remove a value aliases point to",
      (s) => removeAllowedValue(s, "environment", "production"),
      'Cannot remove "production": the environment aliases "Prod" point to it. Remove those aliases first, or remove "production" together with its aliases (their spend will then show as not allowed).',
    ],
    [
      "remove an unknown value",
      (s) => removeAllowedValue(s, "environment", "qa"),
      'Cannot remove "qa": it is not an allowed environment. Allowed: "production", "staging", "development", "shared".',
    ],
    [
      "rename an unknown value",
      (s) => renameAllowedValue(s, "department", "ops", "platform-ops"),
      'Cannot rename "ops": it is not an allowed department. Allowed: "platform", "payments", "video", "data", "growth", "security", "finance", "support".',
    ],
    [
      "rename to empty",
      (s) => renameAllowedValue(s, "department", "video", "  "),
      'Cannot rename "video" to an empty value: type the new name.',
    ],
    [
      "rename to itself",
      (s) => renameAllowedValue(s, "department", "video", "video "),
      'Cannot rename "video" to itself: type a different name.',
    ],
    [
      "rename onto another allowed value",
      (s) => renameAllowedValue(s, "department", "video", "Data"),
      'Cannot rename "video" to "Data": "data" is already an allowed department. To merge them, remove "video" and add the alias "video" → "data".',
    ],
    [
      "rename to an alias of another value",
      (s) => renameAllowedValue(s, "environment", "staging", "Prod"),
      'Cannot rename "staging" to "Prod": "Prod" is an alias of "production", and renaming would move its spend. Remove that alias first.',
    ],
    [
      "alias the empty value",
      (s) => addAlias(s, "environment", "", "production"),
      'Cannot alias an empty environment: spend without the "environment" tag is reported as missing. Tag those resources instead.',
    ],
    [
      "alias an allowed value",
      (s) => addAlias(s, "environment", "staging", "production"),
      'Cannot alias "staging": it is already an allowed environment, so its spend is reported as itself.',
    ],
    [
      "alias to a value not allowed",
      (s) => addAlias(s, "environment", "prd", "prod"),
      'Cannot alias "prd" to "prod": "prod" is not an allowed environment. Choose one of "production", "staging", "development", "shared".',
    ],
    [
      "alias while the list is empty",
      (s) => addAlias({ ...s, allowed: { ...s.allowed, department: [] } }, "department", "fin", "finance"),
      'Cannot alias "fin" to "finance": the allowed department list is empty (presence only). Add allowed values first.',
    ],
    [
      "re-alias to another target",
      (s) => addAlias(s, "environment", "Prod", "staging"),
      'Cannot alias "Prod" to "staging": it is already an alias of "production". Remove that alias first.',
    ],
    [
      "remove an unknown alias",
      (s) => removeAlias(s, "environment", "prod"),
      'Cannot remove the environment alias "prod": there is no such alias.',
    ],
    [
      "categorize an unknown environment",
      (s) => setEnvironmentCategory(s, "qa", "rnd"),
      'Cannot set a category for "qa": it is not an allowed environment. Add it first; allowed: "production", "staging", "development", "shared".',
    ],
  ])("%s", (_label, operate, error) => {
    const before = structuredClone(demo);
    expect(operate(demo)).toEqual({ ok: false, errors: [error] });
    expect(demo).toEqual(before);
  });
});
