// The one read of /slides: the deck as saved, for readers (it quotes every department's spend).
import { requireAccess, toScope, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { getDeck, type DeckWithChoice } from "@/lib/slides/get-deck";

export type SlidesPage = DeckWithChoice & {
  /** Whether this person may change the deck (finance and admin). */ canEdit: boolean;
};

export async function getSlidesPage(db: Db, access: Access, now: Date): Promise<SlidesPage> {
  await requireAccess(db, access, "read", "/slides");
  return { ...(await getDeck(db, now)), canEdit: toScope(access.grants, "edit") !== null };
}
