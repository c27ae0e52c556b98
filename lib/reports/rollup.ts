// Keeps cost_monthly (monthly sums of cost_daily, raw tag values kept) in step with cost_daily, so month views
// read ~30× fewer rows. Checked on every report read (one tiny query); after a sync, the months whose days it
// replaced are rebuilt in one short transaction. A sync never has to know about it.
import { addMonths } from "@/lib/dates";
import type { Db, Sql } from "@/lib/db/types";
import { DATASETS } from "./datasets";

type State = { latest: number | null; days: number; built_run: number | null; built_days: number | null };

const COLUMNS = "dataset, department, project, environment, service, account_id";
const SUMS = "sum(unblended), sum(amortized), sum(net_amortized)";
// Any fixed number: only this module takes it (a transaction-level advisory lock).
const LOCK_KEY = 5_261_126;

const READ_STATE = `SELECT (SELECT max(run_id) FROM cost_day) AS latest, (SELECT count(*)::int FROM cost_day) AS days,
  (SELECT run_id FROM cost_monthly_state) AS built_run, (SELECT days FROM cost_monthly_state) AS built_days`;

function isCurrent(s: State): boolean {
  return s.built_days !== null && s.built_run === s.latest && s.built_days === s.days;
}

/**
 * Whether a report may read whole months from cost_monthly: brought up to date first, except through a shared
 * connection (a command reading the embedded database of a running server), which may not write. Out of date
 * there (a sync finished and no page was read since), the report sums cost_daily instead: slower, the same cents.
 */
export async function prepareSpendRollup(db: Db): Promise<boolean> {
  if (db.kind === "embedded-shared") {
    const [state] = await db.sql.query<State>(READ_STATE);
    return state !== undefined && isCurrent(state);
  }
  await ensureSpendRollup(db);
  return true;
}

/** Brings cost_monthly up to date with cost_daily; cheap when nothing changed. Returns the months rebuilt. */
export async function ensureSpendRollup(db: Db): Promise<string[] | "all" | null> {
  const [state] = await db.sql.query<State>(READ_STATE);
  if (!state || isCurrent(state)) return null;
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    const [fresh] = await tx.query<State>(READ_STATE); // another request may have rebuilt it while we waited
    if (!fresh || isCurrent(fresh)) return null;
    // Days only ever get a newer run id when replaced; fewer days or an older run id means a reset: rebuild all.
    const incremental =
      fresh.built_run !== null &&
      fresh.latest !== null &&
      fresh.latest >= fresh.built_run &&
      fresh.days >= (fresh.built_days ?? 0);
    const months = incremental ? await listChangedMonths(tx, fresh.built_run ?? 0) : "all";
    await rebuild(tx, months);
    await tx.query(
      `INSERT INTO cost_monthly_state (id, run_id, days, built_at) VALUES (1, $1, $2, now())
       ON CONFLICT (id) DO UPDATE SET run_id = EXCLUDED.run_id, days = EXCLUDED.days, built_at = EXCLUDED.built_at`,
      [fresh.latest, fresh.days],
    );
    return months;
  });
}

async function listChangedMonths(tx: Sql, since: number): Promise<string[]> {
  const rows = await tx.query<{ month: string }>(
    "SELECT DISTINCT day - (EXTRACT(DAY FROM day)::int - 1) AS month FROM cost_day WHERE run_id > $1 ORDER BY 1",
    [since],
  );
  return rows.map((r) => r.month);
}

async function rebuild(tx: Sql, months: string[] | "all") {
  const month = "day - (EXTRACT(DAY FROM day)::int - 1)";
  if (months === "all") {
    await tx.query("DELETE FROM cost_monthly");
    await tx.query(`INSERT INTO cost_monthly (month, ${COLUMNS}, unblended, amortized, net_amortized)
      SELECT ${month}, ${COLUMNS}, ${SUMS} FROM cost_daily GROUP BY 1, ${COLUMNS}`);
    return;
  }
  if (months.length === 0) return;
  await tx.query("DELETE FROM cost_monthly WHERE month = ANY($1::date[])", [months]);
  const from = months[0];
  const to = addMonths(months[months.length - 1] ?? "", 1);
  // One statement per dataset, so each reads through the (dataset, day) index.
  for (const dataset of DATASETS) {
    await tx.query(
      `INSERT INTO cost_monthly (month, ${COLUMNS}, unblended, amortized, net_amortized)
       SELECT ${month} AS m, ${COLUMNS}, ${SUMS} FROM cost_daily
       WHERE dataset = $1 AND day >= $2::date AND day < $3::date AND ${month} = ANY($4::date[])
       GROUP BY 1, ${COLUMNS}`,
      [dataset.name, from, to, months],
    );
  }
}
