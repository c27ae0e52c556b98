"use server";
// Server actions of /opportunities: record an opportunity as a savings initiative, and edit its settings in place.
// A refused edit comes back as ?problem=<code> (a fixed message on the page), nothing saved.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actorOf, recordChange, requireAccess } from "@/lib/access/access";
import { getRequestAccess } from "@/lib/access/next";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/types";
import { toAppError } from "@/lib/errors";
import { parseFormData, readSettingVersion } from "@/lib/form-data";
import type { SaveOptions } from "@/lib/settings/store";
import { recordOpportunityFormSchema } from "@/lib/opportunities/initiative";
import {
  defaultsFormSchema,
  readShareFormSchema,
  recordOpportunity,
  retentionFormSchema,
  saveOpportunityDefaults,
  saveProjectReadShare,
  saveProjectRetention,
} from "@/lib/opportunities/record";
import { getOpportunitySettings } from "@/lib/settings/opportunities";

/** Back to the page the form was on (its month, department and table pages), with a problem code when refused. */
function back(form: FormData, problem?: string): never {
  const params = new URLSearchParams();
  for (const key of ["month", "department", "s3Page", "rdsPage", "size"]) {
    const value = form.get(`view_${key}`);
    if (typeof value === "string" && value) params.set(key, value);
  }
  if (problem) params.set("problem", problem);
  const query = params.toString();
  redirect(`/opportunities${query ? `?${query}` : ""}${problem ? "#problem" : ""}`);
}

export async function recordOpportunityAction(form: FormData): Promise<void> {
  const parsed = parseFormData(recordOpportunityFormSchema, form);
  if (!parsed.ok) back(form, "record");
  let id: number;
  try {
    const db = await getDb();
    const access = await getRequestAccess();
    const { kind, project } = parsed.value;
    await requireAccess(db, access, "edit", `opportunity ${kind} ${project}`);
    const saved = await recordOpportunity(db, parsed.value, getNow());
    id = saved.id;
    await recordChange(db, access, { action: "initiative.create", target: `initiative ${id}`, after: saved });
  } catch {
    back(form, "record");
  }
  revalidatePath("/savings");
  revalidatePath("/slides");
  revalidatePath("/opportunities");
  redirect(`/savings#initiative-${id}`);
}

// Finance and admins edit the assumptions; each save is audited with the settings before and after.
// A save from a page opened before someone else's save is refused (problem "conflict", naming who saved).
async function saveWith<T>(form: FormData, problem: string, save: (db: Db, opts: SaveOptions) => Promise<T>) {
  const expectedVersion = readSettingVersion(form);
  if (expectedVersion === null) back(form, "conflict");
  let conflict = false;
  try {
    const db = await getDb();
    const access = await getRequestAccess();
    await requireAccess(db, access, "edit", "settings opportunities");
    const before = await getOpportunitySettings(db);
    await save(db, { expectedVersion, by: actorOf(access) });
    const after = await getOpportunitySettings(db);
    await recordChange(db, access, {
      action: `settings.opportunities.${problem}`,
      target: "opportunities",
      before,
      after,
    });
  } catch (err) {
    conflict = toAppError(err).kind === "conflict";
    if (!conflict) back(form, problem);
  }
  revalidatePath("/opportunities");
  revalidatePath("/");
  back(form, conflict ? "conflict" : undefined);
}

export async function saveReadShareAction(form: FormData): Promise<void> {
  const parsed = parseFormData(readShareFormSchema, form);
  if (!parsed.ok) back(form, "read-share");
  await saveWith(form, "read-share", (db, opts) => saveProjectReadShare(db, parsed.value, opts));
}

export async function saveRetentionAction(form: FormData): Promise<void> {
  const parsed = parseFormData(retentionFormSchema, form);
  if (!parsed.ok) back(form, "retention");
  await saveWith(form, "retention", (db, opts) => saveProjectRetention(db, parsed.value, opts));
}

export async function saveDefaultsAction(form: FormData): Promise<void> {
  const parsed = parseFormData(defaultsFormSchema, form);
  if (!parsed.ok) back(form, "defaults");
  await saveWith(form, "defaults", (db, opts) => saveOpportunityDefaults(db, parsed.value, opts));
}
