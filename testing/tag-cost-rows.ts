// Cost rows for the tag read tests, inserted straight into the cost tables (test-only). Amounts are
// chosen so every expected total in the tests can be added up by hand; `unblended` is twice `amortized`
// on every row so a test can tell the metrics apart.
import type { Db } from "@/lib/db/types";

export type TaggedCostRow = {
  day: string;
  department: string;
  project: string;
  environment: string;
  amortized: string;
};
export type DetailCostRow = { dataset: string; day: string; tag: string; detail: string; amortized: string };

/**
 * The three-tag dataset. Under the demo settings (alias Prod → production):
 *  1 compliant · 2 department "Platform" not allowed · 3 environment "Prod" aliased · 4 department and project
 *  untagged · 5 environment untagged · 6 department "fin" not allowed · 7 project blank and environment
 *  "Production " · 8 compliant · 9 outside every tested range.
 */
export const TAGGED_ROWS: TaggedCostRow[] = [
  {
    day: "2026-10-05",
    department: "platform",
    project: "k8s-platform",
    environment: "production",
    amortized: "100.0000000001",
  },
  { day: "2026-10-05", department: "Platform", project: "ci-runners", environment: "shared", amortized: "20.10" },
  { day: "2026-10-06", department: "payments", project: "payments-api", environment: "Prod", amortized: "30.005" },
  { day: "2026-10-06", department: "", project: "", environment: "production", amortized: "7.25" },
  { day: "2026-11-02", department: "finance", project: "invoicing", environment: "", amortized: "3.3333333333" },
  { day: "2026-11-02", department: "fin", project: "invoicing", environment: "staging", amortized: "11.11" },
  { day: "2026-11-03", department: "video", project: " ", environment: "Production ", amortized: "5" },
  { day: "2026-11-03", department: "payments", project: "payments-api", environment: "production", amortized: "50" },
  { day: "2026-09-30", department: "Platform", project: "ci-runners", environment: "shared", amortized: "1000" },
];

/** Where the department offenders' spend comes from; each raw value adds up to its three-tag total. */
export const DEPARTMENT_DETAIL_ROWS: DetailCostRow[] = [
  {
    dataset: "department,service",
    day: "2026-10-05",
    tag: "Platform",
    detail: "Amazon Elastic Compute Cloud - Compute",
    amortized: "15",
  },
  { dataset: "department,service", day: "2026-10-05", tag: "Platform", detail: "AmazonCloudWatch", amortized: "5.10" },
  { dataset: "department,service", day: "2026-11-02", tag: "fin", detail: "AWS Lambda", amortized: "11.11" },
  { dataset: "department,service", day: "2026-10-06", tag: "", detail: "Tax", amortized: "7.25" },
  {
    dataset: "department,service",
    day: "2026-10-05",
    tag: "platform",
    detail: "Amazon Elastic Compute Cloud - Compute",
    amortized: "100.0000000001",
  },
  { dataset: "department,account", day: "2026-10-05", tag: "Platform", detail: "333333333333", amortized: "20.10" },
  { dataset: "department,account", day: "2026-11-02", tag: "fin", detail: "111111111111", amortized: "10" },
  { dataset: "department,account", day: "2026-11-02", tag: "fin", detail: "222222222222", amortized: "1.11" },
  { dataset: "department,account", day: "2026-10-06", tag: "", detail: "111111111111", amortized: "7.25" },
];

export async function insertTaggedRows(db: Db, rows: TaggedCostRow[] = TAGGED_ROWS) {
  for (const r of rows) {
    await db.sql.query(
      `INSERT INTO cost_daily (dataset, day, department, project, environment, service, account_id, unblended, amortized, net_amortized)
       VALUES ('department,project,environment', $1, $2, $3, $4, NULL, NULL, $5::numeric * 2, $5::numeric, $5::numeric)`,
      [r.day, r.department, r.project, r.environment, r.amortized],
    );
  }
  // The bill: Cost Explorer's ungrouped daily totals, which the three-tag rows add up to.
  await db.sql.query(
    `INSERT INTO cost_day (day, estimated, unblended, amortized, net_amortized, run_id)
     SELECT day, false, sum(unblended), sum(amortized), sum(net_amortized), 1
     FROM cost_daily WHERE dataset = 'department,project,environment' GROUP BY day`,
  );
}

export async function insertDetailRows(db: Db, rows: DetailCostRow[] = DEPARTMENT_DETAIL_ROWS) {
  for (const r of rows) {
    const [key, detail] = r.dataset.split(",");
    const detailColumn = detail === "account" ? "account_id" : "service";
    await db.sql.query(
      `INSERT INTO cost_daily (dataset, day, ${key}, ${detailColumn}, unblended, amortized, net_amortized)
       VALUES ($1, $2, $3, $4, $5::numeric * 2, $5::numeric, $5::numeric)`,
      [r.dataset, r.day, r.tag, r.detail, r.amortized],
    );
  }
  await db.sql.query(
    `INSERT INTO cost_account (account_id, name) VALUES ('111111111111', 'costwise-prod'), ('222222222222', 'costwise-staging'), ('333333333333', 'costwise-shared')
     ON CONFLICT (account_id) DO NOTHING`,
  );
}
