// The one read of /commitments: what the last commitments refresh stored, compared for the chosen term and payment.
import {
  compareSideBySide,
  toCommitmentFigures,
  type CommitmentFigures,
  type SideBySide,
} from "@/lib/commitments/math";
import type { CommitmentsParams } from "@/lib/commitments/params";
import {
  getLastRefresh,
  listCoverage,
  listHeldCommitments,
  listRecommendations,
  listUtilization,
  type CommitmentRefresh,
  type CoverageMonth,
  type HeldCommitment,
  type Recommendation,
  type UtilizationMonth,
} from "@/lib/commitments/read";
import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { toDay } from "@/lib/dates";

export const EC2_SERVICE = "Amazon Elastic Compute Cloud - Compute";

export type CommitmentsPage = {
  refresh: CommitmentRefresh | null;
  sideBySide: SideBySide;
  /** Reservations of the other services (RDS, ElastiCache, OpenSearch, Redshift) for the same term and payment. */
  otherReservations: { recommendation: Recommendation; figures: CommitmentFigures }[];
  savingsPlansCoverage: CoverageMonth[];
  reservationCoverage: CoverageMonth[];
  savingsPlansUtilization: UtilizationMonth[];
  reservationUtilization: UtilizationMonth[];
  held: HeldCommitment[];
  today: string;
};

// Company-wide purchase decisions: every reader (viewer, finance, admin); department and team grants do not see it.
export async function getCommitmentsPage(
  db: Db,
  access: Access,
  now: Date,
  params: CommitmentsParams,
): Promise<CommitmentsPage> {
  await requireAccess(db, access, "read", "/commitments");
  const today = toDay(now);
  const [refresh, recommendations, coverage, utilization, held] = await Promise.all([
    getLastRefresh(db),
    listRecommendations(db),
    listCoverage(db),
    listUtilization(db),
    listHeldCommitments(db, today),
  ]);
  return {
    refresh,
    sideBySide: compareSideBySide(recommendations, params.term, params.payment, EC2_SERVICE),
    otherReservations: recommendations
      .filter(
        (r) =>
          r.program === "reserved-instances" &&
          r.service !== EC2_SERVICE &&
          r.term === params.term &&
          r.payment === params.payment,
      )
      .map((recommendation) => ({ recommendation, figures: toCommitmentFigures(recommendation) })),
    savingsPlansCoverage: coverage.filter((c) => c.program === "savings-plans"),
    reservationCoverage: coverage.filter((c) => c.program === "reserved-instances"),
    savingsPlansUtilization: utilization.filter((u) => u.program === "savings-plans"),
    reservationUtilization: utilization.filter((u) => u.program === "reserved-instances"),
    held,
    today,
  };
}
