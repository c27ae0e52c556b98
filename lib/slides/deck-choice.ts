// Which initiatives the presenter put in the deck, and in which order: saved, so the download and the command
// line export the same deck. One setting document, key "deck", like lib/settings/store.ts.
import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { readSettingDocument, readSettingStamp, writeSettingDocument, type SaveOptions } from "@/lib/settings/store";

export type DeckChoice = { initiatives: number[] };

const choiceSchema = z.object({
  initiatives: z
    .array(z.number({ message: "initiative ids are numbers" }).int().positive(), {
      message: "initiatives must be a list of ids",
    })
    .max(50, "at most 50 initiatives in one deck")
    .refine((ids) => new Set(ids).size === ids.length, "an initiative can be in the deck only once"),
});

const KEY = "deck";

/** The picker's form on /slides: the chosen ids in order, comma-separated (checked by saveDeckChoice). */
export const deckChoiceFormSchema = z.object({
  initiatives: z
    .string()
    .default("")
    .transform((raw) => (raw === "" ? [] : raw.split(",").map(Number))),
});

/** The version of the saved choice (0: never saved), which the picker's form sends back. */
export async function getDeckVersion(db: Db): Promise<number> {
  return (await readSettingStamp(db, KEY)).version;
}

/** The saved choice, or null when the presenter never saved one (the deck then shows every initiative). */
export async function getDeckChoice(db: Db): Promise<DeckChoice | null> {
  const value = await readSettingDocument(db, KEY);
  if (value === undefined) return null;
  const parsed = choiceSchema.safeParse(value);
  if (!parsed.success) {
    console.error(`Setting "deck" is invalid, showing every initiative: ${parsed.error.issues[0]?.message}`);
    return null;
  }
  return parsed.data;
}

/** Validates and saves; ids that name no initiative are refused, so a stale page cannot save a broken deck. */
export async function saveDeckChoice(db: Db, input: unknown, opts: SaveOptions = {}): Promise<DeckChoice> {
  const parsed = choiceSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError("bad-input", `Invalid deck choice: ${parsed.error.issues.map((i) => i.message).join("; ")}.`);
  const found = await db.prisma.savingsInitiative.findMany({
    where: { id: { in: parsed.data.initiatives } },
    select: { id: true },
  });
  const known = new Set(found.map((r) => r.id));
  const unknown = parsed.data.initiatives.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      "bad-input",
      `No initiative ${unknown.map((id) => `#${id}`).join(", ")}: it may have been deleted. Reload /slides and choose again.`,
    );
  }
  await writeSettingDocument(db, KEY, parsed.data, opts);
  return parsed.data;
}

/** The initiatives in deck order: the saved order (deleted ones dropped), or all of them when nothing is saved. */
export function toDeckOrder<T extends { id: number }>(all: readonly T[], choice: DeckChoice | null): T[] {
  if (!choice) return [...all];
  const byId = new Map(all.map((i) => [i.id, i]));
  return choice.initiatives.flatMap((id) => byId.get(id) ?? []);
}
