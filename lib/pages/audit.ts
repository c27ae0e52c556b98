// The one read of /settings/audit: the events the filters select, and the actors and actions to filter by.
import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { listAuditEvents, listAuditFacets, type AuditEvent } from "@/lib/audit/events";
import { toAuditFilter, type AuditQuery } from "@/lib/audit/filter";

export type AuditPage = { events: AuditEvent[]; actors: string[]; actions: string[]; limit: number };

export async function getAuditPage(db: Db, access: Access, query: AuditQuery): Promise<AuditPage> {
  await requireAccess(db, access, "admin", "/settings/audit");
  const filter = toAuditFilter(query);
  const [events, facets] = await Promise.all([listAuditEvents(db, filter), listAuditFacets(db)]);
  return { events, ...facets, limit: filter.limit ?? 500 };
}
