import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { openEmbedded } from "@/lib/db/embedded";
import { applyMigrations, listMigrations } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";
import type { Db } from "@/lib/db/types";

/** `url`: how another process reaches it (Postgres only; an embedded one belongs to this process). */
export type TestDb = Db & { drop(): Promise<void>; url?: string };
export type TestDbFactory = { name: string; create(): Promise<TestDb> };

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Refuses anything but a local server: tests create and drop databases. */
export function assertLocalDatabaseUrl(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(
      `TEST_DATABASE_URL points at ${host}; tests only run against a local Postgres (127.0.0.1 or localhost).`,
    );
  }
}

/**
 * A migrated embedded data directory, made once per set of migrations and copied for each test:
 * PGlite's initdb takes seconds, a copy a fraction of one.
 */
async function getEmbeddedTemplate(): Promise<string> {
  const hash = createHash("sha256")
    .update(
      listMigrations()
        .map((m) => `${m.name}:${m.checksum}`)
        .join(),
    )
    .digest("hex")
    .slice(0, 16);
  const template = path.join(tmpdir(), `costwise-test-template-${hash}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(path.join(tmpdir(), "costwise-template-build-"));
  const db = await openEmbedded({ dir: building, command: "test template" });
  await db.withSession((s) => applyMigrations(s));
  await db.close();
  try {
    renameSync(building, template); // atomic: a parallel worker that lost the race keeps the winner's copy
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

async function createEmbeddedTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), "costwise-test-"));
  cpSync(await getEmbeddedTemplate(), dir, { recursive: true });
  const db = await openEmbedded({ dir, command: "test" });
  await db.withSession((s) => applyMigrations(s));
  return {
    ...db,
    async drop() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a throwaway database on the TEST_DATABASE_URL server, migrated; drop() removes it. */
export async function createPostgresTestDb(serverUrl: string): Promise<TestDb> {
  assertLocalDatabaseUrl(serverUrl);
  const name = `costwise_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { label: `test database ${name}` });
  await db.withSession((s) => applyMigrations(s));
  return {
    ...db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * An empty throwaway database on the TEST_DATABASE_URL server, not migrated: for tests of a process that
 * migrates it itself (the image's entry point). Returns its URL; drop() removes it, also with sessions open.
 */
export async function createEmptyPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  assertLocalDatabaseUrl(serverUrl);
  const name = `costwise_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * The databases every integration test runs against: the embedded one in a temporary directory always,
 * and a real Postgres when TEST_DATABASE_URL is set. Use with `describe.each(testDatabases())`.
 */
export function testDatabases(): TestDbFactory[] {
  const list: TestDbFactory[] = [{ name: "embedded", create: createEmbeddedTestDb }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) list.push({ name: "postgres", create: () => createPostgresTestDb(url) });
  return list;
}
