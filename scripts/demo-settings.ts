// The demo company's own tag settings (emulators/demo/spend-catalog.ts): its allowed departments and
// environments, seeded once so a fresh demo shows its mis-tagged spend. Called by scripts/demo-world.ts.
import type { Db } from "@/lib/db/types";
import { DEFAULT_TAG_SETTINGS } from "@/lib/settings/tags";
import { readSettingDocument, saveTagSettings } from "@/lib/settings/store";

export const DEMO_DEPARTMENTS = ["platform", "payments", "video", "data", "growth", "security", "finance", "support"];
export const DEMO_ENVIRONMENTS = ["production", "staging", "development", "shared"];

/** Saves the demo's allowed lists unless tag settings are already stored (a person's edits win). */
export async function seedDemoTagSettings(db: Db): Promise<boolean> {
  if ((await readSettingDocument(db, "tags")) !== undefined) return false;
  await saveTagSettings(db, {
    ...DEFAULT_TAG_SETTINGS,
    allowed: { department: [...DEMO_DEPARTMENTS], environment: [...DEMO_ENVIRONMENTS] },
    aliases: { department: [], environment: [] },
    categories: { production: "customer-serving", staging: "rnd", development: "rnd", shared: "rnd" },
  });
  return true;
}
