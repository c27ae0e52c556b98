// The /opportunities read pages each table, and its totals are those of every row: the same on every page, equal
// to the unpaged read's (what the export sends), on data that came through a real sync.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACCESS } from "@/lib/access/access";
import { addMoney, toUnits } from "@/lib/money";
import { getOpportunities } from "@/lib/opportunities/read";
import { parseSearchParams } from "@/lib/search-params";
import { getOpportunitySettings } from "@/lib/settings/opportunities";
import { getTagSettings } from "@/lib/settings/store";
import { runSync } from "@/lib/sync/run-sync";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "@/emulators/cost-explorer/server";
import { generateSpend } from "@/emulators/demo/spend";
import { createTestSource } from "@/testing/cost-explorer";
import { testDatabases, type TestDb } from "@/testing/databases";
import { getOpportunitiesPage, opportunitiesPageQuerySchema, type OpportunitiesPageQuery } from "./opportunities";

const NOW = new Date("2026-11-26T08:00:00Z");

describe("the /opportunities URL", () => {
  it.each([
    [{}, { s3Page: 1, rdsPage: 1, size: 50 }],
    [
      { s3Page: "3", rdsPage: "2", size: "25", month: "2026-10" },
      { s3Page: 3, rdsPage: 2, size: 25, month: "2026-10" },
    ],
    [
      { s3Page: "", size: " " },
      { s3Page: 1, rdsPage: 1, size: 50 },
    ],
  ])("reads %j as %j", (input, value) => {
    expect(parseSearchParams(opportunitiesPageQuerySchema, input)).toEqual({ ok: true, value });
  });

  it.each([
    [{ s3Page: "0" }, 's3Page="0": pages start at 1'],
    [{ rdsPage: "two" }, 'rdsPage="two": expected a page number'],
    [{ s3Page: "1.5" }, 's3Page="1.5": expected a whole page number'],
    [{ size: "30" }, 'size="30": expected one of 25, 50, 100, 200'],
    [{ s3Page: ["1", "2"] }, "s3Page is given 2 times; give it once."],
  ])("refuses %j: %s", (input, problem) => {
    const parsed = parseSearchParams(opportunitiesPageQuerySchema, input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toEqual([problem]);
  });
});

let emulator: CostExplorerEmulator;
beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: NOW, spend: generateSpend({ now: NOW }) });
});
afterAll(() => emulator.close());

describe.each(testDatabases())("the /opportunities read on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
    const result = await runSync({
      db,
      now: NOW,
      range: { from: "2026-10-01", to: "2026-11-01" },
      sources: [createTestSource(emulator)],
    });
    expect(result.status).toBe("succeeded");
  });
  afterAll(() => db.drop());
  const query = (over: Partial<OpportunitiesPageQuery> = {}): OpportunitiesPageQuery => ({
    s3Page: 1,
    rdsPage: 1,
    size: 25,
    ...over,
  });

  it("shows one page of each table, with the totals of every row on every page", async () => {
    const settings = { opportunities: await getOpportunitySettings(db), tags: await getTagSettings(db) };
    const all = await getOpportunities(db, {}, settings, NOW);
    const first = await getOpportunitiesPage(db, CLI_ACCESS, query(), NOW);
    expect(first.glacier.pageCount).toBeGreaterThan(1); // else this test pages nothing
    expect(first.glacier.rows).toHaveLength(25);
    expect(first.glacier.total).toBe(all.glacier.length);

    // Every page: the same totals; the pages together: every row once, in the unpaged order.
    const pageCount = Math.max(first.glacier.pageCount, first.retention.pageCount);
    const glacier: string[] = [];
    const retention: string[] = [];
    for (let page = 1; page <= pageCount; page++) {
      const shown = await getOpportunitiesPage(db, CLI_ACCESS, query({ s3Page: page, rdsPage: page }), NOW);
      expect(shown.totals, `page ${page}`).toEqual(first.totals);
      if (page <= shown.glacier.pageCount) glacier.push(...shown.glacier.rows.map((o) => o.project));
      if (page <= shown.retention.pageCount) retention.push(...shown.retention.rows.map((o) => o.project));
    }
    expect(glacier).toEqual(all.glacier.map((o) => o.project));
    expect(retention).toEqual(all.retention.map((o) => o.project));

    // The totals are those of every row, not of a page: as the unpaged read (and the export) count them.
    const positive = (rows: { savingsUsd: string }[]) =>
      rows.map((o) => o.savingsUsd).filter((usd) => toUnits(usd) > 0n);
    expect(first.totals).toEqual({
      savingsUsd: all.totalSavingsUsd,
      savingMoves: positive([...all.glacier, ...all.retention]).length,
      glacier: { projects: all.glacier.length, savingsUsd: addMoney("0", ...positive(all.glacier)) },
      retention: { projects: all.retention.length, savingsUsd: addMoney("0", ...positive(all.retention)) },
      untaggedUsd: all.untaggedUsd,
    });
    // (The moves that save money all sort onto the first page: the count of projects is what paging would cut.)
    expect(first.totals.glacier.projects).toBeGreaterThan(first.glacier.rows.length);
    const bigPage = await getOpportunitiesPage(db, CLI_ACCESS, query({ size: 200 }), NOW);
    expect(bigPage.totals).toEqual(first.totals);
  });

  it("shows the last page for a page past the end, and each table pages on its own", async () => {
    const last = await getOpportunitiesPage(db, CLI_ACCESS, query({ s3Page: 99 }), NOW);
    expect(last.glacier.page).toBe(last.glacier.pageCount);
    expect(last.glacier.rows.length).toBeGreaterThan(0);
    expect(last.retention.page).toBe(1);
    const [first, second] = await Promise.all(
      [1, 2].map((s3Page) => getOpportunitiesPage(db, CLI_ACCESS, query({ s3Page }), NOW)),
    );
    expect(second?.retention.rows).toEqual(first?.retention.rows);
    expect(second?.glacier.rows[0]?.project).not.toBe(first?.glacier.rows[0]?.project);
  });
});
