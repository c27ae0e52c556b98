// The one read of each spend page (/spend, /spend/categories): null until a sync stored Cost Explorer data.
import type { Db } from "@/lib/db/types";
import { getSpendReport, hasCostData, type NotExactReport, type SpendReport } from "@/lib/reports/spend-report";
import type { SpendView } from "@/lib/reports/view";
import { getTagSettings } from "@/lib/settings/store";
import type { TagSettings } from "@/lib/settings/tags";

export type SpendPage = { settings: TagSettings; report: SpendReport | NotExactReport };

/** The report of the view, read with the tag settings in force now (aliases, allowed lists, categories). */
export async function getSpendPage(db: Db, view: SpendView, opts: { now: Date }): Promise<SpendPage | null> {
  if (!(await hasCostData(db))) return null;
  const settings = await getTagSettings(db);
  return { settings, report: await getSpendReport(db, view, { now: opts.now, settings }) };
}

export type CategoriesPage = SpendPage & {
  /** The same range by department × category, over the whole range: the table of departments. */
  pivot: SpendReport | NotExactReport;
};

/** Customer-serving vs R&D: the view (by category), and the same range by department and category. */
export async function getCategoriesPage(db: Db, view: SpendView, opts: { now: Date }): Promise<CategoriesPage | null> {
  if (!(await hasCostData(db))) return null;
  const settings = await getTagSettings(db);
  const [report, pivot] = await Promise.all([
    getSpendReport(db, view, { now: opts.now, settings }),
    getSpendReport(db, { ...view, by: ["department", "category"], granularity: "total" }, { now: opts.now, settings }),
  ]);
  return { settings, report, pivot };
}
