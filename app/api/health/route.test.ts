import { afterEach, describe, expect, it } from "vitest";
import { setProcessDb } from "@/lib/db/process-db";
import { testDatabases, type TestDb } from "@/testing/databases";
import { runSync } from "@/lib/sync/run-sync";
import { GET } from "./route";

describe.each(testDatabases())("GET /api/health on $name", ({ create }) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    setProcessDb(undefined);
    await db?.drop();
    db = undefined;
  });

  it("answers 200 with the database reachable and the last successful sync time", async () => {
    db = await create();
    setProcessDb(Promise.resolve(db));
    const before = await (await GET()).json();
    expect(before).toEqual({
      status: "ok",
      database: { reachable: true, kind: db.kind },
      migrations: { pending: [] },
      lastSuccessfulSync: null,
      data: {
        stale: true,
        staleAfterDays: 2,
        message: "No sync has succeeded yet: the pages show no data or demo data.",
        sources: [], // no vendor configured here: nothing to go stale (freshness.test.ts has both)
      },
    });
    await runSync({
      db,
      now: new Date(),
      sources: [{ name: "aws", label: "aws", requestCostCents: 1, run: async () => ({ range: null }) }],
    });
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Date.parse(body.lastSuccessfulSync)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.data).toEqual({ stale: false, staleAfterDays: 2, message: "Data is current.", sources: [] });

    // Three days later the data is stale: reported, and the probe still answers 200 (liveness holds).
    await db.sql.query("UPDATE sync_run SET finished_at = now() - interval '3 days'");
    const stale = await GET();
    expect(stale.status).toBe(200);
    expect((await stale.json()).data).toMatchObject({
      stale: true,
      message: expect.stringMatching(/^The last successful sync finished 3 days ago \(more than 2\)/),
    });
  });

  it("answers 503 while the database lacks a migration of this version (not ready), naming it", async () => {
    db = await create();
    setProcessDb(Promise.resolve(db));
    const [newest] = await db.sql.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`,
    );
    // As after restoring a backup taken before the last upgrade.
    await db.sql.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [newest!.migration_name]);
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: "unavailable",
      database: { reachable: true },
      migrations: { pending: [newest!.migration_name] },
    });
  });

  it("answers 503 when the database is down", async () => {
    db = await create();
    const down = { ...db };
    await db.drop(); // the database is gone under the running app
    db = undefined;
    setProcessDb(Promise.resolve(down));
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unavailable", database: { reachable: false } });
  });
});
