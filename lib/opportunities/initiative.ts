// "Record as initiative": an opportunity becomes a savings initiative whose scope is that project's S3 or RDS spend
// (the project × service combination the spend report answers exactly), dated the day it is recorded, so the
// ledger measures what really happened on the bill afterwards and the deck can show it.
import { z } from "zod";
import { formatUsd } from "@/lib/money";
import { DEFAULT_MONTHS, type InitiativeInput } from "@/lib/savings/initiative";
import { toDay } from "@/lib/dates";
import { OPPORTUNITY_KINDS, type OpportunityKind } from "./read";
import { RDS_SERVICE, S3_SERVICE } from "./usage-types";

/** The form behind the button: which opportunity (kind, project, month) to record. */
export const recordOpportunityFormSchema = z.object({
  kind: z.enum(OPPORTUNITY_KINDS, { message: "s3-glacier-ir or rds-backup-retention" }),
  project: z.string().trim().min(1, "a project").max(200),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM"),
});

const TITLES: Record<OpportunityKind, string> = {
  "s3-glacier-ir": "S3 Standard → Glacier Instant Retrieval",
  "rds-backup-retention": "RDS backup retention",
};

/** The initiative's name: unique per project and kind, so recording twice is refused by the ledger's name check. */
export function toInitiativeName(kind: OpportunityKind, project: string): string {
  return `${project}: ${TITLES[kind]}`;
}

export function toOpportunityInitiative(
  opportunity: { kind: OpportunityKind; project: string; month: string; savingsUsd: string; detail: string },
  now: Date,
): InitiativeInput {
  return {
    name: toInitiativeName(opportunity.kind, opportunity.project),
    description:
      `Opportunity found in ${opportunity.month}: ${formatUsd(opportunity.savingsUsd)} a month projected. ${opportunity.detail}`.slice(
        0,
        280,
      ),
    changeDate: toDay(now),
    kind: "bill",
    months: DEFAULT_MONTHS,
    scope: {
      filters: {
        project: opportunity.project,
        service: opportunity.kind === "s3-glacier-ir" ? S3_SERVICE : RDS_SERVICE,
      },
    },
  };
}
