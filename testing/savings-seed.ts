// Tests only: a small company whose savings can be worked out by hand. One cost line per project on the 15th of
// each month (written into every dataset by the reports' seed), and the bill's daily totals for EVERY day from
// March 1 to November 25, 2026, so each month from March to October counts as fully synced.
import type { Db } from "@/lib/db/types";
import { seedSpend, type SeedLine } from "./spend-seed";

export const LEDGER_NOW = new Date("2026-11-26T12:00:00Z");
export const S3 = "Amazon Simple Storage Service";

const MONTHS = ["03", "04", "05", "06", "07", "08", "09", "10", "11"];

function lines(project: string, department: string, service: string, amounts: string[]): SeedLine[] {
  return amounts.flatMap((amortized, i) =>
    amortized === ""
      ? []
      : [
          {
            department,
            project,
            environment: "production",
            service,
            account: "111111111111",
            day: `2026-${MONTHS[i]}-15`,
            amortized,
          },
        ],
  );
}

/**
 * load-test: 3000 a month until May, 999 in June (the change month), nothing after → (3000 − 0) × 12 = 36000 a year.
 * recordings (S3): 1000 a month until May, 300 after → 700 × 12 = 8400 a year; its CloudFront line stays.
 * api: steady 500, never a candidate. legacy: 2000 until June, 0 from July — not an initiative: a candidate.
 */
export const LEDGER_LINES: SeedLine[] = [
  ...lines("load-test", "platform", "EC2", ["3000", "3000", "3000", "999", "", "", "", "", ""]),
  ...lines("recordings", "video", S3, ["1000", "1000", "1000", "650", "300", "300", "300", "300", "300"]),
  ...lines("recordings", "video", "CloudFront", ["50", "50", "50", "50", "50", "50", "50", "50", "50"]),
  ...lines("api", "payments", "EC2", ["500", "500", "500", "500", "500", "500", "500", "500", "500"]),
  ...lines("legacy", "platform", "OpenSearch", ["2000", "2000", "2000", "2000", "", "", "", "", ""]),
];

export async function seedLedgerSpend(db: Db): Promise<void> {
  await seedSpend(db, LEDGER_LINES);
  // The bill's daily totals for every other day (no spend those days): what makes a month "fully synced".
  await db.sql.query(
    `INSERT INTO cost_day (day, estimated, unblended, amortized, net_amortized, run_id)
     SELECT d::date, d >= '2026-11-01', 0, 0, 0, 1 FROM generate_series('2026-03-01'::date, '2026-11-25'::date, interval '1 day') AS d
     ON CONFLICT (day) DO NOTHING`,
  );
}
