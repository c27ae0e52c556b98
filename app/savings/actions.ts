"use server";
// Server actions of /savings: create, edit and delete savings initiatives (validated in lib/savings/initiative.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError, toAppError } from "@/lib/errors";
import { parseInitiativeInput, toInitiativeFormInput, type FieldErrors } from "@/lib/savings/initiative";
import { createInitiative, deleteInitiative, updateInitiative } from "@/lib/savings/initiatives-store";

export type InitiativeFormState = { errors: FieldErrors; values: Record<string, string> } | null;

/** Saves the form: a new initiative, or the one named by the hidden `id` field. */
export async function saveInitiative(_previous: InitiativeFormState, form: FormData): Promise<InitiativeFormState> {
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const now = getNow();
  const parsed = parseInitiativeInput(toInitiativeFormInput(form), now);
  if (!parsed.ok) return { errors: parsed.errors, values };
  const id = values.id ? Number(values.id) : null;
  let savedId: number;
  try {
    const db = await getDb();
    savedId = id
      ? (await updateInitiative(db, id, parsed.value, now)).id
      : (await createInitiative(db, parsed.value, now)).id;
  } catch (err) {
    const e = toAppError(err);
    return {
      errors: e.kind === "conflict" ? { name: e.message } : { form: `Could not save the initiative: ${e.message}` },
      values,
    };
  }
  revalidatePath("/savings");
  revalidatePath("/slides");
  redirect(`/savings#initiative-${savedId}`);
}

export type DeleteState = { error: string } | null;

export async function removeInitiative(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const id = Number(form.get("id"));
  try {
    if (!Number.isInteger(id) || id < 1)
      throw new AppError("bad-input", `Not an initiative id: "${String(form.get("id"))}".`);
    await deleteInitiative(await getDb(), id);
  } catch (err) {
    return { error: toAppError(err).message };
  }
  revalidatePath("/savings");
  revalidatePath("/slides");
  redirect("/savings");
}
