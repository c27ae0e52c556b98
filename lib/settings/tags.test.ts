import { describe, expect, it } from "vitest";
import { DEFAULT_TAG_SETTINGS, parseTagSettings } from "./tags";

describe("parseTagSettings defaults", () => {
  it("fills every field with the defaults", () => {
    expect(parseTagSettings({})).toEqual({
      ok: true,
      settings: {
        allowed: { department: [], environment: ["production", "staging", "development", "shared"] },
        aliases: { department: [], environment: [] },
        categories: { production: "customer-serving", staging: "rnd", development: "rnd", shared: "rnd" },
        untaggedEnvironmentCategory: "rnd",
      },
    });
  });

  it("fills missing inner fields and keeps given ones", () => {
    const parsed = parseTagSettings({ allowed: { department: ["platform"] } });
    expect(parsed.ok && parsed.settings.allowed).toEqual({
      department: ["platform"],
      environment: ["production", "staging", "development", "shared"],
    });
  });

  it("hands out defaults that cannot be changed in place", () => {
    expect(() => DEFAULT_TAG_SETTINGS.allowed.environment.push("qa")).toThrow(TypeError);
  });
});

describe("parseTagSettings messages", () => {
  const envs = ["production", "staging", "development", "shared"];
  it.each<[string, unknown, string[]]>([
    [
      "empty allowed value",
      { allowed: { department: ["platform", ""] } },
      ["Allowed department value #2 is empty: type a value, or remove the row."],
    ],
    [
      "whitespace-only allowed value",
      { allowed: { department: ["  "] } },
      ["Allowed department value #1 is empty: type a value, or remove the row."],
    ],
    [
      "case-insensitive duplicate",
      { allowed: { department: ["platform", "Platform"] } },
      [
        'Allowed department values "platform" and "Platform" are the same value (compared ignoring case and surrounding spaces): keep one.',
      ],
    ],
    [
      "duplicate after trimming (and the spaces themselves)",
      { allowed: { environment: ["production", "production "] } },
      [
        'Allowed environment value "production " starts or ends with spaces: AWS compares tag values exactly, so use "production".',
        'Allowed environment values "production" and "production " are the same value (compared ignoring case and surrounding spaces): keep one.',
      ],
    ],
    [
      "characters AWS refuses",
      { allowed: { department: ["plat*form"] } },
      [
        'Allowed department value "plat*form" has characters AWS does not accept in tag values: use only letters, numbers, spaces and _ . : / = + - @.',
      ],
    ],
    [
      "alias to a value that is not allowed",
      { aliases: { environment: [{ raw: "Prod", value: "prod" }] } },
      [
        'The environment alias "Prod" → "prod" points to a value that is not allowed: point it to one of "production", "staging", "development", "shared", or add "prod" to the allowed environment values first.',
      ],
    ],
    [
      "alias while the list is empty (presence only)",
      { aliases: { department: [{ raw: "fin", value: "finance" }] } },
      [
        'The department alias "fin" → "finance" points to a value that is not allowed: the allowed department list is empty (presence only), so there is nothing to alias to. Add allowed values first.',
      ],
    ],
    [
      "alias whose raw value is itself allowed",
      { aliases: { environment: [{ raw: "staging", value: "production" }] } },
      [
        'The environment alias "staging" → "production" is not needed: "staging" is itself an allowed environment. Remove the alias, or remove "staging" from the allowed values first.',
      ],
    ],
    [
      "alias of the empty value",
      { aliases: { environment: [{ raw: " ", value: "production" }] } },
      [
        'The environment alias #1 has an empty raw value: spend without the "environment" tag is reported as missing and cannot be aliased; remove the alias.',
      ],
    ],
    [
      "alias defined twice",
      {
        aliases: {
          environment: [
            { raw: "Prod", value: "production" },
            { raw: "Prod", value: "staging" },
          ],
        },
      },
      ['The environment alias for "Prod" is defined more than once: keep one.'],
    ],
    [
      "category for an unknown environment",
      { categories: { production: "customer-serving", qa: "rnd" } },
      [
        'A category is set for environment "qa", which is not an allowed environment: add "qa" to the allowed environments, or remove its category.',
      ],
    ],
    [
      "unknown category",
      { categories: { production: "prod" } },
      ['Tag settings field categories.production: must be "customer-serving" or "rnd".'],
    ],
    [
      "unknown untagged treatment",
      { untaggedEnvironmentCategory: "none" },
      ['Tag settings field untaggedEnvironmentCategory: must be "customer-serving" or "rnd".'],
    ],
    [
      "wrong shape",
      { allowed: { department: "platform" } },
      ["Tag settings field allowed.department: Invalid input: expected array, received string."],
    ],
  ])("%s", (_label, input, errors) => {
    expect(parseTagSettings(input)).toEqual({ ok: false, errors });
  });

  it("accepts aliases that differ from an allowed value only in case or spaces", () => {
    const parsed = parseTagSettings({
      allowed: { environment: envs },
      aliases: {
        environment: [
          { raw: "Production", value: "production" },
          { raw: "Production ", value: "production" },
          { raw: "Prod", value: "production" },
          { raw: "prod", value: "production" },
        ],
      },
    });
    expect(parsed.ok).toBe(true);
  });

  it("refuses input that is not an object", () => {
    const parsed = parseTagSettings(null);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[0]).toMatch(/expected object/);
  });
});

describe("default categories", () => {
  it.each<[string[], Record<string, string>]>([
    [["production", "qa"], { production: "customer-serving", qa: "rnd" }],
    [["prod", "dev"], { prod: "rnd", dev: "rnd" }],
    [[], {}],
  ])("follow the allowed environments %j when none are stored", (environment, categories) => {
    const parsed = parseTagSettings({ allowed: { environment } });
    expect(parsed.ok && parsed.settings.categories).toEqual(categories);
  });
});
