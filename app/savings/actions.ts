"use server";
// Server actions of /savings: create, edit and delete savings initiatives (forms read by lib/form-data.ts
// with the schemas of lib/savings/initiative.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { toAppError } from "@/lib/errors";
import { parseFormData, type FieldErrors } from "@/lib/form-data";
import { initiativeFormSchema, initiativeIdFormSchema } from "@/lib/savings/initiative";
import { createInitiative, deleteInitiative, updateInitiative } from "@/lib/savings/initiatives-store";

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
    savedId = id
      ? (await updateInitiative(db, id, initiative, now)).id
      : (await createInitiative(db, initiative, now)).id;
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
    await deleteInitiative(await getDb(), parsed.value.id);
  } catch (err) {
    return { error: toAppError(err).message };
  }
  revalidatePath("/savings");
  revalidatePath("/slides");
  redirect("/savings");
}
