// The one read of /tags before it streams its panels: the tag settings, and whether any spend was synced.
import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { hasCostData } from "@/lib/reports/spend-report";
import { getStampedTagSettings } from "@/lib/settings/store";
import type { TagSettings } from "@/lib/settings/tags";

export type TagsPage = {
  settings: TagSettings;
  /** The version of the settings shown: the forms send it back, so a save over someone else's is refused. */
  versions: { tags: number };
  hasCostData: boolean;
};

// Tag compliance covers every department's spend: readers only (a department grant does not reach it yet).
export async function getTagsPage(db: Db, access: Access): Promise<TagsPage> {
  await requireAccess(db, access, "read", "/tags");
  const [{ settings, stamp }, hasData] = await Promise.all([getStampedTagSettings(db), hasCostData(db)]);
  return { settings, versions: { tags: stamp.version }, hasCostData: hasData };
}
