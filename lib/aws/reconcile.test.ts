// Staging, reconciliation and the swap in SQL, on the embedded database and on Postgres (TEST_DATABASE_URL).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { findMismatches, findMissingDays, findUnexpectedDays, formatMismatches } from "./reconcile";
import {
  createStagingWriter,
  insertStagedDays,
  insertStagedRows,
  readStoredDays,
  swapInStaged,
  type StagedBatch,
} from "./store";

const RUN = 7;
const DATASETS = ["department,service", "service,account"] as const;

/** Rows of department × service (account column empty → NULL). */
function departmentService(rows: [day: string, department: string, service: string, unblended: string][]): StagedBatch {
  return {
    count: rows.length,
    day: rows.map((r) => r[0]),
    department: rows.map((r) => r[1]),
    project: [],
    environment: [],
    service: rows.map((r) => r[2]),
    account: [],
    unblended: rows.map((r) => r[3]),
    amortized: rows.map((r) => r[3]),
    netAmortized: rows.map((r) => r[3]),
  };
}
function serviceAccount(rows: [day: string, service: string, account: string, unblended: string][]): StagedBatch {
  return {
    count: rows.length,
    day: rows.map((r) => r[0]),
    department: [],
    project: [],
    environment: [],
    service: rows.map((r) => r[1]),
    account: rows.map((r) => r[2]),
    unblended: rows.map((r) => r[3]),
    amortized: rows.map((r) => r[3]),
    netAmortized: rows.map((r) => r[3]),
  };
}
const totals = (days: [string, string][]) => ({
  days: days.map((d) => d[0]),
  estimated: days.map(() => false),
  unblended: days.map((d) => d[1]),
  amortized: days.map((d) => d[1]),
  netAmortized: days.map((d) => d[1]),
});

describe.each(testDatabases())("staging and reconciliation on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.sql.exec(
      "DELETE FROM cost_daily_staging; DELETE FROM cost_day_staging; DELETE FROM cost_daily; DELETE FROM cost_day; DELETE FROM cost_account",
    );
  });

  it("stores raw values exactly as sent: untagged '' apart from NULL, odd characters, 10-decimal amounts", async () => {
    const odd = ["fin", "Production ", 'a "quoted", {braced} \\ value', "NULL", "", "übung ✓"];
    await insertStagedRows(
      db,
      RUN,
      "department,service",
      departmentService(odd.map((d, i) => ["2026-10-01", d, "Tax", `0.000000000${i}`])),
    );
    const rows = await db.sql.query<{ department: string; project: string | null; service: string; unblended: string }>(
      "SELECT department, project, service, unblended::text AS unblended FROM cost_daily_staging WHERE run_id = $1 ORDER BY unblended",
      [RUN],
    );
    expect(rows.map((r) => r.department)).toEqual(odd);
    expect(rows.every((r) => r.project === null && r.service === "Tax")).toBe(true);
    expect(rows.map((r) => r.unblended)).toEqual(odd.map((_, i) => `0.000000000${i}`));
  });

  it("batches pages into few statements, every row kept, and reports a failed write", async () => {
    let statements = 0;
    const counting = {
      ...db,
      sql: {
        ...db.sql,
        query: (text: string, params?: readonly unknown[]) => (statements++, db.sql.query(text, params)),
      },
    } as typeof db;
    const writer = createStagingWriter(counting, RUN, "department,service", 5);
    for (let page = 0; page < 4; page++) {
      await writer.add(departmentService([1, 2, 3].map((i) => [`2026-10-0${i}`, `d${page}`, "S3", `${page}.${i}`])));
    }
    await writer.close();
    expect(statements).toBe(2); // 12 rows at 5 a batch: flushed at 6 and 12
    // Amounts "page.i": 3 × (0 + 1 + 2 + 3) + 4 × (0.1 + 0.2 + 0.3) = 18 + 2.4
    expect(await db.sql.query("SELECT count(*)::int AS n, sum(unblended)::text AS u FROM cost_daily_staging")).toEqual([
      { n: 12, u: "20.4" },
    ]);

    const failing = {
      ...db,
      sql: { ...db.sql, query: () => Promise.reject(new Error("connection lost")) },
    } as typeof db;
    const broken = createStagingWriter(failing, RUN, "department,service", 1);
    await broken.add(departmentService([["2026-10-01", "d", "S3", "1"]]));
    await expect(broken.close()).rejects.toThrow("connection lost");
  });

  it("passes when every dataset adds up to the daily total within a cent, exactly in numeric", async () => {
    await insertStagedDays(
      db,
      RUN,
      totals([
        ["2026-10-01", "0.3"],
        ["2026-10-02", "100.0000000001"],
      ]),
    );
    await insertStagedRows(
      db,
      RUN,
      "department,service",
      departmentService([
        ["2026-10-01", "video", "S3", "0.1"],
        ["2026-10-01", "", "Tax", "0.2"],
        ["2026-10-02", "data", "EC2", "100.0100000001"],
      ]),
    );
    await insertStagedRows(
      db,
      RUN,
      "service,account",
      serviceAccount([
        ["2026-10-01", "S3", "111111111111", "0.3"],
        ["2026-10-02", "EC2", "111111111111", "99.9900000001"],
      ]),
    );
    expect(await findMismatches(db, RUN, DATASETS)).toEqual({ count: 0, mismatches: [] });
  });

  it("names each day, dataset and metric that misses by more than a cent, including a dataset with no rows and rows without a total", async () => {
    await insertStagedDays(
      db,
      RUN,
      totals([
        ["2026-10-01", "10"],
        ["2026-10-02", "5"],
      ]),
    );
    await insertStagedRows(
      db,
      RUN,
      "department,service",
      departmentService([
        ["2026-10-01", "video", "S3", "10.0100000001"], // a hair over a cent
        ["2026-10-02", "video", "S3", "5"],
        ["2026-10-03", "video", "S3", "1"], // a day Cost Explorer sent no total for
      ]),
    );
    await insertStagedRows(db, RUN, "service,account", serviceAccount([["2026-10-01", "S3", "111111111111", "10"]])); // nothing on the 2nd
    const { count, mismatches } = await findMismatches(db, RUN, DATASETS);
    expect(count).toBe(9);
    expect(mismatches.filter((m) => m.metric === "unblended")).toEqual([
      {
        day: "2026-10-01",
        dataset: "department,service",
        metric: "unblended",
        total: "10",
        grouped: "10.0100000001",
        difference: "0.0100000001",
      },
      {
        day: "2026-10-02",
        dataset: "service,account",
        metric: "unblended",
        total: "5",
        grouped: "0",
        difference: "-5",
      },
      {
        day: "2026-10-03",
        dataset: "department,service",
        metric: "unblended",
        total: null,
        grouped: "1",
        difference: "1",
      },
    ]);
    const message = formatMismatches(count, mismatches.slice(0, 2));
    expect(message).toMatch(/^Reconciliation failed: 9 day × dataset × metric sums differ .* nothing was replaced/);
    expect(message).toContain(
      "2026-10-01 department,service amortized: rows add up to 10.0100000001, daily total 10 (off by 0.0100000001)",
    );
    expect(message).toContain("… and 7 more");
  });

  it("swaps in one transaction: the range replaced, days outside it kept, account names upserted", async () => {
    await db.sql.query(
      `INSERT INTO cost_daily (dataset, day, department, service, unblended, amortized, net_amortized) VALUES
         ('department,service', '2025-09-30', 'old', 'S3', 1, 1, 1), ('department,service', '2026-10-01', 'stale', 'S3', 2, 2, 2)`,
    );
    await db.sql.query(
      "INSERT INTO cost_day (day, estimated, unblended, amortized, net_amortized, run_id) VALUES ('2025-09-30', false, 1, 1, 1, 1), ('2026-10-01', true, 2, 2, 2, 1)",
    );
    await db.sql.query("INSERT INTO cost_account VALUES ('111111111111', 'old name')");
    await insertStagedDays(db, RUN, totals([["2026-10-01", "3"]]));
    await insertStagedRows(db, RUN, "department,service", departmentService([["2026-10-01", "video", "S3", "3"]]));
    await swapInStaged(
      db,
      RUN,
      { from: "2026-10-01", to: "2026-10-02" },
      new Map([
        ["111111111111", "costwise-prod"],
        ["222222222222", "costwise-staging"],
      ]),
      { rows: 1, days: 1, usageRows: 0 },
    );

    expect(await db.sql.query("SELECT day, department, unblended::text AS u FROM cost_daily ORDER BY day")).toEqual([
      { day: "2025-09-30", department: "old", u: "1" },
      { day: "2026-10-01", department: "video", u: "3" },
    ]);
    expect(await db.sql.query("SELECT day, estimated, run_id FROM cost_day ORDER BY day")).toEqual([
      { day: "2025-09-30", estimated: false, run_id: 1 },
      { day: "2026-10-01", estimated: false, run_id: RUN },
    ]);
    expect(await db.sql.query("SELECT * FROM cost_account ORDER BY account_id")).toEqual([
      { account_id: "111111111111", name: "costwise-prod" },
      { account_id: "222222222222", name: "costwise-staging" },
    ]);
    expect(await readStoredDays(db)).toEqual({ lastDay: "2026-10-01", firstEstimatedDay: null });
  });

  it("reads what the incremental plan needs, and an empty table as nothing stored", async () => {
    expect(await readStoredDays(db)).toEqual({ lastDay: null, firstEstimatedDay: null });
    await db.sql.query(
      "INSERT INTO cost_day (day, estimated, unblended, amortized, net_amortized, run_id) VALUES ('2026-10-31', false, 1, 1, 1, 1), ('2026-11-01', true, 1, 1, 1, 1), ('2026-11-02', true, 1, 1, 1, 1)",
    );
    expect(await readStoredDays(db)).toEqual({ lastDay: "2026-11-02", firstEstimatedDay: "2026-11-01" });
  });
});

describe("day coverage of the daily totals", () => {
  const range = { from: "2026-10-30", to: "2026-11-02" };
  it.each([
    [["2026-10-30", "2026-10-31", "2026-11-01"], [], []],
    [["2026-10-30", "2026-11-01"], ["2026-10-31"], []],
    [["2026-10-30", "2026-10-31", "2026-10-31", "2026-11-01", "2026-11-02"], [], ["2026-10-31", "2026-11-02"]],
  ])("%j: missing %j, unexpected %j", (days, missing, unexpected) => {
    expect(findMissingDays(range, days)).toEqual(missing);
    expect(findUnexpectedDays(range, days)).toEqual(unexpected);
  });
});
