import type { PrismaClient } from "@/generated/prisma/client";

export type Row = Record<string, unknown>;

/**
 * Raw SQL, the same on Postgres and on the embedded PGlite.
 * Values come back normalised: numeric as decimal strings (exact money), bigint as number,
 * date as "YYYY-MM-DD", timestamptz as Date.
 */
export type Sql = {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters (migrations, DDL). */
  exec(text: string): Promise<void>;
};

export type DbKind = "postgres" | "embedded" | "embedded-shared";

export type Db = {
  kind: DbKind;
  /** What a person reads in logs: which database was opened. */
  label: string;
  /** Aggregates and bulk writes (staging inserts with `unnest`, swaps, report sums). */
  sql: Sql;
  /**
   * Simple records — one table's rows created, read, updated, deleted (sync runs, settings, savings initiatives,
   * and new tables of the same kind) — with the generated types of prisma/schema.prisma. Values are Prisma's:
   * numeric as Decimal (turn money into a string with toDecimalString), `@db.Date` as a Date at UTC midnight
   * (toDay / toDateColumn), Json parsed. Its interactive transactions are separate from `transaction` below.
   */
  prisma: PrismaClient;
  /** A short transaction: commits when fn resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** One dedicated connection for the duration of fn (session-level advisory locks live on it). */
  withSession<T>(fn: (session: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
