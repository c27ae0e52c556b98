"use server";
// Server action of the weekly digest form on /settings: one team's Slack webhook and email recipients. The
// webhook URL is a secret: it is never sent back to the browser (not even when the form is invalid), and the
// audit trail records only its masked form.
import { revalidatePath } from "next/cache";
import { actorOf, recordChange, requireAccess } from "@/lib/access/access";
import { getRequestAccess } from "@/lib/access/next";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { digestChannelFormSchema, saveDigestChannel } from "@/lib/digest/channels";
import { toAppError } from "@/lib/errors";
import { parseFormData, type FieldErrors } from "@/lib/form-data";

export type DigestFormState = {
  status: "idle" | "saved" | "invalid" | "failed";
  message: string;
  errors: FieldErrors;
  /** What was submitted, less the webhook URL, shown again when it is invalid. */
  submitted: Record<string, string> | null;
  version: number;
};

export async function saveDigestChannelAction(previous: DigestFormState, formData: FormData): Promise<DigestFormState> {
  const version = previous.version + 1;
  const schema = digestChannelFormSchema({ allowLoopback: getConfig().digest.allowLoopback });
  const parsed = parseFormData(schema, formData);
  const { slackWebhookUrl: _secret, ...submitted } = parsed.values;
  void _secret;
  if (!parsed.ok) {
    return {
      status: "invalid",
      message: "Not saved: fix the fields marked below (a webhook URL must be typed again).",
      errors: parsed.errors,
      submitted,
      version,
    };
  }
  try {
    const db = await getDb();
    const access = await getRequestAccess();
    await requireAccess(db, access, "admin", "digest channels");
    const { before, after } = await saveDigestChannel(db, parsed.value, actorOf(access));
    await recordChange(db, access, { action: "settings.digest.save", target: parsed.value.team, before, after });
  } catch (err) {
    return {
      status: "failed",
      message: `Could not save the digest channels: ${toAppError(err).message}`,
      errors: {},
      submitted,
      version,
    };
  }
  revalidatePath("/settings");
  return {
    status: "saved",
    message: `Saved the digest channels of ${parsed.value.team}.`,
    errors: {},
    submitted: null,
    version,
  };
}
