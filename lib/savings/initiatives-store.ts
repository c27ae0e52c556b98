// Savings initiatives (table savings_initiative): list, get, create, update, delete, through the Prisma client.
// Input is validated by parseInitiativeInput before it gets here; names are unique (case-insensitive here,
// so "Load test off" and "load test off" cannot both exist).
import type { Prisma, SavingsInitiative } from "@/generated/prisma/client";
import { isPrismaError, toDateColumn } from "@/lib/db/prisma-client";
import type { Db } from "@/lib/db/types";
import { toDay } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { parseStoredScope, type Initiative, type InitiativeInput, type InitiativeKind } from "./initiative";

function toInitiative(r: SavingsInitiative, now: Date): Initiative {
  const { scope, error } = parseStoredScope(r.scope, now);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    changeDate: toDay(r.changeDate),
    kind: (r.kind === "rightsizing" ? "rightsizing" : "bill") as InitiativeKind,
    months: r.months,
    scope,
    scopeError: error,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const toRecord = (input: InitiativeInput, now: Date) => ({
  name: input.name,
  description: input.description,
  changeDate: toDateColumn(input.changeDate),
  scope: input.scope as Prisma.InputJsonObject,
  kind: input.kind,
  months: input.months,
  updatedAt: now,
});

/** Every initiative, oldest change first (the order of the story). */
export async function listInitiatives(db: Db, now: Date): Promise<Initiative[]> {
  const rows = await db.prisma.savingsInitiative.findMany({ orderBy: [{ changeDate: "asc" }, { id: "asc" }] });
  return rows.map((r) => toInitiative(r, now));
}

/** How many initiatives there are (the demo adds its own only to an empty ledger). */
export async function countInitiatives(db: Db): Promise<number> {
  return db.prisma.savingsInitiative.count();
}

export async function getInitiative(db: Db, id: number, now: Date): Promise<Initiative> {
  const row = await db.prisma.savingsInitiative.findUnique({ where: { id } });
  if (!row)
    throw new AppError(
      "not-found",
      `No savings initiative #${id}: it may have been deleted. Reload /savings to see the current list.`,
    );
  return toInitiative(row, now);
}

const nameTaken = (name: string, id?: number) =>
  new AppError(
    "conflict",
    `An initiative named “${name}” already exists${id ? ` (#${id})` : ""}; choose another name or edit that one.`,
  );

async function checkNameFree(tx: Prisma.TransactionClient, name: string, exceptId: number | null) {
  // Prisma answers a case-insensitive `equals` with ILIKE and passes the value as the pattern: escape the
  // pattern characters, or "L%" would clash with "Load test off".
  const literal = name.replace(/[\\%_]/g, "\\$&");
  const clash = await tx.savingsInitiative.findFirst({
    where: { name: { equals: literal, mode: "insensitive" }, ...(exceptId === null ? {} : { id: { not: exceptId } }) },
    select: { id: true },
  });
  if (clash) throw nameTaken(name, clash.id);
}

// The name check and the write share a transaction; two saves racing with the same name still meet the unique
// index (P2002), which gets the same answer.
export async function createInitiative(db: Db, input: InitiativeInput, now: Date): Promise<Initiative> {
  try {
    const row = await db.prisma.$transaction(async (tx) => {
      await checkNameFree(tx, input.name, null);
      return tx.savingsInitiative.create({ data: { ...toRecord(input, now), createdAt: now } });
    });
    return toInitiative(row, now);
  } catch (err) {
    throw isPrismaError(err, "P2002") ? nameTaken(input.name) : err;
  }
}

export async function updateInitiative(db: Db, id: number, input: InitiativeInput, now: Date): Promise<Initiative> {
  try {
    const row = await db.prisma.$transaction(async (tx) => {
      await checkNameFree(tx, input.name, id);
      return tx.savingsInitiative.update({ where: { id }, data: toRecord(input, now) });
    });
    return toInitiative(row, now);
  } catch (err) {
    if (isPrismaError(err, "P2025"))
      throw new AppError("not-found", `No savings initiative #${id} to update: it may have been deleted.`);
    throw isPrismaError(err, "P2002") ? nameTaken(input.name) : err;
  }
}

export async function deleteInitiative(db: Db, id: number): Promise<void> {
  const { count } = await db.prisma.savingsInitiative.deleteMany({ where: { id } });
  if (count === 0)
    throw new AppError("not-found", `No savings initiative #${id} to delete: it may have been deleted already.`);
}
