// The audit log's filters as a URL or export options (`?actor=…&action=auth&outcome=failed&from=…&to=…`):
// read once here, so the page and its downloads (web and command line) filter alike.
import { z } from "zod";
import { blankAsAbsent, paramError, parseSearchParams, type Parsed, type SearchParamsInput } from "@/lib/search-params";
import type { AuditFilter } from "./events";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (name: string) =>
  blankAsAbsent(
    z
      .string()
      .regex(DAY, paramError(name, "expected a day as YYYY-MM-DD"))
      .refine(
        (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
        {
          ...paramError(name, "expected a real day as YYYY-MM-DD"),
        },
      )
      .optional(),
  );

export const auditFilterSchema = z
  .object({
    actor: blankAsAbsent(z.string().max(320).optional()),
    action: blankAsAbsent(z.string().max(200).optional()),
    outcome: blankAsAbsent(
      z.enum(["ok", "refused", "failed"], paramError("outcome", "expected ok, refused or failed")).optional(),
    ),
    from: day("from"),
    to: day("to"),
    limit: blankAsAbsent(
      z.coerce
        .number(paramError("limit", "expected a whole number from 1 to 5000"))
        .int(paramError("limit", "expected a whole number from 1 to 5000"))
        .min(1, paramError("limit", "expected a whole number from 1 to 5000"))
        .max(5000, paramError("limit", "expected a whole number from 1 to 5000"))
        .optional(),
    ),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "from must be on or before to." });

export type AuditQuery = z.output<typeof auditFilterSchema>;

export function parseAuditQuery(input: SearchParamsInput): Parsed<AuditQuery> {
  return parseSearchParams(auditFilterSchema, input);
}

/** Days are whole UTC days, both included: `to=2026-12-06` reaches the last second of that day. */
export function toAuditFilter(q: AuditQuery): AuditFilter {
  return {
    actor: q.actor,
    action: q.action,
    outcome: q.outcome,
    from: q.from ? new Date(`${q.from}T00:00:00.000Z`) : undefined,
    to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
    limit: q.limit ?? 500,
  };
}
