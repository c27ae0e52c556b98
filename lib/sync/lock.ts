import type { Db, Sql } from "@/lib/db/types";

// Any constant: it only has to be the same in every process syncing into this database.
const SYNC_LOCK_KEY = 7_261_126_002;

export class SyncBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncBusyError";
  }
}

// Another key than the sync lock's, which the same process holds on its own connection: a transaction lock on
// that key would wait for our own session lock.
const SWAP_LOCK_KEY = 7_261_126_003;

/**
 * Call first inside a swap's transaction. The session lock lives on one idle connection, and if that connection
 * drops a second run can start; this lock, held until the swap commits or rolls back, keeps two swaps from
 * interleaving whatever happened to the session lock. Each swap also checks it moves exactly its own staged rows.
 */
export async function holdSwapLock(tx: Sql): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [SWAP_LOCK_KEY]);
}

/** The rows a swap moved differ from what its run staged: the transaction must roll back. */
export function checkMovedRows(what: string, moved: number, staged: number): void {
  if (moved !== staged) {
    throw new Error(
      `The swap would have stored ${moved} ${what} where this run staged ${staged} (another run may have cleared them); ` +
        `nothing was replaced. Run the sync again.`,
    );
  }
}

const embeddedHeld = new WeakSet<Db>();

/**
 * The run holding the lock, for the refusal to name it. Its holder records the run just after taking the lock,
 * so a request refused in that instant (two "Sync now" at once on two replicas) waits up to 2 s for the row.
 */
async function findRunningRun(db: Db): Promise<{ id: number; startedAt: Date } | null> {
  for (let attempt = 0; ; attempt++) {
    const running = await db.prisma.syncRun.findFirst({
      where: { status: "running" },
      orderBy: { id: "desc" },
      select: { id: true, startedAt: true },
    });
    if (running || attempt === 20) return running;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs fn while holding the database's sync lock, on its own connection.
 * Postgres: a session-level advisory lock, which the server drops by itself if this process dies, so a
 * killed sync never blocks the next one. Embedded: the database belongs to this process alone, so a
 * process-local flag is the lock; a process that only reaches it through its owner (read-only) may not sync.
 */
export async function withSyncLock<T>(db: Db, fn: (session: Sql) => Promise<T>): Promise<T> {
  if (db.kind === "embedded-shared") {
    throw new SyncBusyError(
      `Cannot sync: the ${db.label}. Use "Sync now" on /sync in the running app, or stop it and run the sync again.`,
    );
  }
  if (db.kind === "embedded") {
    if (embeddedHeld.has(db))
      throw new SyncBusyError("A sync is already running in this process; wait for it to finish.");
    embeddedHeld.add(db);
    try {
      return await db.withSession(fn);
    } finally {
      embeddedHeld.delete(db);
    }
  }
  return db.withSession(async (session) => {
    const [row] = await session.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [SYNC_LOCK_KEY]);
    if (!row?.ok) {
      const running = await findRunningRun(db);
      throw new SyncBusyError(
        `Another sync is running${running ? ` (run #${running.id}, started ${running.startedAt.toISOString()})` : ""}; wait for it to finish.`,
      );
    }
    try {
      return await fn(session);
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [SYNC_LOCK_KEY]).catch(() => {});
    }
  });
}
