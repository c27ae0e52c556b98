// The monthly rollup follows the daily data: rebuilt for the months a new run replaced, fully after a reset,
// and month views that start mid-month mix whole months from the rollup with days from cost_daily.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbedded } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import type { Db } from "@/lib/db/types";
import { testDatabases, type TestDb } from "@/testing/databases";
import { fromUnits, toUnits } from "@/lib/money";
import { ensureSpendRollup } from "./rollup";
import { getSpendReport } from "./spend-report";
import { SEED_NOW, SEED_RANGE, seedSpend } from "@/testing/spend-seed";
import { toDefaultSpendView, type SpendView } from "./view";

const now = SEED_NOW;
const norm = (amount: string) => fromUnits(toUnits(amount));

describe.each(testDatabases())("spend rollup on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    await seedSpend(db);
  });
  afterAll(async () => db?.drop());

  const totals = async (overrides: Partial<SpendView> = {}) => {
    const r = await getSpendReport(db, { ...toDefaultSpendView(now), ...SEED_RANGE, ...overrides }, { now });
    if (r.kind !== "report") throw new Error(r.message);
    return { total: norm(r.total), periods: r.periodTotals.map(norm) };
  };

  it("builds every month on first read of data no sync rolled up (stored before the sync did), then does nothing until the data changes", async () => {
    expect(await ensureSpendRollup(db)).toBe("all");
    expect(await totals()).toEqual({ total: "891.1500000001", periods: ["110.1000000001", "405.25", "375.8"] });
    expect(await ensureSpendRollup(db)).toBeNull();
  });

  it("rebuilds only the months whose days a newer run replaced", async () => {
    // A second run revises Oct 20: platform/k8s/staging 50.05 → 70.05 in every dataset, and the day's total.
    await db.sql.query(
      "UPDATE cost_daily SET amortized = amortized + 20 WHERE day = '2026-10-20' AND (department = 'platform' OR project = 'k8s' OR environment = 'staging' OR (service = 'EC2' AND account_id = '222222222222'))",
    );
    await db.sql.query("UPDATE cost_day SET amortized = amortized + 20, run_id = 2 WHERE day = '2026-10-20'");
    expect(await ensureSpendRollup(db)).toEqual(["2026-10-01"]);
    expect(await totals()).toEqual({ total: "911.1500000001", periods: ["110.1000000001", "425.25", "375.8"] });
    expect(await totals({ by: ["service"] })).toMatchObject({ total: "911.1500000001" });
  });

  it("takes whole months from the rollup and the edges from the days", async () => {
    // Sep 15 is inside [Sep 10, Nov 3): Sep 15 lines, all of October, Nov 2 lines (300.30 − 15).
    expect(await totals({ from: "2026-09-10", to: "2026-11-03" })).toEqual({
      total: "820.6500000001",
      periods: ["110.1000000001", "425.25", "285.3"],
    });
    expect(await totals({ from: "2026-09-10", to: "2026-11-03", granularity: "total" })).toMatchObject({
      total: "820.6500000001",
    });
  });

  it("rebuilds everything after a reset", async () => {
    await db.sql.query("DELETE FROM cost_daily");
    await db.sql.query("DELETE FROM cost_day");
    expect(await ensureSpendRollup(db)).toBe("all");
    expect(await totals()).toEqual({ total: "0", periods: ["0", "0", "0"] });
  });
});

describe("spend rollup read through a shared connection (a command beside the running server)", () => {
  let dir: string;
  let owner: Db;
  let reader: Db;
  let lock: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "costwise-rollup-share-"));
    owner = await openEmbedded({ dir, command: "npm start", serve: true });
    await owner.withSession((s) => applyMigrations(s));
    await seedSpend(owner);
    lock = readFileSync(path.join(dir, "costwise.lock"), "utf8");
    // The owner seen from another process: same lock, another live pid.
    writeFileSync(path.join(dir, "costwise.lock"), JSON.stringify({ ...JSON.parse(lock), pid: process.ppid }));
    reader = await openEmbedded({ dir, command: "npm run export", shareIfLocked: true });
  });
  afterAll(async () => {
    await reader?.close();
    if (lock) writeFileSync(path.join(dir, "costwise.lock"), lock);
    await owner?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sums the days while the rollup is out of date, without rebuilding it (it may not write), then uses it", async () => {
    const view = { ...toDefaultSpendView(now), ...SEED_RANGE, by: ["department" as const] };
    const read = async (db: Db) => {
      const r = await getSpendReport(db, view, { now });
      if (r.kind !== "report") throw new Error(r.message);
      return { total: norm(r.total), periods: r.periodTotals.map(norm) };
    };
    const expected = { total: "891.1500000001", periods: ["110.1000000001", "405.25", "375.8"] };
    expect(await read(reader)).toEqual(expected);
    expect(await owner.sql.query("SELECT count(*)::int AS n FROM cost_monthly_state")).toEqual([{ n: 0 }]);
    expect(await owner.sql.query("SELECT count(*)::int AS n FROM cost_monthly")).toEqual([{ n: 0 }]);
    // The owner's next read builds it; the reader then reads the same cents from it.
    expect(await read(owner)).toEqual(expected);
    expect(await read(reader)).toEqual(expected);
  });
});
