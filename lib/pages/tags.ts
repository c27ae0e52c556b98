// The one read of /tags before it streams its panels: the tag settings, and whether any spend was synced.
import type { Db } from "@/lib/db/types";
import { hasCostData } from "@/lib/reports/spend-report";
import { getTagSettings } from "@/lib/settings/store";
import type { TagSettings } from "@/lib/settings/tags";

export type TagsPage = { settings: TagSettings; hasCostData: boolean };

export async function getTagsPage(db: Db): Promise<TagsPage> {
  const [settings, hasData] = await Promise.all([getTagSettings(db), hasCostData(db)]);
  return { settings, hasCostData: hasData };
}
