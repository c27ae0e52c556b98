// Settings shared by the tag tests: the demo company's lists (emulators/demo/) plus one alias, as finance
// would set it from a suggestion on /tags. Test-only; nothing in the app imports it.
import { DEFAULT_TAG_SETTINGS, parseTagSettings, type TagSettings } from "@/lib/settings/tags";
import { addAlias, renameAllowedValue, setUntaggedEnvironmentCategory } from "@/lib/tags/settings-operations";

export const DEMO_DEPARTMENTS = ["platform", "payments", "video", "data", "growth", "security", "finance", "support"];
export const DEMO_ENVIRONMENTS = ["production", "staging", "development", "shared"];

export function toDemoTagSettings(overrides: Record<string, unknown> = {}): TagSettings {
  const parsed = parseTagSettings({
    allowed: { department: DEMO_DEPARTMENTS, environment: DEMO_ENVIRONMENTS },
    aliases: { department: [], environment: [{ raw: "Prod", value: "production" }] },
    ...overrides,
  });
  if (!parsed.ok) throw new Error(`test settings are invalid: ${parsed.errors.join(" ")}`);
  return parsed.settings;
}

/** Unwraps an operation's result, failing the test with its messages. */
export function expectOk(result: { ok: true; settings: TagSettings } | { ok: false; errors: string[] }): TagSettings {
  if (!result.ok) throw new Error(`expected ok, got: ${result.errors.join(" ")}`);
  return result.settings;
}

/**
 * The demo settings after a round of edits: video renamed to media, aliases (some with raw values that
 * are awkward in SQL array literals), untagged customer-serving.
 */
export function toEditedTagSettings(): TagSettings {
  let settings = expectOk(renameAllowedValue(toDemoTagSettings(), "department", "video", "media"));
  const aliases: [string, string][] = [
    ["fin", "finance"],
    ["a,b", "platform"],
    ["NULL", "data"],
    ['"quoted"', "growth"],
    ["back\\slash", "security"],
  ];
  for (const [raw, value] of aliases) settings = expectOk(addAlias(settings, "department", raw, value));
  settings = expectOk(addAlias(settings, "environment", "Production ", "production"));
  return expectOk(setUntaggedEnvironmentCategory(settings, "customer-serving"));
}

/** Settings the SQL and the classifier are compared under. */
export const SETTINGS_CASES: [string, TagSettings][] = [
  ["defaults (department presence only)", DEFAULT_TAG_SETTINGS],
  ["demo company", toDemoTagSettings()],
  ["renamed, aliased, untagged customer-serving", toEditedTagSettings()],
];

/** Raw values as they may come from AWS, including ones that are awkward in SQL array literals. */
export const RAW_VALUES: (string | null)[] = [
  null,
  "",
  " ",
  "\t\n\r\f\v",
  "\u00a0",
  "production",
  "Production",
  "Production ",
  " production",
  "Prod",
  "prod",
  "staging",
  "qa",
  "platform",
  "Platform",
  "fin",
  "finance",
  "video",
  "media",
  "load-test",
  "O'Brien",
  "a,b",
  '"quoted"',
  "{braces}",
  "back\\slash",
  "NULL",
  "ünïcödé",
];
