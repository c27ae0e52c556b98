// The audit trail (table audit_event): every change and every refused access, written once through the
// Prisma client and read back newest first. Written in the same request as the change it records.
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/types";

export type AuditOutcome = "ok" | "refused" | "failed";

export type AuditEventInput = {
  /** The signed-in email, "local" without sign-in, "cli" for the command line. */
  actor: string;
  /** A dotted name: "settings.tags.save", "initiative.delete", "sync.start", "auth.sign-in", "access.refused". */
  action: string;
  /** What was acted on: a settings key, an initiative id, a path. */
  target?: string;
  outcome?: AuditOutcome;
  before?: unknown;
  after?: unknown;
  /** One line for people: why it was refused, what failed. */
  detail?: string;
};

export type AuditEvent = {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  before: unknown;
  after: unknown;
  detail: string;
};

export type AuditFilter = {
  actor?: string;
  /** Matches the action itself and everything under it: "settings" matches "settings.tags.save". */
  action?: string;
  outcome?: AuditOutcome;
  /** Inclusive bounds. */
  from?: Date;
  to?: Date;
  limit?: number;
};

const MAX_TEXT = 2_000;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

/** JSON columns take any JSON value; undefined means "no value" (SQL NULL). */
const toJson = (value: unknown) =>
  value === undefined ? Prisma.DbNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

export async function recordAuditEvent(db: Db, event: AuditEventInput): Promise<void> {
  await db.prisma.auditEvent.create({
    data: {
      actor: clip(event.actor),
      action: clip(event.action),
      target: clip(event.target ?? ""),
      outcome: event.outcome ?? "ok",
      before: toJson(event.before),
      after: toJson(event.after),
      detail: clip(event.detail ?? ""),
    },
  });
}

/** Events newest first, filtered; at most `limit` (default 500, at most 5,000). */
export async function listAuditEvents(db: Db, filter: AuditFilter = {}): Promise<AuditEvent[]> {
  const rows = await db.prisma.auditEvent.findMany({
    where: {
      actor: filter.actor,
      outcome: filter.outcome,
      ...(filter.action ? { OR: [{ action: filter.action }, { action: { startsWith: `${filter.action}.` } }] } : {}),
      at: { gte: filter.from, lte: filter.to },
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(filter.limit ?? 500, 1), 5_000),
  });
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    outcome: (["ok", "refused", "failed"].includes(r.outcome) ? r.outcome : "failed") as AuditOutcome,
    before: r.before ?? undefined,
    after: r.after ?? undefined,
    detail: r.detail,
  }));
}

/** The actors and actions that occur in the trail, for the filter lists; actions with their dotted parents. */
export async function listAuditFacets(db: Db): Promise<{ actors: string[]; actions: string[] }> {
  const [actors, actions] = await Promise.all([
    db.prisma.auditEvent.findMany({ distinct: ["actor"], select: { actor: true }, orderBy: { actor: "asc" } }),
    db.prisma.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  const withParents = new Set<string>();
  for (const { action } of actions) {
    const parts = action.split(".");
    for (let i = 1; i <= parts.length; i++) withParents.add(parts.slice(0, i).join("."));
  }
  return { actors: actors.map((a) => a.actor), actions: [...withParents].sort() };
}
