import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { createPrismaClient } from "./prisma-client";
import type { Db, DbKind, Row, Sql } from "./types";

// Same value shapes as the embedded database: dates stay "YYYY-MM-DD" (pg would build a local-time Date),
// bigint counts become numbers, numeric stays an exact decimal string.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 1082) return (v: string) => v;
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname || "/"}`;
  } catch {
    return "(unparseable URL)";
  }
}

function toSql(client: pg.Pool | pg.PoolClient): Sql {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const res = await client.query({ text, values: params as unknown[], types });
      return res.rows as T[];
    },
    async exec(text: string) {
      await client.query({ text, types });
    },
  };
}

/**
 * A pooled connection for a while. Its server may end it meanwhile (a restart, an administrator, a dropped
 * network): the error then goes to a listener here instead of crashing the process as an unhandled 'error'
 * event; the query in flight fails on its own, and the broken connection is discarded, not returned to the pool.
 */
async function checkOut(pool: pg.Pool): Promise<{ client: pg.PoolClient; release(): void }> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => (lost = err);
  client.on("error", onError);
  return {
    client,
    release() {
      client.off("error", onError);
      client.release(lost);
    },
  };
}

/** Opens a pool on a Postgres server and checks that it answers; a clear error when it does not. */
export async function openPostgres(
  url: string,
  opts: { kind?: DbKind; label?: string; max?: number } = {},
): Promise<Db> {
  // TCP keepalive: the sync lock lives on a connection idle for the whole run; without probes a NAT or load
  // balancer may drop it silently, and the lock with it.
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 8,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types,
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  // No JIT compilation: the reports' aggregates over a few thousand rollup rows are planned above jit_above_cost
  // (the daily branch of a rollup read is estimated at 100,000+ rows), and compiling took 100–260 ms per statement
  // for 10–20 ms of work — /tags read 5× slower at size 10, and the larger plans past jit_optimize_above_cost cost
  // more still. A session setting, sent before any query of each new connection, so a pooler sees no startup option.
  pool.on("connect", (client) => {
    client.query("SET jit = off").catch(() => {});
  });
  const label = opts.label ?? `Postgres at ${describePostgresUrl(url)}`;
  try {
    await pool.query("SELECT 1");
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(
      `Cannot reach ${label}: ${(err as Error).message}. Start the server, fix DATABASE_URL, or unset DATABASE_URL to use the embedded database.`,
      { cause: err },
    );
  }
  // Prisma shares the pool (same connections, same limit): PrismaPg only adds its own value parsers per query.
  const prisma = createPrismaClient(new PrismaPg(pool));
  return {
    kind: opts.kind ?? "postgres",
    label,
    sql: toSql(pool),
    prisma,
    async transaction(fn) {
      const { client, release } = await checkOut(pool);
      try {
        await client.query("BEGIN");
        const out = await fn(toSql(client));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        release();
      }
    },
    async withSession(fn) {
      const { client, release } = await checkOut(pool);
      try {
        return await fn(toSql(client));
      } finally {
        release();
      }
    },
    async close() {
      await prisma.$disconnect().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
