import type { Db } from "./types";

/**
 * The database this process owns, shared between scripts/start.ts (which opens it) and the Next.js
 * bundle (which has its own copy of every module, hence globalThis).
 */
const g = globalThis as typeof globalThis & { __costwiseDb?: Promise<Db> };

export function getProcessDb(): Promise<Db> | undefined {
  return g.__costwiseDb;
}

export function setProcessDb(db: Promise<Db> | undefined) {
  g.__costwiseDb = db;
}
