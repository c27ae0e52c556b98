// One edit of the tag settings, as a person makes it on /tags or /settings: parsed from form data,
// applied with ./settings-operations.ts, saved. Server actions read the form with this schema and call
// saveTagSettingsEdit.
import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { getTagSettings, saveTagSettings, type SaveOptions } from "@/lib/settings/store";
import {
  CONSTRAINED_TAG_KEYS,
  ENVIRONMENT_CATEGORIES,
  type TagSettings,
  type TagSettingsResult,
} from "@/lib/settings/tags";
import {
  addAlias,
  addAllowedValue,
  removeAlias,
  removeAllowedValue,
  renameAllowedValue,
  setEnvironmentCategory,
  setUntaggedEnvironmentCategory,
} from "./settings-operations";

const key = z.enum(CONSTRAINED_TAG_KEYS, { error: "key must be department or environment" });
const category = z.enum(ENVIRONMENT_CATEGORIES, { error: 'category must be "customer-serving" or "rnd"' });
// Raw values are kept exactly as typed or tagged (`Production ` is its own value); the operations trim where a person types.
const text = (name: string) => z.string({ error: `${name} is required` });
const checkbox = z
  .enum(["on", "true"])
  .optional()
  .transform((v) => v !== undefined);

export const tagSettingsEditSchema = z.discriminatedUnion(
  "op",
  [
    z.object({ op: z.literal("add-allowed"), key, value: text("value") }),
    z.object({ op: z.literal("remove-allowed"), key, value: text("value"), dropAliases: checkbox }),
    z.object({ op: z.literal("rename-allowed"), key, from: text("from"), to: text("to") }),
    z.object({ op: z.literal("add-alias"), key, raw: text("raw"), value: text("value") }),
    z.object({ op: z.literal("remove-alias"), key, raw: text("raw") }),
    z.object({ op: z.literal("set-category"), environment: text("environment"), category }),
    z.object({ op: z.literal("set-untagged-category"), category }),
  ],
  {
    error:
      "op must be one of add-allowed, remove-allowed, rename-allowed, add-alias, remove-alias, set-category, set-untagged-category",
  },
);

export type TagSettingsEdit = z.infer<typeof tagSettingsEditSchema>;

export type TagSettingsEditResult =
  { ok: true; settings: TagSettings; message: string } | { ok: false; errors: string[] };

export function applyTagSettingsEdit(settings: TagSettings, edit: TagSettingsEdit): TagSettingsResult {
  switch (edit.op) {
    case "add-allowed":
      return addAllowedValue(settings, edit.key, edit.value);
    case "remove-allowed":
      return removeAllowedValue(settings, edit.key, edit.value, { dropAliases: edit.dropAliases });
    case "rename-allowed":
      return renameAllowedValue(settings, edit.key, edit.from, edit.to);
    case "add-alias":
      return addAlias(settings, edit.key, edit.raw, edit.value);
    case "remove-alias":
      return removeAlias(settings, edit.key, edit.raw);
    case "set-category":
      return setEnvironmentCategory(settings, edit.environment, edit.category);
    case "set-untagged-category":
      return setUntaggedEnvironmentCategory(settings, edit.category);
  }
}

/** What the edit did, in the words a finance user reads after clicking. */
export function describeTagSettingsEdit(edit: TagSettingsEdit): string {
  const q = (v: string) => JSON.stringify(v);
  switch (edit.op) {
    case "add-allowed":
      return `Added ${q(edit.value.trim())} to the allowed ${edit.key} values.`;
    case "remove-allowed":
      return `Removed ${q(edit.value)} from the allowed ${edit.key} values${edit.dropAliases ? ", with its aliases" : ""}.`;
    case "rename-allowed":
      return `Renamed ${q(edit.from)} to ${q(edit.to.trim())}; ${q(edit.from)} stays as an alias, so resources still tagged with it group under the new name.`;
    case "add-alias":
      return `${q(edit.raw)} now shows under ${q(edit.value)} in every report; still not allowed until the resources are retagged.`;
    case "remove-alias":
      return `Removed the alias ${q(edit.raw)}: its spend shows under ${q(edit.raw)} again, as not allowed.`;
    case "set-category":
      return `Environment ${q(edit.environment)} is now ${edit.category === "rnd" ? "R&D" : "customer-serving"}.`;
    case "set-untagged-category":
      return `Spend without an environment tag is now ${edit.category === "rnd" ? "R&D" : "customer-serving"}.`;
  }
}

/** Parses one edit from form fields, applies it to the stored settings and saves; errors say what to change. */
export async function updateTagSettings(db: Db, input: Record<string, unknown>): Promise<TagSettingsEditResult> {
  const parsed = tagSettingsEditSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  return saveTagSettingsEdit(db, parsed.data);
}

/**
 * Applies one parsed edit to the stored settings and saves it; a rule it breaks comes back in words. With
 * `opts.expectedVersion` (a page's form), a save since the page was opened throws SettingConflictError.
 */
export async function saveTagSettingsEdit(
  db: Db,
  edit: TagSettingsEdit,
  opts: SaveOptions = {},
): Promise<TagSettingsEditResult> {
  const result = applyTagSettingsEdit(await getTagSettings(db), edit);
  if (!result.ok) return result;
  const saved = await saveTagSettings(db, result.settings, opts);
  return { ok: true, settings: saved, message: describeTagSettingsEdit(edit) };
}
