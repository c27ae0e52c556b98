"use server";
// Server action of the rightsizing settings form on /settings: reads the form (lib/form-data.ts with the
// schema of lib/rightsizing/settings-form.ts, field by field) and saves.
import { revalidatePath } from "next/cache";
import { actorOf, recordChange, requireAccess } from "@/lib/access/access";
import { getRequestAccess } from "@/lib/access/next";
import { getDb } from "@/lib/db/client";
import { AppError, toAppError } from "@/lib/errors";
import { MISSING_SETTING_VERSION, parseFormData, readSettingVersion, type FieldErrors } from "@/lib/form-data";
import { rightsizingSettingsFormSchema } from "@/lib/rightsizing/settings-form";
import { getRightsizingSettings, saveRightsizingSettings } from "@/lib/settings/store";

export type RightsizingFormState = {
  status: "idle" | "saved" | "invalid" | "failed";
  message: string;
  errors: FieldErrors;
  /** What was submitted, shown again when it is invalid so nothing typed is lost. */
  submitted: Record<string, string> | null;
  /** Bumped on every answer, so the form re-renders with the saved (normalised) values. */
  version: number;
  /** The settings version this form's last save wrote (SettingVersionField), or null before one. */
  settingVersion?: number | null;
};

export async function saveRightsizingSettingsAction(
  previous: RightsizingFormState,
  formData: FormData,
): Promise<RightsizingFormState> {
  const version = previous.version + 1;
  const parsed = parseFormData(rightsizingSettingsFormSchema, formData);
  if (!parsed.ok) {
    const count = Object.keys(parsed.errors).length;
    return {
      status: "invalid",
      message: `Not saved: ${count} field${count === 1 ? "" : "s"} to fix (marked below).`,
      errors: parsed.errors,
      submitted: parsed.values,
      version,
    };
  }
  const expectedVersion = readSettingVersion(formData);
  let settingVersion = previous.settingVersion ?? null;
  try {
    if (expectedVersion === null) throw new AppError("conflict", MISSING_SETTING_VERSION);
    const db = await getDb();
    const access = await getRequestAccess();
    await requireAccess(db, access, "admin", "rightsizing settings");
    const before = await getRightsizingSettings(db);
    const after = await saveRightsizingSettings(db, parsed.value, {
      expectedVersion,
      by: actorOf(access),
      onSaved: (v) => (settingVersion = v),
    });
    await recordChange(db, access, { action: "settings.rightsizing.save", target: "rightsizing", before, after });
  } catch (err) {
    const e = toAppError(err);
    return {
      status: "failed",
      // A conflict keeps what was typed (submitted) and says who saved in between; nothing of theirs is undone.
      message:
        e.kind === "conflict" ? `Not saved. ${e.message}` : `Could not save the rightsizing settings: ${e.message}`,
      errors: {},
      submitted: parsed.values,
      version,
      settingVersion,
    };
  }
  // Recommendations are computed when read: every rightsizing page and export uses these now.
  revalidatePath("/", "layout");
  return {
    status: "saved",
    message: "Saved. Every rightsizing page and export uses these settings now.",
    errors: {},
    submitted: null,
    version,
    settingVersion,
  };
}
