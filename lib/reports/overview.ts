// The overview: this month so far, last month and its change, the 13-month trend by
// department, customer-serving vs R&D, untagged and not-allowed share, top movers, the last sync. Every
// figure comes with the spend view behind it, so the page can link each one.
import type { Db } from "@/lib/db/types";
import { addDays, addMonths, startOfMonth, toDay } from "@/lib/dates";
import { getTagSettings } from "@/lib/settings/store";
import { listSyncRuns, type SyncRunRow } from "@/lib/sync/runs";
import type { TagSettings } from "@/lib/settings/tags";
import { METRIC_COLUMN, type Metric } from "@/lib/metrics";
import { compareMoney, isZeroMoney } from "@/lib/money";
import { getSpendReport, toChange, type SpendReport, type SpendRow } from "./spend-report";
import { prepareSpendRollup } from "./rollup";
import { getTagHealth, type TagHealth } from "./tag-health";
import { toDefaultSpendView, type SpendView } from "./view";

export type MonthFigure = {
  from: string;
  to: string;
  total: string;
  daysWithData: number;
  estimated: boolean;
  view: SpendView;
};
/** A group whose spend changed between the last two full months; `amount` is its spend last month. */
export type Mover = { row: SpendRow; amount: string; view: SpendView };

export type Overview = {
  hasData: boolean;
  metric: Metric;
  settings: TagSettings;
  /** The last day Cost Explorer data was synced for, and whether it is still Estimated. */
  dataThrough: { day: string; estimated: boolean } | null;
  thisMonth: MonthFigure & {
    sameDaysLastMonth: string | null;
    change: { amount: string; ratio: number | null } | null;
  };
  lastMonth: MonthFigure & { change: { amount: string; ratio: number | null } | null };
  trend: SpendReport;
  categories: SpendReport;
  tagHealth: TagHealth;
  tagHealthView: SpendView;
  movers: { departments: Mover[]; projects: Mover[]; view: SpendView };
  lastRun: SyncRunRow | null;
  lastSuccess: SyncRunRow | null;
};

const MOVERS = 5;

/**
 * `departments`: a person granted departments reads only theirs (the resolved department IN the list), in every
 * figure: the months, the trend, the categories, the movers and the tag health. Cost Explorer's ungrouped daily
 * totals are everyone's spend, so a scoped overview never reads them for money.
 */
export async function getOverview(
  db: Db,
  opts: { now: Date; metric: Metric; departments?: string[] | null },
): Promise<Overview> {
  const { now, metric } = opts;
  const departments = opts.departments ?? null;
  const settings = await getTagSettings(db);
  const thisMonth = startOfMonth(toDay(now));
  const lastMonth = addMonths(thisMonth, -1);
  const nextMonth = addMonths(thisMonth, 1);
  const base = { ...toDefaultSpendView(now), metric };
  const trendView = base; // 12 full months and this month, by department
  const categoriesView: SpendView = { ...base, by: ["category"], from: thisMonth, to: nextMonth, granularity: "total" };
  const moversView: SpendView = { ...base, by: ["project"], from: addMonths(thisMonth, -2), to: thisMonth };

  // Once, before the reads below run side by side: they take its answer instead of asking again (17 → 13
  // statements per overview).
  const rollupReady = await prepareSpendRollup(db);
  const read = { now, settings, departments, rollupReady };
  const [trend, categories, projects, through, runs, tagHealth, sameDays] = await Promise.all([
    getSpendReport(db, trendView, read),
    getSpendReport(db, categoriesView, read),
    getSpendReport(db, moversView, read),
    db.sql.query<{ day: string | null; estimated: boolean | null }>(
      "SELECT day, estimated FROM cost_day ORDER BY day DESC LIMIT 1",
    ),
    listSyncRuns(db, 20),
    getTagHealth(db, { from: thisMonth, to: nextMonth }, metric, settings, departments, rollupReady),
    departments
      ? sumSameDaysOfDepartments(db, { lastMonth, thisMonth, nextMonth }, { base, ...read, departments })
      : sumSameDays(db, { lastMonth, thisMonth, nextMonth }, metric),
  ]);
  if (trend.kind !== "report" || categories.kind !== "report" || projects.kind !== "report") {
    throw new Error("internal: the overview's views are always exact");
  }
  const last = trend.periods.length - 1;
  const current = trend.periods[last];
  const previous = trend.periods[last - 1];
  const before = trend.periodTotals[last - 2] ?? "0";
  const [latest] = through;

  return {
    hasData: latest?.day != null,
    metric,
    settings,
    dataThrough: latest?.day ? { day: latest.day, estimated: latest.estimated ?? false } : null,
    thisMonth: {
      from: thisMonth,
      to: nextMonth,
      total: trend.periodTotals[last] ?? "0",
      daysWithData: current?.daysWithData ?? 0,
      estimated: current?.estimated ?? false,
      sameDaysLastMonth: sameDays,
      change: sameDays === null ? null : toChange(trend.periodTotals[last] ?? "0", sameDays),
      view: { ...base, from: thisMonth, to: nextMonth, granularity: "day" },
    },
    lastMonth: {
      from: lastMonth,
      to: thisMonth,
      total: trend.periodTotals[last - 1] ?? "0",
      daysWithData: previous?.daysWithData ?? 0,
      estimated: previous?.estimated ?? false,
      change:
        (trend.periods[last - 2]?.daysWithData ?? 0) > 0 ? toChange(trend.periodTotals[last - 1] ?? "0", before) : null,
      view: { ...base, from: addMonths(thisMonth, -2), to: thisMonth },
    },
    trend,
    categories,
    tagHealth,
    tagHealthView: { ...base, by: ["service"], from: thisMonth, to: nextMonth, granularity: "total" },
    movers: {
      departments: toMovers(toMonthOverMonth(trend, last - 1), last - 1, (row) => ({
        ...moversView,
        by: ["project"],
        filters: { department: row.keys[0]?.filter ?? "" },
      })),
      projects: toMovers(projects.rows, 1, (row) => ({
        ...moversView,
        by: ["environment"],
        filters: { project: row.keys[0]?.filter ?? "" },
      })),
      view: moversView,
    },
    lastRun: runs[0] ?? null,
    lastSuccess: runs.find((r) => r.status === "succeeded") ?? null,
  };
}

/** Rows of a monthly report with their change set to month `index` against the month before. */
function toMonthOverMonth(report: SpendReport, index: number): SpendRow[] {
  return report.rows.map((row) => ({
    ...row,
    change: toChange(row.amounts[index] ?? "0", row.amounts[index - 1] ?? "0"),
  }));
}

/** The biggest rises and falls (by amount), each with the view that explains it. */
function toMovers(rows: SpendRow[], index: number, viewOf: (row: SpendRow) => SpendView): Mover[] {
  const moving = rows.filter((row) => row.change && !isZeroMoney(row.change.amount));
  const byChange = [...moving].sort((a, b) => compareMoney(b.change?.amount ?? "0", a.change?.amount ?? "0"));
  const rises = byChange.filter((row) => compareMoney(row.change?.amount ?? "0", "0") > 0).slice(0, MOVERS);
  const falls = byChange
    .filter((row) => compareMoney(row.change?.amount ?? "0", "0") < 0)
    .reverse()
    .slice(0, MOVERS);
  return [...rises, ...falls].map((row) => ({ row, amount: row.amounts[index] ?? "0", view: viewOf(row) }));
}

/** Spend over as many days at the start of last month as this month has synced so far (null: none yet). */
async function sumSameDays(
  db: Db,
  months: { lastMonth: string; thisMonth: string; nextMonth: string },
  metric: Metric,
): Promise<string | null> {
  const column = METRIC_COLUMN[metric];
  const [row] = await db.sql.query<{ days: number; total: string | null }>(
    `WITH n AS (SELECT count(*)::int AS days FROM cost_day WHERE day >= $2::date AND day < $3::date)
     SELECT n.days, (SELECT sum(${column}) FROM cost_day WHERE day >= $1::date AND day < least($1::date + n.days, $2::date)) AS total FROM n`,
    [months.lastMonth, months.thisMonth, months.nextMonth],
  );
  return row && row.days > 0 ? (row.total ?? "0") : null;
}

/**
 * sumSameDays for a person granted departments: the same days, summed from their departments' rows (the spend
 * report's scope) instead of Cost Explorer's ungrouped totals, which are the whole company's.
 */
async function sumSameDaysOfDepartments(
  db: Db,
  months: { lastMonth: string; thisMonth: string; nextMonth: string },
  read: { base: SpendView; now: Date; settings: TagSettings; departments: string[]; rollupReady: boolean },
): Promise<string | null> {
  const [row] = await db.sql.query<{ days: number }>(
    "SELECT count(*)::int AS days FROM cost_day WHERE day >= $1::date AND day < $2::date",
    [months.thisMonth, months.nextMonth],
  );
  const days = row?.days ?? 0;
  if (days === 0) return null;
  const to = addDays(months.lastMonth, days) < months.thisMonth ? addDays(months.lastMonth, days) : months.thisMonth;
  const view: SpendView = { ...read.base, by: ["department"], from: months.lastMonth, to, granularity: "total" };
  const report = await getSpendReport(db, view, read);
  if (report.kind !== "report") throw new Error("internal: spend by department is always exact");
  return report.total;
}
