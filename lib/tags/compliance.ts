// One compliance status per cost row: missing a required tag, else a value not allowed, else
// compliant — so compliant + missing + not allowed = total. An aliased value is still not allowed here:
// the alias fixes the reports, not the resource. ./sql.ts has the SQL twin.
import { classifyTagValue, type TagClassification } from "./classify";
import { TAG_KEYS, type TagKey, type TagSettings } from "@/lib/settings/tags";

export const COMPLIANCE_STATUSES = ["missing", "not-allowed", "compliant"] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** The raw tag values of a cost row (null or absent = no tag). */
export type TaggedRow = Partial<Record<TagKey, string | null>>;

export type ComplianceResult = {
  status: ComplianceStatus;
  /** The first key (department, project, environment) with the problem `status` names; null when compliant. */
  problemKey: TagKey | null;
  /** Each key on its own, for per-tag breakdowns (each adds up to the total by itself). */
  tags: Record<TagKey, TagClassification>;
};

export function toComplianceStatus(row: TaggedRow, settings: TagSettings): ComplianceResult {
  const tags = {
    department: classifyTagValue("department", row.department, settings),
    project: classifyTagValue("project", row.project, settings),
    environment: classifyTagValue("environment", row.environment, settings),
  };
  const missingKey = TAG_KEYS.find((key) => tags[key].status === "missing");
  if (missingKey) return { status: "missing", problemKey: missingKey, tags };
  const notAllowedKey = TAG_KEYS.find((key) => isNotAllowedForCompliance(tags[key]));
  if (notAllowedKey) return { status: "not-allowed", problemKey: notAllowedKey, tags };
  return { status: "compliant", problemKey: null, tags };
}

/** Not allowed for compliance: outside the list, or inside only through an alias. */
export function isNotAllowedForCompliance(classification: TagClassification): boolean {
  return classification.status === "not-allowed" || classification.status === "aliased";
}
