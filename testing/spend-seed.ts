// A small hand-made company for the report tests: line items whose totals can be worked out by hand,
// written into every dataset the sync stores (each dataset sums the same lines, as Cost Explorer's
// groupings do) and into cost_day (the ungrouped daily totals). Test-only; the app never imports it.
import type { Db } from "@/lib/db/types";
import { DATASETS } from "@/lib/reports/datasets";
import { addMoney } from "@/lib/money";

export type SeedLine = {
  department: string;
  project: string;
  environment: string;
  service: string;
  account: string;
  day: string;
  /** Amortized; unblended is amortized + 1 and net amortized is amortized − 0.5 on every line. */
  amortized: string;
};

const line = (
  department: string,
  project: string,
  environment: string,
  service: string,
  account: string,
  day: string,
  amortized: string,
): SeedLine => ({
  department,
  project,
  environment,
  service,
  account,
  day,
  amortized,
});

export const SEED_NOW = new Date("2026-11-26T12:00:00Z");
export const SEED_RANGE = { from: "2026-09-01", to: "2026-12-01" };
/** November is still open: Cost Explorer marks its days Estimated. */
export const SEED_ESTIMATED_FROM = "2026-11-01";

export const SEED_LINES: SeedLine[] = [
  line("platform", "k8s", "production", "EC2", "111111111111", "2026-09-15", "100.10"),
  line("platform", "k8s", "production", "EC2", "111111111111", "2026-10-01", "200.20"),
  line("platform", "k8s", "production", "EC2", "111111111111", "2026-11-02", "300.30"),
  line("platform", "k8s", "staging", "EC2", "222222222222", "2026-10-20", "50.05"),
  line("platform", "ci", "shared", "EC2", "333333333333", "2026-09-15", "10.0000000001"),
  line("platform", "ci", "shared", "EC2", "333333333333", "2026-11-25", "20"),
  line("fin", "invoicing", "production", "RDS", "111111111111", "2026-10-01", "40"),
  line("finance", "invoicing", "Prod", "RDS", "111111111111", "2026-10-20", "60"),
  line("payments", "api", "qa", "Lambda", "222222222222", "2026-10-01", "30"),
  line("", "", "", "Tax", "111111111111", "2026-10-01", "25"),
  line("", "", "", "EC2", "111111111111", "2026-11-02", "-15"),
  line("payments", "api", "production", "Lambda", "111111111111", "2026-11-25", "70.5"),
];

export const SEED_ACCOUNTS = [
  { id: "111111111111", name: "costwise-prod" },
  { id: "222222222222", name: "costwise-staging" },
  { id: "333333333333", name: "costwise-shared" },
];

const COLUMNS = ["department", "project", "environment", "service", "account"] as const;

function amountsOf(l: SeedLine) {
  return {
    unblended: addMoney(l.amortized, "1"),
    amortized: l.amortized,
    net_amortized: addMoney(l.amortized, "-0.5"),
  };
}

/** Writes the lines into cost_daily (every dataset), cost_day and cost_account. */
export async function seedSpend(db: Db, lines: SeedLine[] = SEED_LINES) {
  const rows: unknown[][] = [];
  for (const dataset of DATASETS) {
    const groups = new Map<
      string,
      { key: (string | null)[]; day: string; sums: { unblended: string; amortized: string; net_amortized: string } }
    >();
    for (const l of lines) {
      const key = COLUMNS.map((c) => (dataset.dimensions.includes(c) ? l[c] : null));
      const id = JSON.stringify([l.day, key]);
      const a = amountsOf(l);
      const g = groups.get(id);
      if (!g) groups.set(id, { key, day: l.day, sums: a });
      else
        g.sums = {
          unblended: addMoney(g.sums.unblended, a.unblended),
          amortized: addMoney(g.sums.amortized, a.amortized),
          net_amortized: addMoney(g.sums.net_amortized, a.net_amortized),
        };
    }
    for (const g of groups.values())
      rows.push([dataset.name, g.day, ...g.key, g.sums.unblended, g.sums.amortized, g.sums.net_amortized]);
  }
  for (const r of rows) {
    await db.sql.query(
      `INSERT INTO cost_daily (dataset, day, department, project, environment, service, account_id, unblended, amortized, net_amortized)
       VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8::numeric, $9::numeric, $10::numeric)`,
      r,
    );
  }
  const days = [...new Set(lines.map((l) => l.day))];
  for (const day of days) {
    const ofDay = lines.filter((l) => l.day === day).map(amountsOf);
    await db.sql.query(
      `INSERT INTO cost_day (day, estimated, unblended, amortized, net_amortized, run_id) VALUES ($1::date, $2, $3::numeric, $4::numeric, $5::numeric, 1)`,
      [
        day,
        day >= SEED_ESTIMATED_FROM,
        addMoney(...ofDay.map((a) => a.unblended)),
        addMoney(...ofDay.map((a) => a.amortized)),
        addMoney(...ofDay.map((a) => a.net_amortized)),
      ],
    );
  }
  for (const a of SEED_ACCOUNTS)
    await db.sql.query("INSERT INTO cost_account (account_id, name) VALUES ($1, $2)", [a.id, a.name]);
}
