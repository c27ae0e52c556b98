import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedLockedError, openEmbedded, takeLock, toDataDirAction } from "./embedded";
import { applyMigrations } from "./migrate";
import { testDatabases } from "@/testing/databases";
import type { Db } from "./types";

const dirs: string[] = [];
const open: Db[] = [];
function tempDir() {
  const d = mkdtempSync(path.join(tmpdir(), "costwise-lock-"));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const db of open.splice(0).reverse()) await db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("embedded database lock", () => {
  it("belongs to one process: a live owner makes a second open fail with who holds it", async () => {
    const dir = tempDir();
    // A live process other than us holds the lock (our parent stands in for `npm run demo`).
    writeFileSync(
      path.join(dir, "costwise.lock"),
      JSON.stringify({ pid: process.ppid, socket: null, command: "npm run demo", startedAt: "2026-11-26T00:00:00Z" }),
    );
    const err = await openEmbedded({ dir, command: "test" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedLockedError);
    expect((err as Error).message).toContain(`in use by process ${process.ppid} (npm run demo`);
    expect((err as Error).message).toContain(dir);
  });

  it("takes over a lock whose owner is gone, and removes its own lock on close", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "costwise.lock"),
      JSON.stringify({ pid: 2 ** 22 + 12345, socket: null, command: "killed", startedAt: "x" }),
    );
    const db = await openEmbedded({ dir, command: "test" });
    expect(JSON.parse(readFileSync(path.join(dir, "costwise.lock"), "utf8")).pid).toBe(process.pid);
    await db.close();
    expect(existsSync(path.join(dir, "costwise.lock"))).toBe(false);
  });

  it("lets another command read the owner's database through its socket, and only read it", async () => {
    const dir = tempDir();
    const owner = await openEmbedded({ dir, command: "owner", serve: true });
    open.push(owner);
    await owner.withSession((s) => applyMigrations(s));
    await owner.sql.query("INSERT INTO setting (key, value) VALUES ('k', '{\"a\":1}')");
    const info = JSON.parse(readFileSync(path.join(dir, "costwise.lock"), "utf8"));
    // pretend the owner is another process: same lock, other pid
    writeFileSync(path.join(dir, "costwise.lock"), JSON.stringify({ ...info, pid: process.ppid }));
    const reader = await openEmbedded({ dir, command: "reader", shareIfLocked: true });
    open.push(reader);
    expect(reader.kind).toBe("embedded-shared");
    expect(reader.label).toBe(`embedded database at ${dir}, in use by process ${process.ppid} (owner), read-only here`);
    expect(await reader.sql.query("SELECT value FROM setting WHERE key = 'k'")).toEqual([{ value: { a: 1 } }]);
    expect(await reader.prisma.setting.findUnique({ where: { key: "k" } })).toMatchObject({ value: { a: 1 } });
    // A write (here a Prisma interactive transaction) is refused, and says why.
    await expect(
      reader.prisma.$transaction((tx) => tx.setting.update({ where: { key: "k" }, data: { value: { a: 2 } } })),
    ).rejects.toThrow(/refused: the embedded database at .* belongs to process/);
    expect(await owner.prisma.setting.findUnique({ where: { key: "k" } })).toMatchObject({ value: { a: 1 } });
    writeFileSync(path.join(dir, "costwise.lock"), JSON.stringify(info));
  });

  it("creates the data directory 0700, tightens one others can read, and refuses a world-writable one", async () => {
    const parent = tempDir();
    const fresh = path.join(parent, "data");
    open.push(await openEmbedded({ dir: fresh, command: "test" }));
    expect(statSync(fresh).mode & 0o777).toBe(0o700);

    const readable = path.join(parent, "readable");
    mkdirSync(readable, { mode: 0o755 });
    chmodSync(readable, 0o755);
    open.push(await openEmbedded({ dir: readable, command: "test" }));
    expect(statSync(readable).mode & 0o777).toBe(0o700);

    const open777 = path.join(parent, "open");
    mkdirSync(open777);
    chmodSync(open777, 0o777);
    await expect(openEmbedded({ dir: open777, command: "test" })).rejects.toThrow(
      `The embedded database directory ${open777} is not safe to use: anyone can write to it. Make it yours alone (chmod 700 ${open777})`,
    );
    expect(existsSync(path.join(open777, "costwise.lock"))).toBe(false);
  });

  it.each([
    ["0700, ours", 0o700, 1000, "ok"],
    ["0755, ours", 0o755, 1000, "tighten"],
    ["0750, ours", 0o750, 1000, "tighten"],
    ["0777", 0o777, 1000, "refuse"],
    ["1777 (sticky, like /tmp)", 0o1777, 1000, "refuse"],
    ["0755, another user's", 0o755, 0, "refuse"],
    ["0700, another user's (our access is the OS's business)", 0o700, 0, "ok"],
  ])("data directory %s → %s", (_name, mode, uid, kind) => {
    expect(toDataDirAction({ mode: 0o040000 | mode, uid, isDirectory: true }, 1000).kind).toBe(kind);
  });

  it("lets a Prisma transaction wait its turn behind a long one (a sync's swap) instead of failing after 2 s", async () => {
    const db = await testDatabases()[0]!.create(); // the embedded one
    try {
      let release!: () => void;
      let holding!: () => void;
      const held = new Promise<void>((r) => (holding = r));
      const swap = db.transaction(async (tx) => {
        await tx.query("SELECT 1");
        holding();
        await new Promise<void>((r) => (release = r));
      });
      await held;
      const save = db.prisma.$transaction((tx) => tx.setting.create({ data: { key: "k", value: {} } }));
      await new Promise((r) => setTimeout(r, 2_500)); // longer than Prisma's default wait for a transaction
      release();
      await swap;
      await expect(save).resolves.toMatchObject({ key: "k" });
    } finally {
      await db.drop();
    }
  });

  it("names the directory and what to do when it cannot be opened", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "pgdata"), "not a directory");
    await expect(openEmbedded({ dir, command: "test" })).rejects.toThrow(
      new RegExp(`Cannot open the embedded database in ${path.join(dir, "pgdata")}.*move the folder aside`),
    );
    expect(existsSync(path.join(dir, "costwise.lock"))).toBe(false);
  });

  it("takeLock is exclusive between two takers", () => {
    const dir = tempDir();
    const info = { pid: process.pid, socket: null, command: "a", startedAt: "x" };
    expect(takeLock(dir, info)).toEqual({ ok: true });
    writeFileSync(path.join(dir, "costwise.lock"), JSON.stringify({ ...info, pid: process.ppid }));
    expect(takeLock(dir, info)).toMatchObject({ ok: false, owner: { pid: process.ppid } });
  });
});
