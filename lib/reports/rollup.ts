// Report reads check that cost_monthly (lib/sync/spend-rollup.ts) is current: one tiny query. The Cost Explorer
// swap keeps it current, so this rebuilds only data no swap rolled up: stored before the swap did it, or by hand.
import type { Db } from "@/lib/db/types";
import {
  isSpendRollupCurrent,
  READ_SPEND_ROLLUP_STATE,
  refreshSpendRollup,
  type SpendRollupState,
} from "@/lib/sync/spend-rollup";
import { DATASETS } from "./datasets";

/**
 * Whether a report may read whole months from cost_monthly: brought up to date first, except through a shared
 * connection (a command reading the embedded database of a running server), which may not write. Out of date
 * there (data no swap rolled up), the report sums cost_daily instead: slower, the same cents.
 */
export async function prepareSpendRollup(db: Db): Promise<boolean> {
  if (db.kind === "embedded-shared") {
    const [state] = await db.sql.query<SpendRollupState>(READ_SPEND_ROLLUP_STATE);
    return state !== undefined && isSpendRollupCurrent(state);
  }
  await ensureSpendRollup(db);
  return true;
}

/** Brings cost_monthly up to date with cost_daily; cheap when nothing changed. Returns the months rebuilt. */
export async function ensureSpendRollup(db: Db): Promise<string[] | "all" | null> {
  const [state] = await db.sql.query<SpendRollupState>(READ_SPEND_ROLLUP_STATE);
  if (!state || isSpendRollupCurrent(state)) return null;
  return db.transaction((tx) =>
    refreshSpendRollup(
      tx,
      DATASETS.map((d) => d.name),
    ),
  );
}
