import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { startShareServer, type ShareServer } from "./embedded-share";
import { openPostgres } from "./postgres";
import { createPrismaClient } from "./prisma-client";
import type { Db, Row, Sql } from "./types";

/** Same value shapes as lib/db/postgres.ts. */
const parsers = { 1082: (v: string) => v, 20: (v: string) => Number(v) };

/** `socket`: the folder of the owner's unix socket, when it serves the database to other commands. */
export type LockInfo = { pid: number; socket: string | null; command: string; startedAt: string };

export class EmbeddedLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: LockInfo,
  ) {
    super(
      `The embedded database at ${dir} is in use by process ${owner.pid} (${owner.command}, since ${owner.startedAt}). ` +
        `Stop that process first, or point DATABASE_URL at a Postgres server to share one database.`,
    );
    this.name = "EmbeddedLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/**
 * Takes the lock file of an embedded data directory. A lock whose owner process is gone is taken over.
 * Returns the live owner instead when another process holds it.
 */
export function takeLock(dir: string, info: LockInfo): { ok: true } | { ok: false; owner: LockInfo } {
  const file = path.join(dir, "costwise.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      return { ok: true };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readLock(file);
      if (owner && owner.pid !== process.pid && isAlive(owner.pid)) return { ok: false, owner };
      rmSync(file, { force: true }); // stale: its owner is gone (or the file is unreadable)
    }
  }
  throw new Error(`Could not take the lock file ${file}; remove it if no Costwise process is running.`);
}

/** Rewrites our own lock file (it is ours: takeLock created it). */
function writeLock(dir: string, info: LockInfo) {
  const file = path.join(dir, "costwise.lock");
  const tmp = `${file}.${process.pid}`;
  const fd = openSync(tmp, "w", 0o600);
  writeSync(fd, JSON.stringify(info));
  closeSync(fd);
  renameSync(tmp, file);
}

function releaseLock(dir: string) {
  const file = path.join(dir, "costwise.lock");
  if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
}

/**
 * What to do with the data directory's permissions. It holds the whole database and the socket other commands
 * read it through, so it is this user's alone (0700): group or other bits are taken away; a world-writable folder
 * is refused, since anyone may have put files (a lock, a socket, data) in it.
 */
export function toDataDirAction(
  st: { mode: number; uid: number; isDirectory: boolean },
  uid: number | null,
): { kind: "ok" } | { kind: "tighten" } | { kind: "refuse"; reason: string } {
  if (!st.isDirectory) return { kind: "refuse", reason: "it is not a folder" };
  if (st.mode & 0o002) return { kind: "refuse", reason: "anyone can write to it" };
  if ((st.mode & 0o077) === 0) return { kind: "ok" };
  if (uid !== null && st.uid !== uid)
    return { kind: "refuse", reason: `other users can read it and it belongs to uid ${st.uid}` };
  return { kind: "tighten" };
}

function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new Error(
      `Cannot create the embedded database directory ${dir}: ${(err as Error).message}. Set COSTWISE_DATA_DIR to a writable folder.`,
      { cause: err },
    );
  }
  const st = statSync(dir);
  const action = toDataDirAction(
    { mode: st.mode, uid: st.uid, isDirectory: st.isDirectory() },
    typeof process.getuid === "function" ? process.getuid() : null,
  );
  if (action.kind === "refuse") {
    throw new Error(
      `The embedded database directory ${dir} is not safe to use: ${action.reason}. ` +
        `Make it yours alone (chmod 700 ${dir}) or set COSTWISE_DATA_DIR to another folder.`,
    );
  }
  if (action.kind === "tighten") chmodSync(dir, 0o700);
}

function toSql(db: Pick<PGlite, "query" | "exec">): Sql {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const res = await db.query<T>(text, params as unknown[], { parsers });
      return res.rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
  };
}

export type OpenEmbeddedOptions = {
  dir: string;
  /** What holds the database, for the lock file and the "in use" message (e.g. "npm run demo"). */
  command: string;
  /** Serve the database on a unix socket over the Postgres protocol, so other Costwise commands can read it. */
  serve?: boolean;
  /** When another live process owns the directory: connect through its server (if it serves) instead of failing. */
  shareIfLocked?: boolean;
};

/**
 * Opens the embedded Postgres (PGlite) in `dir` (created 0700). The directory belongs to one process at a time
 * (lock file); with `shareIfLocked`, a second process reaches it read-only through the owner's socket
 * (lib/db/embedded-share.ts).
 */
export async function openEmbedded(opts: OpenEmbeddedOptions): Promise<Db> {
  const dir = path.resolve(opts.dir);
  prepareDataDir(dir);
  const startedAt = new Date().toISOString();
  const lock = takeLock(dir, { pid: process.pid, socket: null, command: opts.command, startedAt });
  if (!lock.ok) {
    if (opts.shareIfLocked && lock.owner.socket) {
      return openPostgres(`postgresql://postgres@localhost/postgres?host=${encodeURIComponent(lock.owner.socket)}`, {
        kind: "embedded-shared",
        label: `embedded database at ${dir}, in use by process ${lock.owner.pid} (${lock.owner.command}), read-only here`,
        max: 2,
      });
    }
    throw new EmbeddedLockedError(dir, lock.owner);
  }

  let pglite: PGlite;
  try {
    pglite = new PGlite(path.join(dir, "pgdata"));
    await pglite.waitReady;
  } catch (err) {
    releaseLock(dir);
    throw new Error(
      `Cannot open the embedded database in ${path.join(dir, "pgdata")}: ${(err as Error).message}. ` +
        `If it is damaged, move the folder aside (or delete it to start empty) and run the command again.`,
      { cause: err },
    );
  }
  let server: ShareServer | undefined;
  if (opts.serve) {
    try {
      server = await startShareServer(pglite, { pid: process.pid, command: opts.command, dir });
      writeLock(dir, { pid: process.pid, socket: server.socketDir, command: opts.command, startedAt });
    } catch (err) {
      await server?.stop();
      await pglite.close().catch(() => {});
      releaseLock(dir);
      throw err;
    }
  }
  return wrapPglite(pglite, `embedded Postgres (PGlite) at ${dir}`, {
    // Stop serving before PGlite closes: the socket server still talks to it while detaching clients.
    beforeClose: async () => void (await server?.stop().catch(() => {})),
    afterClose: async () => releaseLock(dir),
  });
}

type CloseHooks = { beforeClose?: () => Promise<void>; afterClose?: () => Promise<void> };

function wrapPglite(pglite: PGlite, label: string, hooks: CloseHooks): Db {
  const prisma = createPrismaClient(new PrismaPGlite(pglite));
  const sql = toSql(pglite);
  let closed = false;
  return {
    kind: "embedded",
    label,
    sql,
    prisma,
    transaction: (fn) => pglite.transaction((tx) => fn(toSql(tx))),
    // PGlite is a single session: one process owns it, so the session is the database itself.
    withSession: (fn) => fn(sql),
    async close() {
      if (closed) return;
      closed = true;
      await hooks.beforeClose?.();
      await prisma.$disconnect().catch(() => {});
      await pglite.close().catch(() => {});
      await hooks.afterClose?.();
    },
  };
}
