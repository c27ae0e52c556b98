// Tag compliance and offenders over whole months read the monthly rollup when it is current, and give the
// same report to the cent as the daily rows; when the rollup is missing or stale they read the daily rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { saveTagSettings } from "@/lib/settings/store";
import { insertTaggedRows } from "@/testing/tag-cost-rows";
import { toDemoTagSettings } from "@/testing/tag-settings";
import { getComplianceReport } from "./compliance-report";
import { listTagOffenders } from "./offenders";
import type { TagsQuery } from "./tags-query";

const WHOLE_MONTHS: TagsQuery = { from: "2026-10-01", to: "2026-12-01", metric: "amortized" };
const SETTINGS = toDemoTagSettings();
const COLUMNS = "dataset, department, project, environment, service, account_id";

// What lib/reports/rollup.ts builds, written out here (this folder sits below the reports).
async function buildRollup(db: TestDb) {
  await db.sql.query("DELETE FROM cost_monthly");
  await db.sql.query(
    `INSERT INTO cost_monthly (month, ${COLUMNS}, unblended, amortized, net_amortized)
     SELECT date_trunc('month', day)::date, ${COLUMNS}, sum(unblended), sum(amortized), sum(net_amortized)
     FROM cost_daily GROUP BY 1, ${COLUMNS}`,
  );
  await db.sql.query(
    `INSERT INTO cost_monthly_state (id, run_id, days, built_at)
     SELECT 1, max(run_id), count(*), now() FROM cost_day
     ON CONFLICT (id) DO UPDATE SET run_id = EXCLUDED.run_id, days = EXCLUDED.days, built_at = EXCLUDED.built_at`,
  );
}

const read = async (db: TestDb, query: TagsQuery) =>
  JSON.stringify([await getComplianceReport(db, query, SETTINGS), await listTagOffenders(db, query, SETTINGS)]);

describe.each(testDatabases())("tag reads over whole months on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await insertTaggedRows(db);
    await saveTagSettings(db, SETTINGS);
  });
  afterAll(async () => db?.drop());

  it("give the same report from the monthly rollup as from the daily rows, and read the rollup only when current", async () => {
    const daily = await read(db, WHOLE_MONTHS);
    await buildRollup(db);
    expect(await read(db, WHOLE_MONTHS)).toBe(daily);

    // Proof the rollup is what was read: a changed monthly sum shows while the rollup counts as current…
    await db.sql.query(
      "UPDATE cost_monthly SET amortized = amortized + 1 WHERE month = '2026-10-01' AND department = 'platform' AND project = 'k8s-platform'",
    );
    const report = await getComplianceReport(db, WHOLE_MONTHS, SETTINGS);
    const partial = await getComplianceReport(db, { ...WHOLE_MONTHS, to: "2026-11-30" }, SETTINGS); // not whole months
    expect(Number(report.overall.compliant)).not.toBe(Number(JSON.parse(daily)[0].overall.compliant));
    expect(partial.overall.compliant).not.toBe(report.overall.compliant);

    // …and is ignored once a sync changed the days it was built from.
    await db.sql.query("UPDATE cost_monthly_state SET days = days + 1");
    expect(await read(db, WHOLE_MONTHS)).toBe(daily);
  });
});
