"use server";
// Server actions of /savings: create, edit and delete savings initiatives (forms read by lib/form-data.ts
// with the schemas of lib/savings/initiative.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getNow } from "@/lib/config";
import { recordChange, requireAccess } from "@/lib/access/access";
import { getRequestAccess } from "@/lib/access/next";
import { getDb } from "@/lib/db/client";
import { toAppError } from "@/lib/errors";
import { parseFormData, type FieldErrors } from "@/lib/form-data";
import { initiativeFormSchema, initiativeIdFormSchema } from "@/lib/savings/initiative";
import { createInitiative, deleteInitiative, getInitiative, updateInitiative } from "@/lib/savings/initiatives-store";

export type InitiativeFormState = { errors: FieldErrors; values: Record<string, string> } | null;

/** Saves the form: a new initiative, or the one named by the hidden `id` field. */
export async function saveInitiative(_previous: InitiativeFormState, form: FormData): Promise<InitiativeFormState> {
  const now = getNow();
  const parsed = parseFormData(initiativeFormSchema(now), form);
  if (!parsed.ok) return { errors: parsed.errors, values: parsed.values };
  const { id, initiative } = parsed.value;
  let savedId: number;
  try {
    const db = await getDb();
    const access = await getRequestAccess();
    await requireAccess(db, access, "edit", id ? `initiative ${id}` : "a new initiative");
    const before = id ? await getInitiative(db, id, now) : undefined;
    const saved = id ? await updateInitiative(db, id, initiative, now) : await createInitiative(db, initiative, now);
    savedId = saved.id;
    await recordChange(db, access, {
      action: id ? "initiative.update" : "initiative.create",
      target: `initiative ${saved.id}`,
      before,
      after: saved,
    });
  } catch (err) {
    const e = toAppError(err);
    return {
      errors: e.kind === "conflict" ? { name: e.message } : { form: `Could not save the initiative: ${e.message}` },
      values: parsed.values,
    };
  }
  revalidatePath("/savings");
  revalidatePath("/slides");
  redirect(`/savings#initiative-${savedId}`);
}

export type DeleteState = { error: string } | null;

export async function removeInitiative(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const parsed = parseFormData(initiativeIdFormSchema, form);
  if (!parsed.ok) return { error: parsed.message };
  try {
    const db = await getDb();
    const access = await getRequestAccess();
    const { id } = parsed.value;
    await requireAccess(db, access, "edit", `initiative ${id}`);
    const before = await getInitiative(db, id, getNow());
    await deleteInitiative(db, id);
    await recordChange(db, access, { action: "initiative.delete", target: `initiative ${id}`, before });
  } catch (err) {
    return { error: toAppError(err).message };
  }
  revalidatePath("/savings");
  revalidatePath("/slides");
  redirect("/savings");
}
