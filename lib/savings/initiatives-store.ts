// Savings initiatives in Postgres (table savings_initiative): list, get, create, update, delete.
// Input is validated by parseInitiativeInput before it gets here; names are unique (case-insensitive here,
// so "Load test off" and "load test off" cannot both exist).
import type { Db, Sql } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { parseStoredScope, type Initiative, type InitiativeInput, type InitiativeKind } from "./initiative";

type InitiativeRecord = {
  id: number;
  name: string;
  description: string;
  change_date: string;
  scope: unknown;
  kind: string;
  months: number;
  created_at: Date;
  updated_at: Date;
};

const COLUMNS = "id, name, description, change_date, scope, kind, months, created_at, updated_at";

function toInitiative(r: InitiativeRecord, now: Date): Initiative {
  const { scope, error } = parseStoredScope(r.scope, now);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    changeDate: r.change_date,
    kind: (r.kind === "rightsizing" ? "rightsizing" : "bill") as InitiativeKind,
    months: r.months,
    scope,
    scopeError: error,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** Every initiative, oldest change first (the order of the story). */
export async function listInitiatives(db: Db, now: Date): Promise<Initiative[]> {
  const rows = await db.sql.query<InitiativeRecord>(
    `SELECT ${COLUMNS} FROM savings_initiative ORDER BY change_date, id`,
  );
  return rows.map((r) => toInitiative(r, now));
}

export async function getInitiative(db: Db, id: number, now: Date): Promise<Initiative> {
  const [row] = await db.sql.query<InitiativeRecord>(`SELECT ${COLUMNS} FROM savings_initiative WHERE id = $1`, [id]);
  if (!row)
    throw new AppError(
      "not-found",
      `No savings initiative #${id}: it may have been deleted. Reload /savings to see the current list.`,
    );
  return toInitiative(row, now);
}

async function checkNameFree(sql: Sql, name: string, exceptId: number | null) {
  const [clash] = await sql.query<{ id: number }>(
    "SELECT id FROM savings_initiative WHERE lower(name) = lower($1) AND ($2::int IS NULL OR id <> $2)",
    [name, exceptId],
  );
  if (clash)
    throw new AppError(
      "conflict",
      `An initiative named “${name}” already exists (#${clash.id}); choose another name or edit that one.`,
    );
}

export async function createInitiative(db: Db, input: InitiativeInput, now: Date): Promise<Initiative> {
  return db.transaction(async (tx) => {
    await checkNameFree(tx, input.name, null);
    const [row] = await tx.query<InitiativeRecord>(
      `INSERT INTO savings_initiative (name, description, change_date, scope, kind, months, created_at, updated_at)
       VALUES ($1, $2, $3::date, $4::jsonb, $5, $6, $7, $7) RETURNING ${COLUMNS}`,
      [input.name, input.description, input.changeDate, JSON.stringify(input.scope), input.kind, input.months, now],
    );
    if (!row) throw new AppError("failed", "The initiative was not saved (no row returned).");
    return toInitiative(row, now);
  });
}

export async function updateInitiative(db: Db, id: number, input: InitiativeInput, now: Date): Promise<Initiative> {
  return db.transaction(async (tx) => {
    await checkNameFree(tx, input.name, id);
    const [row] = await tx.query<InitiativeRecord>(
      `UPDATE savings_initiative SET name = $2, description = $3, change_date = $4::date, scope = $5::jsonb, kind = $6, months = $7, updated_at = $8
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, input.name, input.description, input.changeDate, JSON.stringify(input.scope), input.kind, input.months, now],
    );
    if (!row) throw new AppError("not-found", `No savings initiative #${id} to update: it may have been deleted.`);
    return toInitiative(row, now);
  });
}

export async function deleteInitiative(db: Db, id: number): Promise<void> {
  const rows = await db.sql.query<{ id: number }>("DELETE FROM savings_initiative WHERE id = $1 RETURNING id", [id]);
  if (rows.length === 0)
    throw new AppError("not-found", `No savings initiative #${id} to delete: it may have been deleted already.`);
}
