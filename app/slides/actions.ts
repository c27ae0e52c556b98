"use server";
// Server action of /slides: saves which initiatives go in the deck and their order (setting "deck"), reading the
// form with lib/form-data.ts.
import { revalidatePath } from "next/cache";
import { actorOf, recordChange, requireAccess } from "@/lib/access/access";
import { getRequestAccess } from "@/lib/access/next";
import { getDb } from "@/lib/db/client";
import { toAppError } from "@/lib/errors";
import { MISSING_SETTING_VERSION, parseFormData, readSettingVersion } from "@/lib/form-data";
import { deckChoiceFormSchema, getDeckChoice, saveDeckChoice } from "@/lib/slides/deck-choice";

/** `settingVersion`: the version a save wrote, which the form carries next (SettingVersionField). */
export type DeckChoiceState = { ok: boolean; message: string; settingVersion?: number } | null;

export async function saveDeck(_previous: DeckChoiceState, form: FormData): Promise<DeckChoiceState> {
  const parsed = parseFormData(deckChoiceFormSchema, form);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const expectedVersion = readSettingVersion(form);
  if (expectedVersion === null) return { ok: false, message: MISSING_SETTING_VERSION };
  try {
    const db = await getDb();
    const access = await getRequestAccess();
    await requireAccess(db, access, "edit", "the deck");
    const before = await getDeckChoice(db);
    let settingVersion: number | undefined;
    const saved = await saveDeckChoice(db, parsed.value, {
      expectedVersion,
      by: actorOf(access),
      onSaved: (v) => (settingVersion = v),
    });
    await recordChange(db, access, { action: "deck.save", target: "deck", before, after: saved });
    revalidatePath("/slides");
    const n = saved.initiatives.length;
    return {
      ok: true,
      settingVersion,
      message: `Saved: ${n} initiative${n === 1 ? "" : "s"} in the deck. The download and \`npm run export -- slides\` use this order.`,
    };
  } catch (err) {
    return { ok: false, message: toAppError(err).message };
  }
}
