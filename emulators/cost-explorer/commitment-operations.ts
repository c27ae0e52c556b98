// The commitment operations the emulator answers (coverage, utilization, purchase recommendations).
export const COMMITMENT_OPERATIONS = [
  "GetSavingsPlansPurchaseRecommendation",
  "GetReservationPurchaseRecommendation",
  "GetSavingsPlansCoverage",
  "GetSavingsPlansUtilization",
  "GetSavingsPlansUtilizationDetails",
  "GetReservationCoverage",
  "GetReservationUtilization",
] as const;
export type CommitmentOperation = (typeof COMMITMENT_OPERATIONS)[number];

export function isCommitmentOperation(name: string): name is CommitmentOperation {
  return (COMMITMENT_OPERATIONS as readonly string[]).includes(name);
}
