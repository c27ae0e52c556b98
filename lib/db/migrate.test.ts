import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, listMigrations, type Migration } from "./migrate";
import { testDatabases, type TestDb } from "@/testing/databases";

const extra = (name: string, sql: string): Migration => ({ name, sql, checksum: `sum-${sql.length}-${name}` });

describe.each(testDatabases())("migrator on $name", ({ name, create }) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it("records every shipped migration once, with Prisma's columns, and applies nothing the second time", async () => {
    db = await create(); // create() already migrated
    const rows = await db.sql.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const shipped = listMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(shipped.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(shipped.map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
    expect(await db.withSession((s) => applyMigrations(s))).toEqual([]);
    // the schema is really there
    expect(await db.sql.query("SELECT count(*)::int AS n FROM sync_run")).toEqual([{ n: 0 }]);
  });

  it("applies a new migration and refuses one that was edited after it ran", async () => {
    db = await create();
    const m = extra("29990101000000_extra", "CREATE TABLE extra_t (id int);");
    expect(await db.withSession((s) => applyMigrations(s, [...listMigrations(), m]))).toEqual(["29990101000000_extra"]);
    const edited = { ...m, sql: "CREATE TABLE extra_t (id bigint);", checksum: "different" };
    await expect(db.withSession((s) => applyMigrations(s, [...listMigrations(), edited]))).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it("rolls back a failing migration completely and does not record it", async () => {
    db = await create();
    const bad = extra("29990101000001_bad", "CREATE TABLE half_done (id int); SELECT no_such_column FROM half_done;");
    await expect(db.withSession((s) => applyMigrations(s, [...listMigrations(), bad]))).rejects.toThrow(
      /29990101000001_bad failed/,
    );
    expect(await db.sql.query("SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    expect(
      await db.sql.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = $1`, [bad.name]),
    ).toEqual([{ n: 0 }]);
    // the database is still usable afterwards
    expect(await db.withSession((s) => applyMigrations(s))).toEqual([]);
  });

  // The embedded database belongs to one process (lock file), so only a server has racing migrators.
  it.skipIf(name === "embedded")(
    "lets two processes start together: the lock makes the second wait, then apply nothing",
    async () => {
      db = await create();
      const m = extra("29990101000002_slow", "SELECT pg_sleep(0.2); CREATE TABLE slow_t (id int);");
      const all = [...listMigrations(), m];
      const [a, b] = await Promise.all([
        db.withSession((s) => applyMigrations(s, all)),
        db.withSession((s) => applyMigrations(s, all)),
      ]);
      expect([...a, ...b]).toEqual(["29990101000002_slow"]);
    },
  );
});
