// The one read of each spend page (/spend, /spend/categories): null until a sync stored Cost Explorer data.
import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { getSpendReport, hasCostData, type NotExactReport, type SpendReport } from "@/lib/reports/spend-report";
import type { SpendView } from "@/lib/reports/view";
import { getTagSettings } from "@/lib/settings/store";
import type { TagSettings } from "@/lib/settings/tags";

export type SpendPage = {
  settings: TagSettings;
  report: SpendReport | NotExactReport;
  /** The departments this person is restricted to; null = every department. */
  departments: string[] | null;
};

/**
 * The report of the view, read with the tag settings in force now (aliases, allowed lists, categories); a person
 * granted departments reads only those (a view naming another department is refused).
 */
export async function getSpendPage(
  db: Db,
  access: Access,
  view: SpendView,
  opts: { now: Date },
): Promise<SpendPage | null> {
  const { departments } = await requireAccess(db, access, "spend", "/spend", { department: view.filters.department });
  if (!(await hasCostData(db))) return null;
  const settings = await getTagSettings(db);
  return { settings, departments, report: await getSpendReport(db, view, { now: opts.now, settings, departments }) };
}

export type CategoriesPage = SpendPage & {
  /** The same range by department × category, over the whole range: the table of departments. */
  pivot: SpendReport | NotExactReport;
};

/** Customer-serving vs R&D: the view (by category), and the same range by department and category. */
export async function getCategoriesPage(
  db: Db,
  access: Access,
  view: SpendView,
  opts: { now: Date },
): Promise<CategoriesPage | null> {
  const { departments } = await requireAccess(db, access, "spend", "/spend/categories", {
    department: view.filters.department,
  });
  if (!(await hasCostData(db))) return null;
  const settings = await getTagSettings(db);
  const read = { now: opts.now, settings, departments };
  const [report, pivot] = await Promise.all([
    getSpendReport(db, view, read),
    getSpendReport(db, { ...view, by: ["department", "category"], granularity: "total" }, read),
  ]);
  return { settings, departments, report, pivot };
}
