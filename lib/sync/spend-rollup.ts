// cost_monthly: cost_daily summed by month (raw tag values kept), so month views read ~30× fewer rows.
// The Cost Explorer swap refreshes it inside its own transaction, so the first report read after a sync finds it
// current; report reads still check it (one tiny query) and rebuild it themselves only for data a swap did not
// roll up (written before the swap did, or by hand).
import { addMonths } from "@/lib/dates";
import type { Sql } from "@/lib/db/types";

export type SpendRollupState = {
  latest: number | null;
  days: number;
  built_run: number | null;
  built_days: number | null;
};

const COLUMNS = "dataset, department, project, environment, service, account_id";
const SUMS = "sum(unblended), sum(amortized), sum(net_amortized)";
const MONTH = "day - (EXTRACT(DAY FROM day)::int - 1)";
// Any fixed number: only this module takes it (a transaction-level advisory lock), so a swap and a reader's
// fallback never rebuild at the same time.
const LOCK_KEY = 5_261_126;

/** The newest cost_day run and day count next to what cost_monthly was built from. */
export const READ_SPEND_ROLLUP_STATE = `SELECT (SELECT max(run_id) FROM cost_day) AS latest, (SELECT count(*)::int FROM cost_day) AS days,
  (SELECT run_id FROM cost_monthly_state) AS built_run, (SELECT days FROM cost_monthly_state) AS built_days`;

export function isSpendRollupCurrent(s: SpendRollupState): boolean {
  return s.built_days !== null && s.built_run === s.latest && s.built_days === s.days;
}

/**
 * Inside a transaction: brings cost_monthly up to date with cost_daily and records what it was built from.
 * `datasets` are the cost_daily datasets, rebuilt one statement each so each reads through the (dataset, day)
 * index. Returns the months rebuilt, "all", or null when it was already current.
 */
export async function refreshSpendRollup(tx: Sql, datasets: readonly string[]): Promise<string[] | "all" | null> {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
  const [state] = await tx.query<SpendRollupState>(READ_SPEND_ROLLUP_STATE); // another may have rebuilt it meanwhile
  if (!state || isSpendRollupCurrent(state)) return null;
  // Days only ever get a newer run id when replaced; fewer days or an older run id means a reset: rebuild all.
  const incremental =
    state.built_run !== null &&
    state.latest !== null &&
    state.latest >= state.built_run &&
    state.days >= (state.built_days ?? 0);
  const months = incremental ? await listChangedMonths(tx, state.built_run ?? 0) : "all";
  await rebuild(tx, months, datasets);
  await tx.query(
    `INSERT INTO cost_monthly_state (id, run_id, days, built_at) VALUES (1, $1, $2, now())
     ON CONFLICT (id) DO UPDATE SET run_id = EXCLUDED.run_id, days = EXCLUDED.days, built_at = EXCLUDED.built_at`,
    [state.latest, state.days],
  );
  return months;
}

async function listChangedMonths(tx: Sql, since: number): Promise<string[]> {
  const rows = await tx.query<{ month: string }>(
    `SELECT DISTINCT ${MONTH} AS month FROM cost_day WHERE run_id > $1 ORDER BY 1`,
    [since],
  );
  return rows.map((r) => r.month);
}

async function rebuild(tx: Sql, months: string[] | "all", datasets: readonly string[]) {
  if (months === "all") {
    await tx.query("DELETE FROM cost_monthly");
    await tx.query(`INSERT INTO cost_monthly (month, ${COLUMNS}, unblended, amortized, net_amortized)
      SELECT ${MONTH}, ${COLUMNS}, ${SUMS} FROM cost_daily GROUP BY 1, ${COLUMNS}`);
    return;
  }
  if (months.length === 0) return;
  await tx.query("DELETE FROM cost_monthly WHERE month = ANY($1::date[])", [months]);
  const from = months[0];
  const to = addMonths(months[months.length - 1] ?? "", 1);
  for (const dataset of datasets) {
    await tx.query(
      `INSERT INTO cost_monthly (month, ${COLUMNS}, unblended, amortized, net_amortized)
       SELECT ${MONTH} AS m, ${COLUMNS}, ${SUMS} FROM cost_daily
       WHERE dataset = $1 AND day >= $2::date AND day < $3::date AND ${MONTH} = ANY($4::date[])
       GROUP BY 1, ${COLUMNS}`,
      [dataset, from, to, months],
    );
  }
}
