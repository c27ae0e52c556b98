// The one read of /opportunities: the month's storage opportunities, one page of each table, the totals over every
// row (they do not change with the page shown), the settings they used, and which rows on the page are already
// recorded as savings initiatives (by name).
import { z } from "zod";
import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { addMoney, toUnits } from "@/lib/money";
import { toInitiativeName } from "@/lib/opportunities/initiative";
import {
  getOpportunities,
  opportunitiesParamsSchema,
  type GlacierOpportunity,
  type Opportunities,
  type RetentionOpportunity,
} from "@/lib/opportunities/read";
import { pageNumberParam, pageSizeParam, toRowsPage, type RowsPage } from "@/lib/search-params";
import { getStampedOpportunitySettings, type OpportunitySettings } from "@/lib/settings/opportunities";
import { getTagSettings, type SettingStamp } from "@/lib/settings/store";

/**
 * The page's URL: month and department (as the export), and a page of each table: `s3Page`, `rdsPage` and one
 * `size` for both (a size-10 company has hundreds of projects per table, each row a form or two).
 */
export const opportunitiesPageQuerySchema = opportunitiesParamsSchema.extend({
  s3Page: pageNumberParam("s3Page"),
  rdsPage: pageNumberParam("rdsPage"),
  size: pageSizeParam("size"),
});
export type OpportunitiesPageQuery = z.infer<typeof opportunitiesPageQuerySchema>;

/** One table's sums over all its rows (every page). */
export type OpportunityTableTotals = {
  /** Projects in the table. */
  projects: number;
  /** Sum of the positive monthly savings. */
  savingsUsd: string;
};

export type OpportunityTotals = {
  /** Sum of the positive monthly savings of both tables. */
  savingsUsd: string;
  /** Moves that save money, in both tables. */
  savingMoves: number;
  glacier: OpportunityTableTotals;
  retention: OpportunityTableTotals;
  /** S3/RDS spend of the month without a project tag. */
  untaggedUsd: string;
};

export type OpportunitiesPage = {
  month: string;
  hasData: boolean;
  departments: string[];
  /** Over every row, whatever page is shown. */
  totals: OpportunityTotals;
  glacier: RowsPage<GlacierOpportunity>;
  retention: RowsPage<RetentionOpportunity>;
  settings: OpportunitySettings;
  /** Which save of the settings is shown: the forms send its version back; a refused save names who saved last. */
  stamp: SettingStamp;
  /** Initiative id per opportunity shown and already recorded, keyed "kind:project". */
  recorded: Record<string, number>;
};

/** The stat cards' figures, from every row of both tables. */
export function summarizeOpportunities(opportunities: Opportunities): OpportunityTotals {
  const table = (rows: { savingsUsd: string }[]): OpportunityTableTotals & { moves: number } => {
    const saving = rows.map((r) => r.savingsUsd).filter((usd) => toUnits(usd) > 0n);
    return { projects: rows.length, savingsUsd: addMoney("0", ...saving), moves: saving.length };
  };
  const { moves: glacierMoves, ...glacier } = table(opportunities.glacier);
  const { moves: retentionMoves, ...retention } = table(opportunities.retention);
  return {
    savingsUsd: opportunities.totalSavingsUsd,
    savingMoves: glacierMoves + retentionMoves,
    glacier,
    retention,
    untaggedUsd: opportunities.untaggedUsd,
  };
}

// Spend by project: readers see every department, a department grant its own (another one asked for is refused).
export async function getOpportunitiesPage(
  db: Db,
  access: Access,
  query: OpportunitiesPageQuery,
  now: Date,
): Promise<OpportunitiesPage> {
  const { s3Page, rdsPage, size, ...params } = query;
  const scope = await requireAccess(db, access, "spend", "/opportunities", { department: params.department });
  const [{ settings, stamp }, tags] = await Promise.all([getStampedOpportunitySettings(db), getTagSettings(db)]);
  const opportunities = await getOpportunities(db, params, { opportunities: settings, tags }, now, scope.departments);
  const glacier = toRowsPage(opportunities.glacier, s3Page, size);
  const retention = toRowsPage(opportunities.retention, rdsPage, size);
  const keys = [...glacier.rows, ...retention.rows].map((o) => [o.kind, o.project] as const);
  const names = keys.map(([kind, project]) => toInitiativeName(kind, project));
  const found =
    names.length === 0
      ? []
      : await db.prisma.savingsInitiative.findMany({
          where: { name: { in: names } },
          select: { id: true, name: true },
        });
  const idOf = new Map(found.map((row) => [row.name, row.id]));
  const recorded: Record<string, number> = {};
  keys.forEach(([kind, project], i) => {
    const id = idOf.get(names[i] ?? "");
    if (id !== undefined) recorded[`${kind}:${project}`] = id;
  });
  return {
    month: opportunities.month,
    hasData: opportunities.hasData,
    departments: opportunities.departments,
    totals: summarizeOpportunities(opportunities),
    glacier,
    retention,
    settings,
    stamp,
    recorded,
  };
}
