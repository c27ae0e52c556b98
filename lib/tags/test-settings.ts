// Settings shared by the tag tests: the demo company's lists (team brief) plus one alias, as finance
// would set it from a suggestion on /tags. Test-only; nothing in the app imports it.
import { parseTagSettings, type TagSettings } from "./settings";

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
