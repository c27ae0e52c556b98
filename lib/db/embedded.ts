import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openPostgres } from "./postgres";
import { createPrismaClient } from "./prisma-client";
import type { Db, Row, Sql } from "./types";

/** Same value shapes as lib/db/postgres.ts. */
const parsers = { 1082: (v: string) => v, 20: (v: string) => Number(v) };

export type LockInfo = { pid: number; port: number | null; command: string; startedAt: string };

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

function releaseLock(dir: string) {
  const file = path.join(dir, "costwise.lock");
  if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
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
  /** Serve the database on 127.0.0.1 over the Postgres protocol, so other Costwise commands can read it. */
  serve?: boolean;
  /** When another live process owns the directory: connect through its server (if it serves) instead of failing. */
  shareIfLocked?: boolean;
};

/**
 * Opens the embedded Postgres (PGlite) in `dir`. The directory belongs to one process at a time (lock file);
 * with `shareIfLocked`, a second process reaches it through the owner's Postgres-protocol server.
 */
export async function openEmbedded(opts: OpenEmbeddedOptions): Promise<Db> {
  const dir = path.resolve(opts.dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new Error(
      `Cannot create the embedded database directory ${dir}: ${(err as Error).message}. Set COSTWISE_DATA_DIR to a writable folder.`,
      { cause: err },
    );
  }
  const port = opts.serve ? await findFreePort() : null;
  const lock = takeLock(dir, { pid: process.pid, port, command: opts.command, startedAt: new Date().toISOString() });
  if (!lock.ok) {
    if (opts.shareIfLocked && lock.owner.port) {
      return openPostgres(`postgresql://postgres@127.0.0.1:${lock.owner.port}/postgres?sslmode=disable`, {
        kind: "embedded-shared",
        label: `embedded database at ${dir}, through process ${lock.owner.pid} (${lock.owner.command})`,
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
  let server: PGLiteSocketServer | undefined;
  if (port) {
    server = new PGLiteSocketServer({ db: pglite, port, host: "127.0.0.1", maxConnections: 4 });
    await server.start();
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
