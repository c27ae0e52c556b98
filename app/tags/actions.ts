"use server";
// Server actions for the tag settings (allowed lists, aliases, categories), used on /tags and /settings: the form
// is read with lib/form-data.ts and the edit schema of lib/tags/tag-settings-edit.ts.
import { revalidatePath } from "next/cache";
import { actorOf, recordChange, requireAccess } from "@/lib/access/access";
import { getRequestAccess } from "@/lib/access/next";
import { getDb } from "@/lib/db/client";
import { getTagSettings } from "@/lib/settings/store";
import { toAppError } from "@/lib/errors";
import { MISSING_SETTING_VERSION, parseFormData, readSettingVersion } from "@/lib/form-data";
import { saveTagSettingsEdit, tagSettingsEditSchema } from "@/lib/tags/tag-settings-edit";

/** `settingVersion`: the version a save wrote, which the form carries next (SettingVersionField). */
export type TagEditState = { ok: boolean; message: string; errors: string[]; settingVersion?: number } | null;

/** One edit from a form (field `op` names it); answers what happened or what to change. */
export async function editTagSettings(_previous: TagEditState, formData: FormData): Promise<TagEditState> {
  const parsed = parseFormData(tagSettingsEditSchema, formData);
  if (!parsed.ok) return { ok: false, message: "", errors: Object.values(parsed.errors) };
  const expectedVersion = readSettingVersion(formData);
  if (expectedVersion === null) return { ok: false, message: "", errors: [MISSING_SETTING_VERSION] };
  try {
    const db = await getDb();
    const access = await getRequestAccess();
    await requireAccess(db, access, "edit", "tag settings");
    const before = await getTagSettings(db);
    let settingVersion: number | undefined;
    const result = await saveTagSettingsEdit(db, parsed.value, {
      expectedVersion,
      by: actorOf(access),
      onSaved: (v) => (settingVersion = v),
    });
    if (!result.ok) return { ok: false, message: "", errors: result.errors };
    await recordChange(db, access, {
      action: `settings.tags.${parsed.value.op}`,
      target: "tags",
      before,
      after: result.settings,
      detail: result.message,
    });
    // Aliases and lists apply when reports are read: every page shows the change at once.
    revalidatePath("/", "layout");
    return { ok: true, message: result.message, errors: [], settingVersion };
  } catch (err) {
    const e = toAppError(err);
    // Someone saved since this page was opened: their words say who and when, and nothing of theirs is undone.
    if (e.kind === "conflict") return { ok: false, message: "", errors: [`Not saved. ${e.message}`] };
    return { ok: false, message: "", errors: [`Could not save the tag settings: ${e.message}`] };
  }
}
