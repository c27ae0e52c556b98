import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";
import { Prisma, PrismaClient } from "@/generated/prisma/client";

/**
 * The Prisma client of a database, over its driver adapter (PrismaPg on the pool, PrismaPGlite on the embedded
 * database). An interactive transaction waits for its turn as `db.transaction` does: the embedded database is one
 * session, so it queues behind whatever transaction holds it — a sync's swap can take seconds on a large company —
 * and Prisma's default wait (2 s) would fail a settings or initiative save made while a sync runs.
 */
export function createPrismaClient(adapter: SqlDriverAdapterFactory): PrismaClient {
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 60_000 } });
}

/**
 * A numeric column read through Prisma as a string. Prisma's Decimal drops trailing zeros (0.30 comes back as
 * 0.3), so money keeps at least its cents: an amount written with cents reads back exactly as written, as raw SQL
 * returns it.
 */
export function toDecimalString(value: Prisma.Decimal, minPlaces = 2): string {
  return value.toFixed(Math.max(minPlaces, value.decimalPlaces()));
}

/** A "YYYY-MM-DD" day as Prisma writes it into a `@db.Date` column (UTC midnight; read it back with toDay). */
export function toDateColumn(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Prisma's own error for a known cause: P2002 = a unique constraint refused the row, P2025 = no such record. */
export function isPrismaError(err: unknown, code: "P2002" | "P2025"): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === code;
}
