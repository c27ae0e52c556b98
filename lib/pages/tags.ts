// The reads of /tags: the settings and whether any spend was synced (before the page streams its panels), then
// each panel's report. Readers see every department; a person granted departments sees the same reports over
// their departments only (the queries carry department IN (theirs)), each read asking requireAccess again.
import { requireAccess, toScope, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { hasCostData } from "@/lib/reports/spend-report";
import { getStampedTagSettings } from "@/lib/settings/store";
import type { TagSettings } from "@/lib/settings/tags";
import { getComplianceReport, type ComplianceReport } from "@/lib/tags/compliance-report";
import { hasComplianceData, listTagOffenders, type Offender } from "@/lib/tags/offenders";
import type { TagsQuery } from "@/lib/tags/tags-query";

export type TagsPage = {
  settings: TagSettings;
  /** The version of the settings shown: the forms send it back, so a save over someone else's is refused. */
  versions: { tags: number };
  hasCostData: boolean;
  /** The departments this person is restricted to; null = every department. */
  departments: string[] | null;
  /** Whether this person may edit the tag settings (lists, aliases): else the page shows them without controls. */
  canEdit: boolean;
};

export async function getTagsPage(db: Db, access: Access): Promise<TagsPage> {
  const { departments } = await requireAccess(db, access, "spend", "/tags");
  const [{ settings, stamp }, hasData] = await Promise.all([getStampedTagSettings(db), hasCostData(db)]);
  const canEdit = toScope(access.grants, "edit") !== null;
  return { settings, versions: { tags: stamp.version }, hasCostData: hasData, departments, canEdit };
}

/** The compliance panel: the split, the trend, each tag, each department, for the person's departments. */
export async function getTagsCompliance(
  db: Db,
  access: Access,
  query: TagsQuery,
  settings: TagSettings,
): Promise<ComplianceReport> {
  const { departments } = await requireAccess(db, access, "spend", "/tags");
  return getComplianceReport(db, query, settings, departments);
}

/** The offenders panel; null when the range has no synced spend (an empty list would read as "all tagged"). */
export async function getTagsOffenders(
  db: Db,
  access: Access,
  query: TagsQuery,
  settings: TagSettings,
): Promise<{ offenders: Offender[]; departments: string[] | null; canEdit: boolean } | null> {
  const { departments } = await requireAccess(db, access, "spend", "/tags");
  if (!(await hasComplianceData(db, query))) return null;
  const canEdit = toScope(access.grants, "edit") !== null;
  return { offenders: await listTagOffenders(db, query, settings, departments), departments, canEdit };
}
