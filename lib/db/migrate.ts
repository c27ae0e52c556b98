import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { Sql } from "./types";

export type Migration = { name: string; sql: string; checksum: string };

// Any constant works: it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_261_126_001;

export function listMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): Migration[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir))
    throw new Error(`Migrations folder ${dir} is missing: run Costwise from the project folder.`);
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Brings the schema up to date, under a Postgres advisory lock so that two processes starting together
 * never apply the same migration twice. Each migration runs in its own transaction and is recorded in
 * `_prisma_migrations` with Prisma's own columns, so the Prisma CLI (where it can run) sees it as applied.
 * Returns the names of the migrations it applied.
 */
export async function applyMigrations(session: Sql, migrations: Migration[] = listMigrations()): Promise<string[]> {
  await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await session.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const recorded = await session.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const byName = new Map(recorded.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const done = byName.get(m.name);
      if (done) {
        if (!done.finished_at) {
          throw new Error(
            `Migration ${m.name} started earlier but never finished. Fix the database by hand, then delete its row from _prisma_migrations.`,
          );
        }
        if (done.checksum !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied (checksum differs). Add a new migration instead of editing an applied one.`,
          );
        }
        continue;
      }
      await session.exec("BEGIN");
      try {
        await session.exec(m.sql);
        await session.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await session.exec("COMMIT");
      } catch (err) {
        await session.exec("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}

/**
 * The migrations this version has that the database has not applied (readiness: a server is ready only on the
 * schema it was built for). Migrations the database has beyond these are fine: a newer version applied them
 * during a rolling upgrade, and migrations only add.
 */
export async function listPendingMigrations(sql: Sql, migrations: Migration[] = listMigrations()): Promise<string[]> {
  const [table] = await sql.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  );
  if (!table?.exists) return migrations.map((m) => m.name);
  const done = await sql.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(done.map((r) => r.migration_name));
  return migrations.map((m) => m.name).filter((name) => !applied.has(name));
}
