// The spend report behind /spend, the overview's links, the CSV export and the charts: one read,
// answered from the one dataset that holds the view exactly, or a "not exact" answer that says why.
import type { Db } from "@/lib/db/types";
import { toDay } from "@/lib/dates";
import { badInput } from "@/lib/errors";
import { getTagSettings } from "@/lib/settings/store";
import { prepareSpendRollup } from "./rollup";
import type { TagSettings } from "@/lib/settings/tags";
import { chooseDataset, toNotExactMessage, type Dataset } from "./datasets";
import { listExactAlternatives, type ViewLink } from "./drill";
import { toGroupKey, type GroupKey } from "./group-keys";
import { addMoney, compareMoney, subtractMoney, toRatio } from "@/lib/money";
import { countDays, listPeriods, type Period } from "./periods";
import { buildPeriodTotalsQuery, buildSpendQuery } from "./spend-sql";
import { listViewDimensions, type SpendView } from "./view";

export type ReportPeriod = Period & {
  days: number;
  /** Days Cost Explorer's daily totals were synced for (0 = not synced: never shown as $0 of spend). */
  daysWithData: number;
  estimated: boolean;
  /** Cost Explorer's ungrouped total for the period (the bill), null when not synced. */
  billTotal: string | null;
  /** The period has ended (by the injected clock): only complete periods are compared. */
  isComplete: boolean;
};

export type AliasedValues = { department: string[]; environment: string[] };

export type SpendRow = {
  keys: GroupKey[];
  /** One amount per period ("0" when the group had no spend in it). */
  amounts: string[];
  total: string;
  /** total / grand total; null when the grand total is zero. */
  share: number | null;
  /** Last complete period minus the one before (see SpendReport.change). */
  change: { amount: string; ratio: number | null } | null;
  /** Spend in this row that an alias moved here, and the raw values it came from. */
  aliasedAmount: string | null;
  aliasedFrom: AliasedValues;
};

export type SpendReport = {
  kind: "report";
  view: SpendView;
  dataset: Dataset;
  periods: ReportPeriod[];
  rows: SpendRow[];
  periodTotals: string[];
  total: string;
  /** Cost Explorer's ungrouped total over the synced days of the range. */
  billTotal: string | null;
  /** True when the view has no filter, so `total` must equal `billTotal` to the cent. */
  isUnfiltered: boolean;
  /** The two periods the change column compares, as indexes into `periods`. */
  change: { previous: number; current: number } | null;
  aliasedAmount: string | null;
  aliasedFrom: AliasedValues;
};

export type NotExactReport = { kind: "not-exact"; view: SpendView; message: string; alternatives: ViewLink[] };

type SpendSqlRow = {
  g1: string | null;
  g2: string | null;
  period: string | null;
  level: number;
  amount: string;
  aliased_amount: string | null;
  aliased_department: string[] | null;
  aliased_environment: string[] | null;
};
type TotalsRow = { period: string; days: number; estimated: boolean; total: string };

/**
 * The most cells (groups × periods with spend) a view builds. A spend view is one unauthenticated GET; by
 * service and account, day by day over years, it would be tens of millions of cells, and on the embedded
 * database that blocks every other request. 50,000 is ~70 periods of the largest real grouping.
 */
export const MAX_SPEND_CELLS = 50_000;
/** Periods a view may have: 400 days, months or quarters. */
export const MAX_SPEND_PERIODS = 400;
/** A report query taking longer is stopped (Postgres; the embedded database has no timer). */
export const REPORT_STATEMENT_TIMEOUT_MS = 30_000;

const NARROW_HOW =
  "Narrow it: a shorter range (from/to), granularity=month or quarter instead of day, one dimension in by=, or a filter (e.g. service=…).";

export async function getSpendReport(
  db: Db,
  view: SpendView,
  opts: {
    now: Date;
    settings?: TagSettings;
    maxCells?: number;
    /**
     * Only these departments (as reports show them, after aliases): a person granted departments. The
     * whole bill is then not told either (billTotal null), since it is everyone's spend.
     */
    departments?: string[] | null;
    /** What prepareSpendRollup answered: a caller reading several reports side by side asks it once. */
    rollupReady?: boolean;
  },
): Promise<SpendReport | NotExactReport> {
  const departments = opts.departments ?? null;
  const periodCount = listPeriods(view, view.granularity).length;
  if (periodCount > MAX_SPEND_PERIODS) {
    throw badInput(
      `This view has ${periodCount.toLocaleString("en-US")} ${view.granularity} periods; at most ${MAX_SPEND_PERIODS} are shown. ${NARROW_HOW}`,
    );
  }
  const maxCells = opts.maxCells ?? MAX_SPEND_CELLS;
  const rowLimit = 2 * maxCells + periodCount + 2;
  const dimensions = listViewDimensions(view);
  // The department column must be in the dataset to restrict on it.
  const dataset = chooseDataset(departments ? [...dimensions, "department"] : dimensions);
  if (!dataset) {
    return {
      kind: "not-exact",
      view,
      message: toNotExactMessage(listViewDimensions(view)),
      alternatives: listExactAlternatives(view),
    };
  }
  const settings = opts.settings ?? (await getTagSettings(db));
  const useRollup = view.granularity !== "day" && (opts.rollupReady ?? (await prepareSpendRollup(db)));
  const spendQuery = buildSpendQuery(view, dataset, settings, departments, useRollup);
  const totalsQuery = buildPeriodTotalsQuery(view);
  const [rows, totals, accounts] = await Promise.all([
    // A bounded number of rows is read: the cells, one total per group (never more groups than cells), one per
    // period and the grand total. Reaching the limit means too many cells: the view is refused.
    queryWithTimeout<SpendSqlRow>(
      db,
      `SELECT * FROM (${spendQuery.text}) AS capped LIMIT ${rowLimit}`,
      spendQuery.params,
    ),
    db.sql.query<TotalsRow>(totalsQuery.text, totalsQuery.params),
    view.by.includes("account") ? listAccountNames(db) : Promise.resolve(new Map<string, string>()),
  ]);
  const cells = rows.filter((r) => r.level === 0).length;
  if (cells > maxCells || rows.length >= rowLimit) {
    throw badInput(
      `This view has more than ${maxCells.toLocaleString("en-US")} cells (groups × ${view.granularity}s), more than a page, chart or export shows. ${NARROW_HOW}`,
    );
  }
  const today = toDay(opts.now);
  const totalsByPeriod = new Map(totals.map((t) => [t.period, t]));
  const periods: ReportPeriod[] = listPeriods(view, view.granularity).map((period) => {
    const t = totalsByPeriod.get(period.start);
    return {
      ...period,
      days: countDays(period),
      daysWithData: t?.days ?? 0,
      estimated: t?.estimated ?? false,
      billTotal: departments ? null : (t?.total ?? null),
      isComplete: period.end <= today,
    };
  });
  const index = new Map(periods.map((p, i) => [p.start, i]));
  const change = toChangePeriods(periods);

  const grand = rows.find((r) => r.level === 7);
  const total = grand?.amount ?? "0";
  const periodTotals = periods.map(() => "0");
  const groups = new Map<string, SpendRow>();
  const groupOf = (r: SpendSqlRow) => {
    const id = JSON.stringify([r.g1, r.g2]);
    let row = groups.get(id);
    if (!row) {
      const values = [r.g1, r.g2];
      const keys = view.by.map((dimension, i) => toGroupKey(dimension, values[i] ?? null, settings, accounts));
      row = {
        keys,
        amounts: periods.map(() => "0"),
        total: "0",
        share: null,
        change: null,
        aliasedAmount: null,
        aliasedFrom: { department: [], environment: [] },
      };
      groups.set(id, row);
    }
    return row;
  };
  for (const r of rows) {
    const i = r.period === null ? undefined : index.get(r.period);
    if (r.level === 0 && i !== undefined) groupOf(r).amounts[i] = r.amount;
    else if (r.level === 1) {
      const row = groupOf(r);
      row.total = r.amount;
      row.aliasedAmount = r.aliased_amount;
      row.aliasedFrom = toAliasedFrom(r);
    } else if (r.level === 6 && i !== undefined) periodTotals[i] = r.amount;
  }
  const list = [...groups.values()].map((row) => ({
    ...row,
    share: toRatio(row.total, total),
    change: change ? toChange(row.amounts[change.current] ?? "0", row.amounts[change.previous] ?? "0") : null,
  }));
  list.sort(
    (a, b) =>
      compareMoney(b.total, a.total) ||
      a.keys
        .map((k) => k.label)
        .join()
        .localeCompare(b.keys.map((k) => k.label).join()),
  );
  const synced = periods.filter((p) => p.billTotal !== null);
  return {
    kind: "report",
    view,
    dataset,
    periods,
    rows: list,
    periodTotals,
    total,
    billTotal: synced.length > 0 ? addMoney(...synced.map((p) => p.billTotal ?? "0")) : null,
    isUnfiltered: Object.keys(view.filters).length === 0 && departments === null,
    change,
    aliasedAmount: grand?.aliased_amount ?? null,
    aliasedFrom: grand ? toAliasedFrom(grand) : { department: [], environment: [] },
  };
}

/** On Postgres, a report query is stopped after REPORT_STATEMENT_TIMEOUT_MS instead of holding a connection. */
async function queryWithTimeout<T extends Record<string, unknown>>(db: Db, text: string, params: unknown[]) {
  if (db.kind !== "postgres") return db.sql.query<T>(text, params);
  return db.transaction(async (tx) => {
    await tx.query(`SET LOCAL statement_timeout = ${REPORT_STATEMENT_TIMEOUT_MS}`);
    return tx.query<T>(text, params);
  });
}

/** The last complete period that has data, and the one before it. */
function toChangePeriods(periods: ReportPeriod[]): { previous: number; current: number } | null {
  if (periods.length < 2) return null;
  for (let i = periods.length - 1; i >= 1; i--) {
    const current = periods[i];
    if (current && current.isComplete && current.daysWithData > 0) return { previous: i - 1, current: i };
  }
  return null;
}

export function toChange(current: string, previous: string): { amount: string; ratio: number | null } {
  const amount = subtractMoney(current, previous);
  const ratio = toRatio(amount, previous.startsWith("-") ? subtractMoney("0", previous) : previous);
  return { amount, ratio };
}

function toAliasedFrom(r: SpendSqlRow): AliasedValues {
  return {
    department: [...(r.aliased_department ?? [])].sort(),
    environment: [...(r.aliased_environment ?? [])].sort(),
  };
}

export async function listAccountNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.sql.query<{ account_id: string; name: string }>("SELECT account_id, name FROM cost_account");
  return new Map(rows.map((r) => [r.account_id, r.name]));
}

/** Whether any Cost Explorer data was ever synced (pages show "No data yet — run a sync" otherwise). */
export async function hasCostData(db: Db): Promise<boolean> {
  const [row] = await db.sql.query<{ has: boolean }>("SELECT EXISTS (SELECT 1 FROM cost_day) AS has");
  return row?.has ?? false;
}
