// The one read of /slides: the deck as saved, for readers (it quotes every department's spend).
import { requireAccess, toScope, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { getCachedDeck } from "@/lib/slides/deck-cache";
import type { DeckWithChoice } from "@/lib/slides/get-deck";
import { getDeckVersion } from "@/lib/slides/deck-choice";

export type SlidesPage = DeckWithChoice & {
  /** Whether this person may change the deck (finance and admin). */ canEdit: boolean;
  /** The version of the saved choice: the picker sends it back, so a save over someone else's is refused. */
  versions: { deck: number };
};

export async function getSlidesPage(db: Db, access: Access, now: Date): Promise<SlidesPage> {
  const scope = await requireAccess(db, access, "read", "/slides");
  // The version first: a save landing between the two reads then makes this page's save a conflict, never a loss.
  const version = await getDeckVersion(db);
  return {
    ...(await getCachedDeck(db, scope, now)),
    canEdit: toScope(access.grants, "edit") !== null,
    versions: { deck: version },
  };
}
