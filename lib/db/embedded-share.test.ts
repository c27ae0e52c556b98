// The embedded database shared with other commands: a second process reads the owner's PGlite through its unix
// socket, never writes, and never runs inside (or rolls back) a transaction of the owner.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openEmbedded, type LockInfo } from "./embedded";
import { SOCKET_FILE, toFirstKeyword } from "./embedded-share";
import { applyMigrations } from "./migrate";
import type { Db } from "./types";

describe("toFirstKeyword", () => {
  it.each([
    ["SELECT 1", "select"],
    ["  \n\tselect 1", "select"],
    ["((SELECT 1))", "select"],
    ["-- a comment\nWITH x AS (SELECT 1) SELECT * FROM x", "with"],
    ["/* outer /* nested */ still a comment */ DELETE FROM t", "delete"],
    ["/* unterminated", ""],
    ["", ""],
    [";", ""],
    ["insert into t values (1)", "insert"],
    ["COMMIT; DELETE FROM t", "commit"],
    ["set_config", "set_config"],
    ["BEGIN", "begin"],
  ])("%j → %j", (sql, keyword) => {
    expect(toFirstKeyword(sql)).toBe(keyword);
  });
});

let dir: string;
let owner: Db;
let reader: Db;
let lock: LockInfo;
const lockFile = () => path.join(dir, "costwise.lock");

// One owner for the file (opening PGlite and migrating takes seconds); each test starts from one setting row.
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "costwise-share-"));
  owner = await openEmbedded({ dir, command: "npm start", serve: true });
  await owner.withSession((s) => applyMigrations(s));
  lock = JSON.parse(readFileSync(lockFile(), "utf8")) as LockInfo;
  // The reader must take the owner for another process: same lock, another live pid (our parent).
  writeFileSync(lockFile(), JSON.stringify({ ...lock, pid: process.ppid }));
  reader = await openEmbedded({ dir, command: "npm run export", shareIfLocked: true });
});
beforeEach(async () => {
  await owner.sql.query("DELETE FROM setting");
  await owner.sql.query(`INSERT INTO setting (key, value) VALUES ('k', '{"a":1}')`);
});
afterAll(async () => {
  await reader?.close();
  if (lock) writeFileSync(lockFile(), JSON.stringify(lock));
  await owner?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A connection of its own to the owner's socket, as any Postgres client makes it. */
async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ host: lock.socket!, user: "postgres", database: "postgres" });
  client.on("error", () => {});
  await client.connect();
  return client;
}

const settingKeys = async (db: Db) =>
  (await db.sql.query<{ key: string }>("SELECT key FROM setting ORDER BY key")).map((r) => r.key);

/** Holds a transaction of the owner open (a swap half done) until `finish` is called; it then rolls back. */
function holdOwnerTransaction() {
  let finish!: () => void;
  let opened!: () => void;
  const open = new Promise<void>((r) => (opened = r));
  const done = owner
    .transaction(async (tx) => {
      await tx.query(`INSERT INTO setting (key, value) VALUES ('half-done', '{}')`);
      opened();
      await new Promise<void>((r) => (finish = r));
      throw new Error("the swap fails");
    })
    .catch(() => "rolled back");
  return { open, done, finish: () => finish() };
}

const pending = Symbol("pending");
const settle = <T>(p: Promise<T>, ms = 300) =>
  Promise.race([p, new Promise<typeof pending>((r) => setTimeout(() => r(pending), ms))]);

describe("the embedded database shared with other commands", () => {
  it("is served on a unix socket in a 0700 folder of the data directory, which is 0700 itself", () => {
    expect(lock.socket).toBe(path.join(dir, "socket"));
    expect(statSync(path.join(dir, "socket", SOCKET_FILE)).isSocket()).toBe(true);
    expect(statSync(path.join(dir, "socket")).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(lock).not.toHaveProperty("port"); // no TCP port any local user could connect to
    expect(reader.kind).toBe("embedded-shared");
  });

  it("answers reads: parameters or none, Prisma, and a query the owner's settings rules use", async () => {
    expect(await reader.sql.query("SELECT value FROM setting WHERE key = $1", ["k"])).toEqual([{ value: { a: 1 } }]);
    expect(await reader.sql.query("SELECT count(*)::int AS n FROM setting")).toEqual([{ n: 1 }]);
    expect(await reader.prisma.setting.findUnique({ where: { key: "k" } })).toMatchObject({ value: { a: 1 } });
    expect(await reader.prisma.syncRun.findMany()).toEqual([]);
    const client = await connect();
    try {
      expect((await client.query("SHOW server_version")).rows).toHaveLength(1);
      // A simple query (no parameters) is one statement, as through the extended protocol.
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });

  it("refuses every write with a clear error, whatever form it takes, and changes nothing", async () => {
    const refused = async (p: Promise<unknown>) =>
      (
        (await p.then(
          () => null,
          (e: unknown) => e,
        )) as Error
      )?.message;
    expect(await refused(reader.sql.query(`INSERT INTO setting (key, value) VALUES ('x', '{}')`))).toMatch(
      /INSERT refused: the embedded database at .* belongs to process \d+ \(npm start\), and other commands may only read it/,
    );
    expect(await refused(reader.prisma.setting.create({ data: { key: "x", value: {} } }))).toMatch(/INSERT refused/);
    expect(await refused(reader.prisma.setting.deleteMany())).toMatch(/DELETE refused/);
    expect(await refused(reader.sql.exec("TRUNCATE setting"))).toMatch(/TRUNCATE refused/);
    // Writes hidden in a read: Postgres's read-only transaction refuses them.
    expect(
      await refused(reader.sql.query("WITH d AS (DELETE FROM setting RETURNING 1) SELECT count(*) FROM d")),
    ).toMatch(/read-only transaction/);
    expect(await refused(reader.sql.query("SELECT key INTO copied FROM setting"))).toMatch(/read-only transaction/);
    expect(await refused(reader.sql.query("SELECT nextval('sync_run_id_seq')"))).toMatch(/read-only transaction/);
    expect(await refused(reader.sql.query("SELECT set_config('transaction_read_only', 'off', true), 1"))).toMatch(
      /read-write mode must be set before any query/,
    );
    // A second statement after a read, and transaction control, never run.
    const [before] = await owner.sql.query("SHOW search_path");
    const client = await connect();
    try {
      expect(await refused(client.query("SELECT 1; DELETE FROM setting"))).toMatch(/multiple commands/);
      expect(await refused(client.query("COMMIT"))).toMatch(/COMMIT refused: .*transactions are not available/);
      expect(await refused(client.query("SET default_transaction_read_only = off"))).toMatch(/SET refused/);
      // A setting changed by a read is undone with the read's transaction, in the session the owner shares.
      await client.query("SELECT set_config('search_path', 'nowhere', false)");
    } finally {
      await client.end();
    }
    expect((await owner.sql.query("SHOW search_path"))[0]).toEqual(before);
    expect(await settingKeys(owner)).toEqual(["k"]);
  });

  it("never reads inside the owner's open transaction: a read waits for it and sees only what it committed", async () => {
    const swap = holdOwnerTransaction();
    await swap.open;
    const read = settingKeys(reader);
    expect(await settle(read)).toBe(pending); // it would otherwise see the half-done row
    swap.finish();
    expect(await swap.done).toBe("rolled back");
    expect(await read).toEqual(["k"]);
  });

  it("an export's BEGIN … COMMIT cannot commit the owner's half-done swap", async () => {
    const swap = holdOwnerTransaction();
    await swap.open;
    const statements = reader.withSession(async (s) => {
      for (const sql of ["BEGIN", "SELECT count(*) FROM setting", "COMMIT"]) await s.query(sql).catch(() => {});
    });
    await settle(statements);
    swap.finish();
    expect(await swap.done).toBe("rolled back");
    await statements;
    expect(await settingKeys(owner)).toEqual(["k"]);
  });

  it("a client that dies in the middle of a transaction does not roll back the owner's writes", async () => {
    const client = await connect();
    await client.query("BEGIN").catch(() => {});
    await owner.sql.query(`INSERT INTO setting (key, value) VALUES ('saved', '{}')`);
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect(await settingKeys(owner)).toEqual(["k", "saved"]);
    expect(await settingKeys(reader)).toEqual(["k", "saved"]);
  });
});
